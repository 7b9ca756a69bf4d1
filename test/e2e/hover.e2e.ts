import { strict as assert } from 'node:assert';
import { Workbench } from './workbench';

describe('e2e: hover cards in the packaged extension', function () {
  this.timeout(180_000);
  const wb = new Workbench();
  before(async () => {
    await wb.start();
    await wb.openFile('train.py');
  });
  after(() => wb.stop());

  it('shows the exam note when hovering mlflow.log_param', async () => {
    const text = await wb.hover('mlflow.log_param("max_depth"', 'log_param');
    assert.match(text, /mlflow\.log_param/);
    assert.match(text, /log_param\(key: str, value: Any, synchronous: bool \| None = None\)/);
    assert.match(text, /Exam:/);
    assert.match(text, /Quiz me on this/);
    await wb.screenshot('hover-log-param');
  });

  it('"Quiz me on this" opens the quiz on a question about that API', async () => {
    await wb.page.keyboard.press('Escape');
    await wb.hover('client.set_registered_model_alias', 'set_registered_model_alias');
    await wb.page.locator('.monaco-hover-content a', { hasText: 'Quiz me on this' }).first().click();
    const quiz = await wb.quiz('practice');
    assert.match(await quiz.locator('.session-title').innerText(), /set_registered_model_alias/);
    // The APIs a question is about show with the feedback (never before the answer).
    await quiz.locator('.choice input').first().check();
    if (await quiz.locator('.hint').count()) await quiz.locator('.choice input').nth(1).check();
    await quiz.locator('button[data-action=submit]').click();
    await quiz.locator('.result').waitFor();
    assert.match(await quiz.locator('.meta').innerText(), /MlflowClient\.set_registered_model_alias/);
    await wb.screenshot('quiz-from-hover');
  });
});
