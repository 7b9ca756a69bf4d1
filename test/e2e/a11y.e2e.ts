import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame } from 'playwright-core';
import { Workbench, workspaceSettings } from './workbench';

// Accessibility, measured with axe-core (the standard engine) inside the real quiz webview, in the
// four kinds of theme, on every screen a learner meets; and the default-width sidebar never
// scrolls sideways. axe is evaluated in the frame through the browser's debugging protocol, so
// the webview's CSP (no inline or injected script) stays as it is.

const AXE = readFileSync(createRequire(__filename).resolve('axe-core/axe.min.js'), 'utf8');

const THEMES = [
  { name: 'Default Dark Modern', body: 'vscode-dark' },
  { name: 'Default Light Modern', body: 'vscode-light' },
  { name: 'Default High Contrast', body: 'vscode-high-contrast' },
  { name: 'Default High Contrast Light', body: 'vscode-high-contrast-light' },
] as const;

interface Finding { theme: string; screen: string; rule: string; impact: string; nodes: string[] }

/** Runs axe on the panel and returns its serious and critical violations. */
async function audit(frame: Frame, theme: string, screen: string): Promise<Finding[]> {
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(AXE);
  const violations = await frame.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[]; failureSummary: string }[] }[] }> } }).axe;
    const r = await axe.run(document.getElementById('app'), { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary.split('\n').slice(1, 2).join('').trim()}`) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ theme, screen, rule: v.id, impact: v.impact, nodes: v.nodes }));
}

/** How far the panel's document is wider than the sidebar (0 when nothing scrolls sideways). */
const overflow = (frame: Frame) => frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('e2e: accessibility and the narrow sidebar', function () {
  this.timeout(600_000);
  const wb = new Workbench();
  before(async () => {
    await wb.start({ viewport: { width: 1280, height: 800 } });
    await wb.openActivity();
  });
  after(() => wb.stop());

  it('has no serious or critical axe violations on any screen in dark, light and both high contrast themes, and never scrolls sideways at the default sidebar width', async () => {
    const findings: Finding[] = [];
    const overflows: string[] = [];
    let quiz = await wb.quiz('home');
    const width = await quiz.evaluate(() => document.documentElement.clientWidth);
    assert.ok(width <= 320, `the sidebar is at its default width (about 300 px), got ${width}`);
    const check = async (theme: string, screen: string) => {
      findings.push(...(await audit(quiz, theme, screen)));
      const over = await overflow(quiz);
      if (over > 0) overflows.push(`${theme} / ${screen}: ${over} px wider than the sidebar`);
    };
    for (const theme of THEMES) {
      workspaceSettings(wb.workspace, { 'workbench.colorTheme': theme.name });
      quiz = await wb.quiz();
      await quiz.waitForFunction((cls) => document.body.classList.contains(cls), theme.body, { timeout: 20_000 });
      await quiz.locator('button.link', { hasText: /Home/ }).first().click().catch(() => undefined);
      quiz = await wb.quiz('home');
      await check(theme.name, 'home');

      await quiz.locator('button.tile', { hasText: 'Statistics' }).click();
      quiz = await wb.quiz('stats');
      await check(theme.name, 'statistics');
      await quiz.locator('button.link', { hasText: 'Home' }).first().click();

      quiz = await wb.quiz('home');
      await quiz.locator('button.tile', { hasText: 'Practice' }).click();
      quiz = await wb.quiz('setup');
      await check(theme.name, 'practice setup');
      await quiz.locator('input[name=size]').fill('1');
      await quiz.locator('button[type=submit]').click();
      quiz = await wb.quiz('practice');
      await check(theme.name, 'practice before submit');
      await quiz.locator('.choice input').first().check();
      if (await quiz.locator('.hint').count()) await quiz.locator('.choice input').nth(1).check();
      await quiz.locator('button[data-action=submit]').click();
      await quiz.locator('.result').waitFor();
      await check(theme.name, 'practice after submit');
      await quiz.locator('button[data-action=next]').click();
      quiz = await wb.quiz('summary');
      await quiz.locator('button', { hasText: 'Done' }).first().click();

      quiz = await wb.quiz('home');
      await quiz.locator('button.tile', { hasText: 'Mock exam' }).click();
      quiz = await wb.quiz('mock');
      await quiz.locator('.choice input').first().check();
      await check(theme.name, 'mock');
      await quiz.locator('button[data-action=submit-exam]').click();
      await quiz.locator('button[data-action=confirm-submit]').click();
      quiz = await wb.quiz('report');
      await check(theme.name, 'mock report');
      await wb.screenshot(`a11y-report-${theme.body}`);
      await quiz.locator('.screen.report button', { hasText: 'Done' }).click();
    }
    const text = findings.map((f) => `${f.theme} / ${f.screen}: ${f.rule} (${f.impact})\n    ${f.nodes.join('\n    ')}`).join('\n');
    console.log(`    axe: ${THEMES.length} themes x 7 screens, ${findings.length} serious or critical violations`);
    assert.equal(findings.length, 0, `axe found:\n${text}`);
    assert.deepEqual(overflows, [], 'no screen scrolls sideways in the sidebar');
  });
});
