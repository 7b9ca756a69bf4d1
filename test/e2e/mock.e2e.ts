import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error plain JS module
import { ROOT } from '../../scripts/lib/codeServer.mjs';
import { Workbench } from './workbench';

/** "1:29:41" or "89:41" -> seconds */
const seconds = (clock: string) => clock.trim().split(':').map(Number).reduce((s, x) => s * 60 + x, 0);

describe('e2e: mock exam, status bar and review', function () {
  this.timeout(300_000);
  const wb = new Workbench();
  before(async () => {
    await wb.start();
    await wb.openActivity();
  });
  after(() => wb.stop());

  it('starts a mock, answers, flags, survives a reload with the right time, and reports per domain', async () => {
    await wb.command('ML Associate Prep: Start Mock Exam');
    let quiz = await wb.quiz('mock');
    assert.match(await quiz.locator('.progress').innerText(), /Question 1 of 48/);
    // As in the exam: no objective, difficulty, API or domain badge on a mock question.
    assert.equal(await quiz.locator('.meta, .badge').count(), 0, 'nothing but the question before the report');
    await quiz.locator('.choice input').first().check();
    const picked = await quiz.locator('.choice input:checked').getAttribute('data-choice');
    // Keyboard (README): with the focus on an option, ←/→ move between questions and never
    // change the answer; ↑/↓ move the focus between options without picking.
    await quiz.locator('.choice input:checked').focus();
    await wb.page.keyboard.press('ArrowDown');
    assert.equal(await quiz.locator('.choice input:checked').getAttribute('data-choice'), picked, '↓ does not change the answer');
    await wb.page.keyboard.press('ArrowRight');
    await quiz.locator('.progress', { hasText: 'Question 2 of 48' }).waitFor();
    assert.equal(await quiz.locator('.choice input:checked').count(), 0, '→ moved on without answering question 2');
    await quiz.locator('.choice input').first().focus();
    await wb.page.keyboard.press('ArrowLeft');
    await quiz.locator('.progress', { hasText: 'Question 1 of 48' }).waitFor();
    assert.equal(await quiz.locator('.choice input:checked').getAttribute('data-choice'), picked, 'question 1 keeps its answer');
    await quiz.locator('.choice input:checked').focus();
    await wb.page.keyboard.press('ArrowRight');
    quiz = await wb.quiz('mock');
    await quiz.locator('.progress', { hasText: 'Question 2 of 48' }).waitFor();
    assert.equal(await quiz.locator('.qcell.answered').count(), 1, 'only question 1 is answered');
    await quiz.locator('.choice input').first().check();
    await quiz.locator('button[data-action=flag]').click();
    await quiz.locator('button[data-action=flag][aria-pressed=true]').waitFor();
    const before = seconds(await quiz.locator('.clock').innerText());
    const t0 = Date.now();
    assert.ok(before > 89 * 60 && before <= 90 * 60, `clock ${before}s`);
    await wb.screenshot('mock-in-progress');

    await wb.reload();
    await wb.openActivity();
    quiz = await wb.quiz('mock');
    assert.match(await quiz.locator('.progress').innerText(), /Question 2 of 48/);
    assert.equal(await quiz.locator('button[data-action=flag][aria-pressed=true]').count(), 1, 'still flagged');
    assert.equal(await quiz.locator('.qcell.answered').count(), 2);
    const after = seconds(await quiz.locator('.clock').innerText());
    const elapsed = (Date.now() - t0) / 1000;
    assert.ok(Math.abs(before - elapsed - after) <= 5, `clock after reload ${after}s, expected about ${Math.round(before - elapsed)}s`);

    await quiz.locator('button[data-action=submit-exam]').click();
    await quiz.locator('button[data-action=confirm-submit]').click();
    quiz = await wb.quiz('report');
    assert.match(await quiz.locator('.score').innerText(), /%/);
    assert.equal(await quiz.locator('table.domains tbody tr').count(), 4, 'a score per domain');
    assert.equal(await quiz.locator('.review-item').count(), 48);
    await wb.screenshot('mock-report');
    // The report offers a drill on this mock's mistakes (a blank counts as a mistake).
    assert.match(await quiz.locator('button[data-action=drill-mock]').innerText(), /Drill this mock's \d+ mistakes/);
  });

  it('discards a mock: it is not recorded and statistics do not count it', async () => {
    let quiz = await wb.quiz();
    const done = quiz.locator('.screen.report button', { hasText: 'Done' });
    if (await done.count()) await done.click();
    quiz = await wb.quiz('home');
    await quiz.locator('button.tile', { hasText: 'Mock exam' }).click();
    quiz = await wb.quiz('mock');
    await quiz.locator('.choice input').first().check();
    await quiz.locator('button[data-action=discard]').click();
    await quiz.locator('button[data-action=confirm-discard]').click();
    quiz = await wb.quiz('home');
    assert.equal(await quiz.locator('.mock-history li').count(), 1, 'only the submitted mock is listed');
    await quiz.locator('button.tile', { hasText: 'Statistics' }).click();
    quiz = await wb.quiz('stats');
    assert.equal(await quiz.locator('.screen.stats li button.link').count(), 1, 'statistics list only the submitted mock');
  });

  it('shows due questions in the status bar, and the count drops after a review', async () => {
    // Seed answers from three days ago: right first answers fall due after two days. The seeded
    // questions lie outside the current blueprint, so the mock above cannot have drawn (and just
    // rescheduled) them; the status bar counts every due question of the bank.
    const content = JSON.parse(readFileSync(join(ROOT, 'dist', 'content.json'), 'utf8'));
    const current = new Set<string>(content.blueprints.find((b: { id: string }) => b.id === 'current').domains.flatMap((d: { objectives: string[] }) => d.objectives));
    const bank = content.questions.filter((q: { objective: string }) => !current.has(q.objective)).slice(0, 3);
    assert.equal(bank.length, 3);
    const at = Date.now() - 3 * 86_400_000;
    const file = join(wb.workspace, 'seed-progress.json');
    writeFileSync(file, JSON.stringify({
      format: 'ml-associate-prep-progress', exportedAt: new Date().toISOString(),
      progress: { version: 1, answers: bank.map((q: { id: string; choices: { id: string; correct: boolean }[] }, i: number) => ({ id: `seed-${i}`, q: q.id, at: at + i, choices: q.choices.filter((c) => c.correct).map((c) => c.id), correct: true, ms: 3000, mode: 'practice' })), ratings: {}, flags: {}, ticks: {}, mocks: {}, sessions: {} },
    }));
    await wb.commandWithFile('ML Associate Prep: Import Progress', 'Import ML Associate Prep progress', file);
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /3 new answers/);
    await dialog.locator('a.monaco-button, button', { hasText: 'Merge into my progress' }).first().click();
    const status = wb.page.locator('.statusbar-item', { hasText: /\d+ due/ }).first();
    await wb.page.locator('.statusbar-item', { hasText: '3 due' }).first().waitFor({ timeout: 15_000 });
    await status.click();
    const quiz = await wb.quiz('practice');
    assert.match(await quiz.locator('.session-title').innerText(), /Review/);
    await quiz.locator('.choice input').first().check();
    await quiz.locator('button[data-action=submit]').click();
    await wb.page.locator('.statusbar-item', { hasText: '2 due' }).first().waitFor({ timeout: 15_000 });
  });
});
