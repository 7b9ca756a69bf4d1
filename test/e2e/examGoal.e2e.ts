import { strict as assert } from 'node:assert';
import { Workbench } from './workbench';

/** A day `n` days from today on this machine (code-server runs here too, in the same zone). */
function dayFromToday(n: number): string {
  const d = new Date();
  d.setDate(d.getDate() + n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

describe('e2e: study to a date', function () {
  this.timeout(240_000);
  const wb = new Workbench();
  before(async () => {
    await wb.start();
    await wb.openActivity();
  });
  after(() => wb.stop());

  it('sets the exam date on the home panel, answers today\'s goal, and sees it met with a 1-day streak', async () => {
    let quiz = await wb.quiz('home');
    // A date typed in the field is checked by the extension too: a past day changes nothing.
    await quiz.locator('.exam input[name=examDate]').fill(dayFromToday(-3));
    await quiz.locator('.exam form button[type=submit]').click();
    await wb.page.waitForTimeout(800);
    assert.equal(await quiz.locator('.exam .goal-status').count(), 0, 'a past date is refused');

    await quiz.locator('.exam input[name=examDate]').fill(dayFromToday(60));
    await quiz.locator('.exam form button[type=submit]').click();
    await quiz.locator('.exam h3', { hasText: 'in 60 days' }).waitFor({ timeout: 15_000 });
    const status = await quiz.locator('.exam .goal-status').innerText();
    const m = /Today's goal: (\d+) new \(0 done\)/.exec(status);
    assert.ok(m, status);
    const goal = Number(m[1]);
    assert.match(await quiz.locator('.exam .streak').innerText(), /^0-day goal streak/);
    assert.match(await quiz.locator('.exam-forecast summary').innerText(), /Predicted score on the exam day: \d+ % if you stop now, \d+ % if you keep the goal/);
    // The status bar counts down beside the due count.
    await wb.page.locator('.statusbar-item', { hasText: 'exam in 60 d' }).first().waitFor({ timeout: 15_000 });

    await quiz.locator('.exam button[data-action=startGoal]').click();
    for (let i = 0; i < goal; i++) {
      quiz = await wb.quiz('practice');
      await quiz.locator('.progress', { hasText: `${i + 1} / ${goal}` }).waitFor();
      await quiz.locator('.choice input').first().check();
      if (await quiz.locator('.hint').count()) await quiz.locator('.choice input').nth(1).check();
      await quiz.locator('button[data-action=submit]').click();
      await quiz.locator('.result').waitFor();
      await quiz.locator('button[data-action=next]').click();
    }
    quiz = await wb.quiz('summary');
    await quiz.locator('button', { hasText: 'Done' }).first().click();
    quiz = await wb.quiz('home');
    await quiz.locator('.exam .goal-status.met').waitFor({ timeout: 15_000 });
    assert.match(await quiz.locator('.exam .goal-status').innerText(), /Today's goal met/);
    assert.match(await quiz.locator('.exam .streak').innerText(), /^1-day goal streak/);
    assert.equal(await quiz.locator('.exam button[data-action=startGoal]').count(), 0);
    await wb.screenshot('exam-goal-met');
  });
});
