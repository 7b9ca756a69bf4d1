import { strict as assert } from 'node:assert';
import { Workbench } from './workbench';

describe('e2e: exam-trap diagnostics in the packaged extension', function () {
  this.timeout(180_000);
  const wb = new Workbench();
  before(async () => {
    await wb.start();
    await wb.openFile('traps.py');
  });
  after(() => wb.stop());

  /** Puts the cursor on `word` of the line holding `lineText`, then opens the light bulb's menu (Ctrl+.). */
  async function lightBulb(lineText: string, word: string): Promise<string[]> {
    const span = wb.page.locator('.editor-instance .view-line', { hasText: lineText }).first().locator('span span', { hasText: word }).first();
    const box = (await span.boundingBox())!;
    const text = (await span.textContent()) ?? word;
    await wb.page.mouse.click(box.x + (box.width * (text.indexOf(word) + 1)) / text.length, box.y + box.height / 2);
    // The light bulb's menu, opened from the keyboard (Ctrl+.), as a keyboard user opens it.
    await wb.page.waitForTimeout(500);
    await wb.page.keyboard.press('Control+.');
    const rows = wb.page.locator('.action-widget .monaco-list-row');
    await rows.first().waitFor({ timeout: 10_000 });
    return rows.allInnerTexts();
  }

  it('shows a squiggle, applies the quick fix from the light bulb, and starts "Quiz me on this trap"', async () => {
    // Information squiggles under randomSplit (MLAP015) and artifact_path (MLAP001, struck through as deprecated).
    await wb.page.locator('.editor-instance .squiggly-info').first().waitFor({ timeout: 30_000 });
    assert.ok(await wb.page.locator('.editor-instance .squiggly-inline-deprecated').count() >= 1, 'the deprecated artifact_path is struck through');
    await wb.screenshot('traps-squiggles');

    const titles = await lightBulb('df.randomSplit', 'randomSplit');
    assert.ok(titles.some((t) => t.includes('Add seed=42')), titles.join(' | '));
    assert.ok(titles.some((t) => t.includes('Quiz me on this trap (MLAP015)')), titles.join(' | '));
    await wb.screenshot('traps-light-bulb');
    await wb.page.locator('.action-widget .monaco-list-row', { hasText: 'Add seed=42' }).first().click();
    await wb.page.locator('.editor-instance .view-line', { hasText: 'seed=42' }).first().waitFor({ timeout: 10_000 });

    await lightBulb('log_model(model, artifact_path', 'artifact_path');
    await wb.page.locator('.action-widget .monaco-list-row', { hasText: 'Quiz me on this trap (MLAP001)' }).first().click();
    const quiz = await wb.quiz('practice');
    assert.match(await quiz.locator('.session-title').innerText(), /Trap MLAP001/);
    await wb.screenshot('traps-quiz');
  });
});
