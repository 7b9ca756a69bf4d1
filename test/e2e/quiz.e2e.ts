import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { Workbench, workspaceSettings } from './workbench';

describe('e2e: the quiz panel', function () {
  this.timeout(240_000);
  const wb = new Workbench();
  before(async () => {
    await wb.start();
    await wb.openActivity();
  });
  after(() => wb.stop());

  it('runs a practice set filtered to one domain, from the keyboard', async () => {
    let quiz = await wb.quiz('home');
    await quiz.locator('button.tile', { hasText: 'Practice' }).click();
    quiz = await wb.quiz('setup');
    await quiz.locator('input[name=domain][value=data-processing]').check();
    await quiz.locator('input[name=size]').fill('3');
    await quiz.locator('button[type=submit]').click();
    quiz = await wb.quiz('practice');
    assert.match(await quiz.locator('.meta .badge').first().innerText(), /Data Processing/);
    assert.match(await quiz.locator('.progress').innerText(), /1 \/ 3/);
    const options = await quiz.locator('.choice').count();
    // Keyboard: 1 picks the first option, Enter submits.
    await quiz.locator('.stem').click();
    await wb.page.keyboard.press('1');
    await quiz.locator('.choice.selected').first().waitFor();
    const multiple = await quiz.locator('.hint').count();
    if (multiple) {
      await wb.page.keyboard.press('2');
      await quiz.locator('.choice.selected >> nth=1').waitFor();
    }
    await wb.page.keyboard.press('Enter');
    await quiz.locator('.result').waitFor();
    assert.equal(await quiz.locator('.explanation').count(), options, 'every option shows its explanation');
    assert.ok((await quiz.locator('.choice.right, .choice.missed').count()) >= 1, 'the key is marked');
    await wb.screenshot('quiz-practice-feedback');
    await wb.page.keyboard.press('Enter');
    await quiz.locator('.progress', { hasText: '2 / 3' }).waitFor();
  });

  it('keeps the answered question after a window reload', async () => {
    let quiz = await wb.quiz('practice');
    await quiz.locator('.choice input').first().check();
    // A multiple-select question (its hint says how many) needs a second pick before Submit.
    if (await quiz.locator('.hint').count()) await quiz.locator('.choice input').nth(1).check();
    await quiz.locator('button[data-action=submit]').click();
    await quiz.locator('.result').waitFor();
    const stem = await quiz.locator('.stem').innerText();
    await wb.reload();
    await wb.openActivity();
    quiz = await wb.quiz('practice');
    assert.equal(await quiz.locator('.stem').innerText(), stem);
    assert.equal(await quiz.locator('.result').count(), 1, 'still submitted, with its feedback');
  });

  it('renders hostile Markdown from a question pack as inert text', async () => {
    const SYMBOL = 'mlflow.client.MlflowClient.get_metric_history';
    const countOf = async (f: Frame) => Number((await f.locator(`label.check:has(input[value="${SYMBOL}"]) .muted`).innerText()).replace(/\D/g, ''));
    let quiz = await wb.quiz();
    await quiz.locator('button.link', { hasText: 'Home' }).first().click().catch(() => undefined);
    quiz = await wb.quiz('home');
    await quiz.locator('button.tile', { hasText: 'Practice' }).click();
    quiz = await wb.quiz('setup');
    const before = await countOf(quiz);
    workspaceSettings(wb.workspace, { 'mlAssociatePrep.questionPacks': ['hostile-pack'] });
    // The bank reloads with the pack and the open setup screen is redrawn: fill the form only once it
    // counts the pack's question (a redraw after that would clear what was filled in).
    const deadline = Date.now() + 30_000;
    while ((await countOf(quiz).catch(() => before)) <= before) {
      assert.ok(Date.now() < deadline, 'the setup screen never counted the pack\'s question');
      await wb.page.waitForTimeout(250);
      quiz = await wb.quiz('setup');
    }
    // The API list filters as you type.
    await quiz.locator('input.symbol-filter').fill('get_metric_hist');
    assert.equal(await quiz.locator('.symbol-list .check:not([hidden])').count(), 1);
    await quiz.locator(`input[name=symbol][value="${SYMBOL}"]`).check();
    // Every question on that API in one set, so the pack's question is in it wherever it falls.
    await quiz.locator('input[name=size]').fill('50');
    await quiz.locator('button[type=submit]').click();
    // The set from the tests above is unfinished and has answers: the quiz asks before replacing it.
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Replace your unfinished set/);
    assert.equal(await wb.answerDialog('Start the new set'), true);
    quiz = await wb.quiz('practice');
    for (let i = 0; i < 50 && !(await quiz.locator('.stem', { hasText: 'HOSTILE-STEM' }).count()); i++) {
      // Skip, then wait for the next question itself: the old screen is still there for a moment,
      // and looking (or skipping again) before it changes skipped the pack's question on a busy machine.
      const at = await quiz.locator('.screen.practice .progress').getAttribute('aria-label');
      await quiz.locator('button[data-action=skip]').click();
      const deadline = Date.now() + 30_000;
      for (;;) {
        quiz = await wb.quiz();
        const now = await quiz.locator('.screen.practice .progress').getAttribute('aria-label', { timeout: 1000 }).catch(() => null);
        if (now !== at) break;
        assert.ok(Date.now() < deadline, 'the next question never came');
        await wb.page.waitForTimeout(100);
      }
      quiz = await wb.quiz('practice');
    }
    const stem = quiz.locator('.stem', { hasText: 'HOSTILE-STEM' });
    await stem.waitFor();
    const app = quiz.locator('#app');
    assert.equal(await app.locator('img, script, iframe, [onerror], [onmouseover]').count(), 0, 'no active HTML reaches the DOM');
    assert.equal(await app.locator('a[href^="javascript"]').count(), 0, 'no javascript: link');
    // Options are shuffled per attempt: look for the one that held the markup wherever it is.
    assert.equal(await quiz.locator('.choice', { hasText: 'bold HTML' }).count(), 1, 'the text of stripped markup stays');
    await quiz.locator('.choice input').first().check();
    await quiz.locator('button[data-action=submit]').click();
    await quiz.locator('.result').waitFor();
    assert.equal(await app.locator('img, script, iframe').count(), 0);
    const pwned = await quiz.evaluate(() => (window as unknown as { __pwned?: string }).__pwned ?? (window.parent as unknown as { __pwned?: string }).__pwned);
    assert.equal(pwned, undefined, 'no injected code ran');
    await wb.screenshot('quiz-hostile-markdown');
  });
  it('shows only the stem and options before the answer, and shuffles options per attempt', async () => {
    // The same question twice: the first of a domain, in order, in a set of one.
    const attempt = async (choice?: string) => {
      let quiz: Frame = await wb.quiz();
      const home = quiz.locator('button.link', { hasText: 'Home' });
      if (await home.count()) await home.first().click();
      const done = quiz.locator('.screen.summary button', { hasText: 'Done' });
      if (await done.count()) await done.first().click();
      quiz = await wb.quiz('home');
      await quiz.locator('button.tile', { hasText: 'Practice' }).click();
      quiz = await wb.quiz('setup');
      await quiz.locator('input[name=domain][value=model-deployment]').check();
      await quiz.locator('input[name=order][value=in-order]').check();
      await quiz.locator('input[name=size]').fill('1');
      await quiz.locator('button[type=submit]').click();
      await wb.answerDialog('Start the new set', 2_000); // the hostile-pack set above is unfinished
      quiz = await wb.quiz('practice');
      assert.equal(await quiz.locator('.badge.subtle, .badge.difficulty, .badge.api').count(), 0, 'no objective, difficulty or API before the answer');
      const stem = await quiz.locator('.stem').innerText();
      const order = await quiz.locator('.choice input').evaluateAll((els) => els.map((e) => e.getAttribute('data-choice')!));
      const pick = choice ?? order[0]!;
      await quiz.locator(`.choice input[data-choice="${pick}"]`).check();
      if (await quiz.locator('.hint').count()) await quiz.locator(`.choice input:not([data-choice="${pick}"])`).first().check();
      const picked = await quiz.locator('.choice input:checked').evaluateAll((els) => els.map((e) => e.getAttribute('data-choice')!).sort());
      await quiz.locator('button[data-action=submit]').click();
      await quiz.locator('.result').waitFor();
      assert.equal(await quiz.locator('.badge.difficulty').count(), 1, 'the difficulty comes with the feedback');
      assert.ok(await quiz.locator('.badge.subtle').count(), 'the objective comes with the feedback');
      // The letters follow the order shown: A is always the first option on screen.
      assert.equal(await quiz.locator('.choice .letter').first().innerText(), 'A');
      await quiz.locator('button[data-action=next]').click();
      await wb.quiz('summary');
      return { stem, order, pick, picked };
    };
    const one = await attempt();
    const two = await attempt(one.pick);
    assert.equal(two.stem, one.stem, 'the same question');
    assert.notDeepEqual(two.order, one.order, 'a new order on the next attempt');
    assert.deepEqual(two.picked, one.picked);
    // What was recorded: the same choice ids, and each attempt's order.
    const file = join(wb.workspace, 'exported.json');
    await wb.commandWithFile('ML Associate Prep: Export Progress', 'Export ML Associate Prep progress', file);
    for (let i = 0; i < 40 && !existsSync(file); i++) await wb.page.waitForTimeout(250);
    const answers = JSON.parse(readFileSync(file, 'utf8')).progress.answers as { q: string; choices: string[]; o?: string[]; at: number }[];
    const mine = answers.slice(-2);
    assert.equal(mine[0]!.q, mine[1]!.q);
    assert.deepEqual(mine[0]!.choices, one.picked);
    assert.deepEqual(mine[1]!.choices, one.picked, 'the same choice id recorded whatever its position');
    assert.deepEqual(mine[0]!.o, one.order);
    assert.deepEqual(mine[1]!.o, two.order);
    const quiz = await wb.quiz('summary');
    await quiz.locator('button', { hasText: 'Done' }).first().click();
  });

  it('finds a question by words from its options with "Search Questions…"', async () => {
    await wb.command('ML Associate Prep: Search Questions');
    const input = wb.page.locator('.quick-input-widget input');
    await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: /Search \d+ questions/ }).waitFor();
    await input.fill('spark.sql.execution.arrow.maxRecordsPerBatch');
    await wb.page.locator('.quick-input-list .monaco-list-row').first().waitFor();
    await wb.page.keyboard.press('Enter');
    await wb.answerDialog('Start the new set', 2_000);
    const quiz = await wb.quiz('practice');
    assert.match(await quiz.locator('.session-title').innerText(), /^Search: /);
    assert.match(await quiz.locator('#app').innerText(), /maxRecordsPerBatch/);
  });

});
