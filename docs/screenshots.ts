// npm run screenshots: the README's pictures, taken from the packaged extension in code-server.
// Seeds three weeks of plausible practice (made with the core engine itself) through Import
// Progress, then photographs each surface in the dark, light and high-contrast themes, in the same
// demo workspace that `npm run demo` opens.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bank } from '../src/core/bank';
import { QuizContentSchema } from '../src/core/content/compiled';
import { drawMock, mockGoto, mockSelect, mockSubmit, startMock } from '../src/core/engine/mock';
import { seededRandom } from '../src/core/engine/random';
import { keysOf } from '../src/core/engine/grading';
import { exportDocument } from '../src/core/progress/exportFile';
import { emptyProgress } from '../src/core/progress/schema';
import { Workbench } from '../test/e2e/workbench';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'docs', 'images');
const bank = new Bank(QuizContentSchema.parse(JSON.parse(readFileSync(join(ROOT, 'dist', 'content.json'), 'utf8'))));

function seed(): string {
  const random = seededRandom(2026);
  const p = emptyProgress();
  const now = Date.now();
  const skill: Record<string, number> = { 'databricks-ml': 0.78, 'data-processing': 0.62, 'model-development': 0.7, 'model-deployment': 0.5 };
  const bp = bank.blueprint('current');
  let n = 0;
  for (let day = 21; day >= 1; day--) {
    if (random() < 0.25) continue;
    const count = 6 + Math.floor(random() * 10);
    for (let i = 0; i < count; i++) {
      const q = bank.questions[Math.floor(random() * bank.questions.length)]!;
      const dom = bank.domainOf(q.objective, bp)?.id ?? 'databricks-ml';
      const right = random() < (skill[dom] ?? 0.6) + (21 - day) * 0.008;
      const at = now - day * 86_400_000 + i * 90_000;
      p.answers.push({ id: `seed-${n++}`, q: q.id, at, choices: right ? keysOf(q) : [q.choices.find((c) => !c.correct)!.id], correct: right, ms: 40_000 + Math.floor(random() * 60_000), mode: 'practice' });
    }
  }
  // One finished mock from last week.
  const t0 = now - 6 * 86_400_000;
  let m = startMock('seed-mock', bp, drawMock(bank, bp, [], random).questionIds, t0);
  let t = t0;
  m.questionIds.forEach((id, i) => {
    const q = bank.get(id)!;
    const pickKey = random() < 0.72;
    for (const k of pickKey ? keysOf(q) : [q.choices.find((c) => !c.correct)!.id]) m = mockSelect(m, q, k, (t += 1000));
    if (i + 1 < m.questionIds.length) m = mockGoto(m, i + 1, (t += 60_000 + Math.floor(random() * 60_000)));
  });
  const done = mockSubmit(m, bank, t + 5000, 'user', (id) => `seed-mock:${id}`);
  p.mocks[done.mock.id] = done.mock;
  p.answers.push(...done.answers);
  p.ticks['w1.workspace'] = { checked: true, at: now - 20 * 86_400_000, by: 'user' };
  p.ticks['w1.ml-cluster'] = { checked: true, at: now - 20 * 86_400_000, by: 'user' };
  p.ticks['w2.start-run'] = { checked: true, at: now - 14 * 86_400_000, by: 'user' };
  // Booked twelve days ago for 24 days from now: a dated, compressed plan and an exam-day forecast.
  const local = new Date(now + 24 * 86_400_000);
  p.exam = { date: `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`, at: now - 12 * 86_400_000 };
  return exportDocument(p, now);
}

