import { strict as assert } from 'node:assert';
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
    workspaceSettings(wb.workspace, { 'mlAssociatePrep.questionPacks': ['hostile-pack'] });
    await wb.page.waitForTimeout(1500);
    let quiz = await wb.quiz();
    await quiz.locator('button.link', { hasText: 'Home' }).first().click().catch(() => undefined);
    quiz = await wb.quiz('home');
    await quiz.locator('button.tile', { hasText: 'Practice' }).click();
    quiz = await wb.quiz('setup');
    await quiz.locator('select[name=symbol]').selectOption('mlflow.client.MlflowClient.get_metric_history');
    await quiz.locator('button[type=submit]').click();
    quiz = await wb.quiz('practice');
    for (let i = 0; i < 10 && !(await quiz.locator('.stem', { hasText: 'HOSTILE-STEM' }).count()); i++) {
      await quiz.locator('button[data-action=skip]').click();
      quiz = await wb.quiz('practice');
    }
    const stem = quiz.locator('.stem', { hasText: 'HOSTILE-STEM' });
    await stem.waitFor();
    const app = quiz.locator('#app');
    assert.equal(await app.locator('img, script, iframe, [onerror], [onmouseover]').count(), 0, 'no active HTML reaches the DOM');
    assert.equal(await app.locator('a[href^="javascript"]').count(), 0, 'no javascript: link');
    assert.match(await quiz.locator('.choice').first().innerText(), /bold HTML/, 'the text of stripped markup stays');
    await quiz.locator('.choice input').first().check();
    await quiz.locator('button[data-action=submit]').click();
    await quiz.locator('.result').waitFor();
    assert.equal(await app.locator('img, script, iframe').count(), 0);
    const pwned = await quiz.evaluate(() => (window as unknown as { __pwned?: string }).__pwned ?? (window.parent as unknown as { __pwned?: string }).__pwned);
    assert.equal(pwned, undefined, 'no injected code ran');
    await wb.screenshot('quiz-hostile-markdown');
  });
});
