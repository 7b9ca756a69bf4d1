// Drives the packaged extension in a real VS Code (code-server) through headless Chromium. Each
// spec file starts its own code-server on a fresh profile with the .vsix installed.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
// @ts-expect-error plain JS module shared with the runners
import { freePort, freshDirs, installVsix, launchBrowser, ROOT, startCodeServer, vsixPath } from '../../scripts/lib/codeServer.mjs';

export const SHOTS = join(ROOT, 'test-results', 'screenshots');

export interface StartOptions {
  /** User settings for the profile. */
  settings?: Record<string, unknown>;
  theme?: 'Default Dark Modern' | 'Default Light Modern' | 'Default High Contrast';
  viewport?: { width: number; height: number };
  /** Folder copied as the workspace; the test fixtures (with the hostile pack) by default. */
  workspace?: string;
}

/** Workbenches started and not yet stopped, photographed when a test fails. */
const running = new Set<Workbench>();

// A root hook (this module is loaded by every spec): a failed test leaves a picture of what the
// workbench showed at that moment in test-results/screenshots/FAILED-*.png. (Outside mocha, as in
// npm run screenshots, there is no afterEach and no hook.)
if (typeof afterEach === 'function') {
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    const name = `FAILED-${this.currentTest.fullTitle().replace(/[^\w-]+/g, '-').slice(0, 100)}`;
    for (const wb of running) await wb.screenshot(name).catch(() => undefined);
  });
}

export class Workbench {
  page!: Page;
  workspace = '';
  private browser!: Browser;
  private context!: BrowserContext;
  private server!: { url: string; stop(): Promise<void> };
  private dirs!: { base: string };
  private url = '';

  async start(o: StartOptions = {}): Promise<this> {
    this.dirs = freshDirs('mlap-e2e-', { 'workbench.colorTheme': o.theme ?? 'Default Dark Modern', ...o.settings });
    installVsix(vsixPath(), this.dirs);
    this.workspace = mkdtempSync(join(tmpdir(), 'mlap-e2e-ws-'));
    if (o.workspace) cpSync(o.workspace, this.workspace, { recursive: true });
    else {
      cpSync(join(ROOT, 'test', 'fixtures', 'workspace'), this.workspace, { recursive: true });
      cpSync(join(ROOT, 'test', 'fixtures', 'hostile-pack'), join(this.workspace, 'hostile-pack'), { recursive: true });
    }
    const port = await freePort();
    this.server = await startCodeServer({ dirs: this.dirs, port, workspace: this.workspace });
    this.browser = await launchBrowser();
    this.context = await this.browser.newContext({ viewport: o.viewport ?? { width: 1400, height: 900 } });
    this.page = await this.context.newPage();
    this.url = `${this.server.url}/?folder=${encodeURIComponent(this.workspace)}`;
    await this.open();
    running.add(this);
    return this;
  }

  /** Opens (or reloads) the workbench and waits for it. */
  async open(): Promise<void> {
    await this.page.goto(this.url);
    await this.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await this.page.waitForTimeout(2500);
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await this.page.waitForTimeout(2500);
  }

