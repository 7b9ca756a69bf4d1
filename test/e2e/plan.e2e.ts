import { strict as assert } from 'node:assert';
import { Workbench } from './workbench';

const ITEM = 'Create a cluster on a Databricks Runtime ML version';

describe('e2e: the study plan', function () {
  this.timeout(180_000);
  const wb = new Workbench();
  before(async () => {
    await wb.start();
    await wb.openActivity();
    await wb.setPane('Study Plan', true);
  });
  after(() => wb.stop());

  const checkbox = () => wb.planRow(ITEM).locator('.custom-view-tree-node-item-checkbox, input[type=checkbox], .monaco-checkbox').first();
  const isChecked = async () => {
    const box = checkbox();
    return (await box.getAttribute('aria-checked')) === 'true' || (await box.getAttribute('class'))?.includes('checked') === true;
  };

  it('ticks an item, and the tick survives a reload', async () => {
    await wb.planRow('Week 1').click();
    await wb.planRow(ITEM).waitFor();
    assert.equal(await isChecked(), false);
    await checkbox().click();
    await wb.page.waitForTimeout(800);
    assert.equal(await isChecked(), true);
    assert.match(await wb.planRow('Week 1').innerText(), /1\/5/);
    await wb.screenshot('plan-ticked');
    await wb.reload();
    await wb.openActivity();
    await wb.setPane('Study Plan', true);
    // Week 1 was expanded before the reload, and the tree keeps it so (no click needed).
    await wb.planRow(ITEM).waitFor();
    assert.equal(await isChecked(), true, 'still ticked after reloading the window');
  });

  it('resets the ticks after asking for confirmation', async () => {
    await wb.command('ML Associate Prep: Reset Study Plan Ticks');
    const dialog = wb.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 15_000 }).catch(async (e) => {
      await wb.screenshot('plan-reset-no-dialog');
      throw e;
    });
    assert.match(await dialog.innerText(), /Clear every tick/);
    await dialog.locator('a.monaco-button, button', { hasText: 'Clear ticks' }).first().click();
    await wb.page.waitForTimeout(1000);
    assert.equal(await isChecked(), false);
  });
});