/** The home panel's exam part and the statistics' exam-day forecast (npm run screenshots -- exam). */
async function shootExam(theme: 'Default Dark Modern' | 'Default Light Modern', tag: string) {
  const wb = await new Workbench().start({ theme, viewport: { width: 1280, height: 800 }, workspace: join(ROOT, 'demo') });
  try {
    const file = join(mkdtempSync(join(tmpdir(), 'mlap-seed-')), 'seed.json');
    writeFileSync(file, seed());
    await wb.commandWithFile('ML Associate Prep: Import Progress', 'Import ML Associate Prep progress', file);
    await wb.page.locator('.monaco-dialog-box a.monaco-button, .monaco-dialog-box button', { hasText: 'Merge into my progress' }).first().click();
    await wb.page.waitForTimeout(1500);
    await wb.command('Notifications: Clear All Notifications');
    await wb.openActivity();
    await wb.command('ML Associate Prep: Open Quiz in Editor Tab');
    let quiz = await wb.quiz('home', 'editor');
    await quiz.locator('.exam-forecast summary').click();
    await wb.page.waitForTimeout(800);
    await wb.page.screenshot({ path: join(OUT, `exam-home-${tag}.png`) });
    await quiz.locator('button.tile', { hasText: 'Statistics' }).click();
    quiz = await wb.quiz('stats', 'editor');
    await quiz.locator('h3', { hasText: 'Readiness on the exam day' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await wb.page.waitForTimeout(800);
    await wb.page.screenshot({ path: join(OUT, `exam-stats-${tag}.png`) });
  } finally {
    await wb.stop();
  }
}

async function shoot(theme: 'Default Dark Modern' | 'Default Light Modern' | 'Default High Contrast' | 'Default High Contrast Light', tag: string, all: boolean) {
  const wb = await new Workbench().start({ theme, viewport: { width: 1280, height: 800 }, workspace: join(ROOT, 'demo') });
  try {
    const file = join(mkdtempSync(join(tmpdir(), 'mlap-seed-')), 'seed.json');
    writeFileSync(file, seed());
    await wb.commandWithFile('ML Associate Prep: Import Progress', 'Import ML Associate Prep progress', file);
    await wb.page.locator('.monaco-dialog-box a.monaco-button, .monaco-dialog-box button', { hasText: 'Merge into my progress' }).first().click();
    await wb.page.waitForTimeout(1500);
    await wb.command('Notifications: Clear All Notifications');
    const out = (name: string) => wb.page.screenshot({ path: join(OUT, `${name}-${tag}.png`) });

    if (all) {
      await wb.openFile('04_registry.py');
      await wb.hover('client.set_registered_model_alias(name, "challenger"', 'set_registered_model_alias');
      await wb.page.waitForTimeout(800); // let the hover's fade-in finish
      await out('hover');
      await wb.page.keyboard.press('Escape');
    }
    // The sidebar at its default width (about 300 px): a question as most learners first meet it.
    await wb.openActivity();
    let quiz = await wb.quiz('home', 'sidebar');
    await quiz.locator('button.tile', { hasText: 'Practice' }).click();
    quiz = await wb.quiz('setup', 'sidebar');
    await quiz.locator('input[name=domain][value=databricks-ml]').check();
    await quiz.locator('button[type=submit]').click();
    quiz = await wb.quiz('practice', 'sidebar');
    await wb.page.waitForTimeout(600);
    await out('sidebar');
    await quiz.locator('button[data-action=skip]').click();
    await quiz.locator('button.link', { hasText: 'End set' }).click();
    await wb.command('ML Associate Prep: Open Quiz in Editor Tab');
    quiz = await wb.quiz('summary', 'editor');
    await quiz.locator('button', { hasText: 'Done' }).first().click();
    quiz = await wb.quiz('home', 'editor');
    await wb.page.waitForTimeout(800);
    if (all) await out('home');
    await quiz.locator('button.tile', { hasText: 'Practice' }).click();
    quiz = await wb.quiz('setup', 'editor');
    await quiz.locator('input[name=domain][value=model-development]').check();
    await quiz.locator('button[type=submit]').click();
    quiz = await wb.quiz('practice', 'editor');
    for (let i = 0; i < 8 && !(await quiz.locator('pre').count()); i++) {
      await quiz.locator('button[data-action=skip]').click();
      quiz = await wb.quiz('practice', 'editor');
    }
    await quiz.locator('.choice input').first().check();
    if (await quiz.locator('.hint').count()) await quiz.locator('.choice input').nth(1).check();
    await quiz.locator('button[data-action=submit]').click();
    await quiz.locator('.result').waitFor();
    await wb.page.waitForTimeout(500);
    await out('practice');
    await quiz.locator('button.link', { hasText: 'Home' }).click();
    quiz = await wb.quiz('home', 'editor');
    await quiz.locator('button.tile', { hasText: 'Statistics' }).click();
    await wb.quiz('stats', 'editor');
    await wb.page.waitForTimeout(800);
    await out('stats');
    if (all) {
      quiz = await wb.quiz('stats', 'editor');
      await quiz.locator('button.link', { hasText: /%/ }).first().click();
      await wb.quiz('report', 'editor');
      await wb.page.waitForTimeout(500);
      await out('report');
      await wb.command('ML Associate Prep: Start Mock Exam');
      quiz = await wb.quiz('mock', 'editor');
      await quiz.locator('.choice input').first().check();
      await quiz.locator('button[data-action=next]').click();
      quiz = await wb.quiz('mock', 'editor');
      await quiz.locator('button[data-action=flag]').click();
      await wb.page.waitForTimeout(600);
      await out('mock');
      // The plan last, since it widens the side bar: the quiz view folded away so the weeks and
      // every domain's readiness fit in one picture.
      // The view's own focus command shows the container whatever the sidebar's state is.
      await wb.command('ML Associate Prep: Focus on Study Plan View');
      await wb.setPane('Study Plan', true);
      await wb.setPane('Quiz', false);
      const side = (await wb.page.locator('.part.sidebar').boundingBox())!;
      const edge = side.x + side.width;
      await wb.page.mouse.move(edge, 400);
      await wb.page.mouse.down();
      await wb.page.mouse.move(edge + 260, 400, { steps: 8 });
      await wb.page.mouse.up();
      await wb.planRow('Data Processing').click();
      await wb.page.waitForTimeout(800);
      await out('plan');
    }
  } finally {
    await wb.stop();
  }
}

(async () => {
  if (process.argv.includes('exam')) {
    // Only the two exam pictures, dark and light.
    await shootExam('Default Dark Modern', 'dark');
    await shootExam('Default Light Modern', 'light');
    console.log(`screenshots written to ${OUT}`);
    return;
  }
  await shoot('Default Dark Modern', 'dark', true);
  await shoot('Default Light Modern', 'light', true);
  await shoot('Default High Contrast', 'hc', false);
  await shoot('Default High Contrast Light', 'hclight', false);
  console.log(`screenshots written to ${OUT}`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
