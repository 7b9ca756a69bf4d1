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
    // Reload once VS Code has saved the editor layout with the tab in it. It saves its state every
    // minute and when the page goes; the save a reload starts does not always finish before the page
    // is gone (the tab came back in most runs and not in one, on a busy machine).
    const deadline = Date.now() + 120_000;
    while (!(await editorLayoutHasQuizTab(wb))) {
      assert.ok(Date.now() < deadline, 'VS Code never saved the editor layout with the quiz tab');
      await wb.page.waitForTimeout(1000);
    }
    await wb.reload();
    tab = await wb.quiz('practice', 'editor');
    assert.equal(await tab.locator('.stem').innerText(), stem, 'the tab is restored on the same question');
  });
});

/** Whether the workbench's saved editor layout (its IndexedDB state) holds the quiz tab. */
async function editorLayoutHasQuizTab(wb: Workbench): Promise<boolean> {
  // (No named functions inside: tsx would wrap them in a __name() the page does not have.)
  return wb.page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('vscode-web-state-db-'));
    for (const name of names) {
      const value = await new Promise<unknown>((resolve) => {
        const open = indexedDB.open(name);
        open.onerror = () => resolve(undefined);
        open.onsuccess = () => {
          const db = open.result;
          try {
            const get = db.transaction('ItemTable', 'readonly').objectStore('ItemTable').get('memento/workbench.parts.editor');
            get.onsuccess = () => (db.close(), resolve(get.result));
            get.onerror = () => (db.close(), resolve(undefined));
          } catch {
            db.close();
            resolve(undefined);
          }
        };
      });
      if (typeof value === 'string' && value.includes('mlAssociatePrep.quizPanel')) return true;
    }
    return false;
  });
}
