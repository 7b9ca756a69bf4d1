import { strict as assert } from 'node:assert';
import { Workbench } from './workbench';

describe('e2e: one quiz session, kept across reloads', function () {
  this.timeout(240_000);
  const wb = new Workbench();
  before(async () => {
    await wb.start();
    await wb.openActivity();
  });
  after(() => wb.stop());

  it('shows one session in the sidebar and the tab, and brings the tab back after a reload on the same question', async () => {
    let side = await wb.quiz('home', 'sidebar');
    await side.locator('button.tile', { hasText: 'Practice' }).click();
    side = await wb.quiz('setup', 'sidebar');
    await side.locator('button[type=submit]').click();
    side = await wb.quiz('practice', 'sidebar');
    const stem = await side.locator('.stem').innerText();
    await wb.command('ML Associate Prep: Open Quiz in Editor Tab');
    let tab = await wb.quiz('practice', 'editor');
    assert.equal(await tab.locator('.stem').innerText(), stem, 'the tab shows the sidebar\'s session');
    // VS Code saves the editor layout shortly after it changes; reload once it had the chance, as
    // a person would not reload within the same second.
    await wb.page.waitForTimeout(2500);
    await wb.reload();
    tab = await wb.quiz('practice', 'editor');
    assert.equal(await tab.locator('.stem').innerText(), stem, 'the tab is restored on the same question');
  });
});
