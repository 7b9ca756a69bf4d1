import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';

// The quiz page's HTML (src/vscode/webviewHtml.ts) against a stand-in `vscode`: the styles travel
// inside the page in one <style> element that carries the per-load nonce, the CSP lets in that
// element alone (no 'unsafe-inline', no stylesheet from anywhere), the icon font's address points
// at the extension's file, and without the stylesheet files the page links them as before.

type Html = typeof import('../../src/vscode/webviewHtml');
const CSP_SOURCE = 'https://res.test';
const vscodeStub = { Uri: { joinPath: (base: { fsPath: string }, ...parts: string[]) => ({ fsPath: join(base.fsPath, ...parts) }) } };
const webview = { cspSource: CSP_SOURCE, asWebviewUri: (u: { fsPath: string }) => ({ toString: () => `${CSP_SOURCE}${u.fsPath}` }) };

describe('webviewHtml: the quiz page', () => {
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = loader._load;
  let html: Html;
  const roots: string[] = [];
  const root = (withSheets: boolean): string => {
    const dir = mkdtempSync(join(tmpdir(), 'mlap-html-'));
    roots.push(dir);
    if (withSheets) {
      mkdirSync(join(dir, 'dist', 'webview', 'codicons'), { recursive: true });
      writeFileSync(join(dir, 'dist', 'webview', 'codicons', 'codicon.css'), '@font-face { font-family: "codicon"; src: url("./codicon.ttf?abc123") format("truetype"); }\n.codicon-play:before { content: "\\eb2c" }');
      writeFileSync(join(dir, 'dist', 'webview', 'styles.css'), 'body { color: var(--vscode-foreground); }');
    }
    return dir;
  };
  const page = (dir: string) => {
    const text = html.webviewHtml(webview as never, { fsPath: dir } as never);
    const doc = new JSDOM(text).window.document;
    const csp = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!;
    const directive = (name: string) => csp.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `));
    return { text, doc, csp, directive, nonce: doc.querySelector('script')!.getAttribute('nonce')! };
  };

  before(() => {
    loader._load = function (request: string, ...rest: unknown[]) {
      return request === 'vscode' ? vscodeStub : load.call(this, request, ...rest);
    };
    html = require('../../src/vscode/webviewHtml') as Html;
  });
  after(() => {
    loader._load = load;
    for (const dir of roots) rmSync(dir, { recursive: true, force: true });
  });

  // First: the module keeps the stylesheets' text once it has read them.
  it('without the stylesheet files, links them and lets in the extension\'s stylesheets only', () => {
    const p = page(root(false));
    assert.equal(p.doc.querySelectorAll('style').length, 0);
    assert.deepEqual([...p.doc.querySelectorAll('link[rel=stylesheet]')].map((l) => l.getAttribute('href')), [`${CSP_SOURCE}${roots[0]}/dist/webview/codicons/codicon.css`, `${CSP_SOURCE}${roots[0]}/dist/webview/styles.css`]);
    assert.equal(p.directive('style-src'), `style-src ${CSP_SOURCE}`);
  });

  it('puts the styles in one <style> element with the nonce, and the CSP lets in that element alone', () => {
    const dir = root(true);
    const p = page(dir);
    const styles = [...p.doc.querySelectorAll('style')];
    assert.equal(styles.length, 1);
    assert.equal(styles[0]!.getAttribute('nonce'), p.nonce);
    assert.equal(p.doc.querySelectorAll('link[rel=stylesheet]').length, 0);
    assert.equal(p.directive('style-src'), `style-src 'nonce-${p.nonce}'`);
    assert.equal(p.directive('script-src'), `script-src 'nonce-${p.nonce}'`);
    assert.equal(p.directive('default-src'), "default-src 'none'");
    assert.doesNotMatch(p.csp, /unsafe-inline|unsafe-eval/);
    assert.equal(p.doc.querySelectorAll('script').length, 1, 'one script, from a file');
    assert.ok(p.doc.querySelector('script')!.getAttribute('src'));
    // The icons' sheet first, then ours (ours may restyle an icon), and the font at the extension's file.
    const css = styles[0]!.textContent!;
    assert.ok(css.indexOf('.codicon-play') < css.indexOf('body {'));
    assert.match(css, new RegExp(`url\\("${CSP_SOURCE}${dir}/dist/webview/codicons/codicon\\.ttf"\\)`));
    assert.doesNotMatch(css, /\.\/codicon\.ttf/);
    assert.ok(p.directive('font-src')!.includes(CSP_SOURCE));
  });

  it('gives every page its own nonce', () => {
    const dir = root(true);
    const nonces = new Set(Array.from({ length: 5 }, () => page(dir).nonce));
    assert.equal(nonces.size, 5);
    for (const n of nonces) assert.match(n, /^[A-Za-z0-9+/]{22}==$/);
  });
});