  async stop(): Promise<void> {
    running.delete(this);
    await this.browser?.close().catch(() => undefined);
    await this.server?.stop();
    rmSync(this.dirs.base, { recursive: true, force: true });
    rmSync(this.workspace, { recursive: true, force: true });
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(SHOTS, { recursive: true });
    const path = join(SHOTS, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /** Runs a command from the command palette by its title. */
  async command(title: string): Promise<void> {
    // Keys typed while a fresh window is still busy can be dropped, so the palette's text is set
    // whole, and the palette is opened again if the command's row does not show.
    const row = this.page.locator(`.quick-input-list .monaco-list-row[aria-label*="${title}"]`).first();
    for (let attempt = 0; ; attempt++) {
      await this.page.keyboard.press('F1');
      const input = this.page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill(`>${title}`);
      try {
        await row.waitFor({ timeout: 8_000 });
        break;
      } catch (e) {
        if (attempt === 2) throw e;
        await this.page.keyboard.press('Escape');
      }
    }
    await this.page.keyboard.press('Enter');
  }

  /** Opens a workspace file with Quick Open. */
  async openFile(name: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    await this.page.waitForSelector('.quick-input-widget input');
    await this.page.keyboard.type(name);
    await this.page.waitForSelector('.quick-input-list .monaco-list-row', { timeout: 15_000 });
    await this.page.keyboard.press('Enter');
    await this.page.waitForSelector(`.tab[aria-label*="${name}"]`, { timeout: 15_000 });
    await this.page.waitForTimeout(800);
  }

  /** Hovers a word on the first editor line containing `lineText`; returns the hover's text. */
  async hover(lineText: string, word: string): Promise<string> {
    const line = this.page.locator('.editor-instance .view-line', { hasText: lineText }).first();
    await line.waitFor({ timeout: 15_000 });
    // A token span may hold more than the word (`mlflow.log_param(`): aim at the word itself.
    const span = line.locator('span span', { hasText: word }).first();
    const text = (await span.textContent()) ?? word;
    const box = (await span.boundingBox())!;
    const at = text.indexOf(word) + word.length / 2;
    const target = { x: box.x + (box.width * at) / text.length, y: box.y + box.height / 2 };
    const hover = this.page.locator('.monaco-hover-content').filter({ hasText: 'exam note' });
    // The first hover in a fresh window can arrive before the extension has activated (opening a
    // Python file is what activates it), and VS Code asks again only when the mouse moves: so
    // move off and back, as a user would, until the card shows or 30 s have passed.
    const deadline = Date.now() + 30_000;
    for (;;) {
      await this.page.mouse.move(target.x, target.y);
      try {
        await hover.first().waitFor({ timeout: 5_000 });
        return hover.first().innerText();
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await this.page.mouse.move(2, 2); // the window's corner: no code under it
        await this.page.waitForTimeout(300);
      }
    }
  }

  /**
   * Runs a command that asks for a file (VS Code's simple file dialog here) and answers with
   * `path`. Waits for the dialog's own title: the command palette's input is the same widget, so
   * typing before the dialog replaces it would go to the palette.
   */
  async commandWithFile(title: string, dialogTitle: string, path: string): Promise<void> {
    await this.command(title);
    await this.page.locator('.quick-input-widget .quick-input-title', { hasText: dialogTitle }).waitFor({ timeout: 15_000 });
    const input = this.page.locator('.quick-input-widget input');
    // The dialog fills in its starting folder asynchronously, which can overwrite a path typed
    // too early, and it reads the typed path asynchronously too. So: type the path, make sure it
    // is still there, press Enter, and start again (as a person would) until the dialog closes.
    const widget = this.page.locator('.quick-input-widget');
    for (let attempt = 0; ; attempt++) {
      await input.fill(path);
      await this.page.waitForTimeout(500);
      if ((await input.inputValue()) !== path && attempt < 4) continue;
      await this.page.keyboard.press('Enter');
      try {
        await widget.waitFor({ state: 'hidden', timeout: 3_000 });
        return;
      } catch (e) {
        if (attempt === 4) throw e;
      }
    }
  }

  /**
   * Answers a modal dialog with the button labelled `button`, if one shows within `ms`; returns
   * whether it did. (The quiz asks before replacing an unfinished set.)
   */
  async answerDialog(button: string, ms = 4_000): Promise<boolean> {
    const dialog = this.page.locator('.monaco-dialog-box');
    try {
      await dialog.waitFor({ timeout: ms });
    } catch {
      return false;
    }
    await dialog.locator('a.monaco-button, button', { hasText: button }).first().click();
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
    return true;
  }

  /** Shows the ML Associate Prep container (quiz and study plan). */
  async openActivity(): Promise<void> {
    const icon = this.page.locator('.activitybar [aria-label*="ML Associate Prep"]').first();
    const selected = await icon.getAttribute('aria-selected').catch(() => null);
    if (selected !== 'true') await icon.click();
    await this.page.waitForTimeout(500);
  }

  /**
   * The quiz webview's inner frame (the one holding #app), waiting until it has rendered. With the
   * quiz open both in the sidebar and in an editor tab, `where` picks one.
   */
  async quiz(screenClass?: string, where: 'any' | 'editor' | 'sidebar' = 'any'): Promise<Frame> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      for (const f of this.page.frames()) {
        const ok = await f.locator(screenClass ? `#app .screen.${screenClass}` : '#app .screen').count().catch(() => 0);
        if (!ok) continue;
        if (where === 'any') return f;
        const host = await f.evaluate(() => document.body.dataset.host).catch(() => undefined);
        if ((where === 'editor') === (host === 'panel')) return f;
      }
      await this.page.waitForTimeout(250);
    }
    throw new Error(`quiz webview ${screenClass ?? ''} did not render`);
  }

  /**
   * Expands (or folds) a view of the container by its header: the Study Plan starts folded so that
   * the quiz has the sidebar's height.
   */
  async setPane(name: 'Quiz' | 'Study Plan', expanded: boolean): Promise<void> {
    const header = this.page.locator('.pane-header', { hasText: name }).first();
    await header.waitFor({ timeout: 15_000 });
    if ((await header.getAttribute('aria-expanded')) !== String(expanded)) await header.click();
    await this.page.waitForTimeout(300);
  }

  /** The study plan tree row whose label contains `text`. */
  planRow(text: string) {
    return this.page.locator('.pane-body .monaco-list-row', { hasText: text }).first();
  }
}

/** Writes workspace settings for the open folder (e.g. question packs). */
export function workspaceSettings(workspace: string, settings: Record<string, unknown>): void {
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'settings.json'), JSON.stringify(settings, null, 1));
}
