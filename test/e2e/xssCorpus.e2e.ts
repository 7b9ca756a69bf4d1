import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
// @ts-expect-error plain JS module shared with the runners
import { ROOT } from '../../scripts/lib/codeServer.mjs';
import { Workbench, workspaceSettings } from './workbench';
import { FIELDS, writeXssPack, type PackQuestion, type PackTarget, type XssPack } from './xssPack';

// The XSS corpus as a question pack in the real panel (issue 14, item 3): every payload in every
// user-text field of a question (xssPack.ts), every URL in it pointed at a listener on 127.0.0.1,
// loaded by the packaged extension in code-server and walked in headless Chromium through Select,
// Submit and Next. Then: the listener received nothing, no payload's script set its global in any
// frame (a hook in every frame reports the moment one does, so a frame gone by the end still
// counts), no dialog opened, and the panel answered every step in time.

/** Longest wait for any one step of the walk: the panel has stopped responding past it. */
const STEP_MS = 15_000;
/** Globals the corpus's scripts set (payloads.ts: every script sets window.__pwned). */
const PAYLOAD_GLOBALS = ['__pwned', '__xss'];

/** Runs in every frame before its own scripts: reports payload globals as they are set, and CSP violations. */
const HOOK = `(() => {
  const report = (kind, detail) => { try { window.__xssReport(kind, String(detail).slice(0, 300), String(location.href).slice(0, 160)); } catch {} };
  for (const name of ${JSON.stringify([...PAYLOAD_GLOBALS, '__xssSelfTest'])}) {
    let value;
    Object.defineProperty(window, name, { configurable: true, get: () => value, set: (v) => { value = v; report('global', name + '=' + v); } });
  }
  // VS Code writes the panel's document into its frame with document.open(), which drops the
  // window's listeners: so the listener is added again (a no-op while it is there).
  const onViolation = (e) => report('csp', e.violatedDirective + ' ' + e.blockedURI);
  window.addEventListener('securitypolicyviolation', onViolation, true);
  setInterval(() => window.addEventListener('securitypolicyviolation', onViolation, true), 50);
})();`;

interface Listener {
  origin: string;
  requests: string[];
  connections: number;
  server: Server;
}

/** An HTTP server on a free loopback port that records every connection and request. */
async function listen(): Promise<Listener> {
  const l: Listener = { origin: '', requests: [], connections: 0, server: createServer() };
  l.server.on('connection', () => l.connections++);
  l.server.on('request', (req, res) => {
    l.requests.push(`${req.method} ${req.url}`);
    res.end('no');
  });
  // A TLS hello sent to this plain-HTTP port (an https:// URL) is a client error, already counted as a connection.
  l.server.on('clientError', (_e, socket) => socket.destroy());
  await new Promise<void>((done) => l.server.listen(0, '127.0.0.1', done));
  l.origin = `http://127.0.0.1:${(l.server.address() as AddressInfo).port}`;
  return l;
}

/**
 * Everything active in the panel's document: scripts and styles other than the panel's own (main.js,
 * and markdown.js which main.js adds with the page's nonce) and
 * VS Code's (its API shim and default styles), frames and other forbidden elements anywhere, an
 * event handler attribute anywhere, and in a Markdown field anything Markdown does not render to.
 */
function activeContent(): string[] {
  const MD_TAGS = new Set(['p', 'br', 'em', 'strong', 'code', 'pre', 'ul', 'ol', 'li', 'a', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'del', 'h3', 'h4', 'hr']);
  const MD_ATTRS = new Set(['href', 'title', 'align', 'data-external', 'tabindex', 'class']);
  const out: string[] = [];
  // (No helper functions in here: tsx would wrap them in a __name() the page does not have.)
  for (const el of document.querySelectorAll('script, style, iframe, frame, object, embed, base, meta[http-equiv=refresh i], [srcdoc], link:not([rel=stylesheet])')) {
    const own = (el.localName === 'script' && (el.id === '_vscodeApiScript' || (el.hasAttribute('nonce') && /\/dist\/webview\/(main|markdown)\.js$/.test(el.getAttribute('src') ?? '')))) ||
      (el.localName === 'style' && el.id === '_defaultStyles') ||
      // The page's own styles: in <head>, carrying the nonce of the page's script (webviewHtml.ts).
      (el.localName === 'style' && el.parentElement === document.head && !!(el as HTMLStyleElement).nonce &&
        (el as HTMLStyleElement).nonce === (document.querySelector('script[src*="/dist/webview/main.js"]') as HTMLScriptElement | null)?.nonce);
    if (!own) out.push(`<${el.localName}>: ${el.outerHTML.slice(0, 120)} in ${el.parentElement?.outerHTML.slice(0, 80)}`);
  }
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.getAttributeNames()) if (/^on/i.test(a)) out.push(`<${el.localName} ${a}>`);
    if (!el.parentElement?.closest('.md')) continue;
    if (!MD_TAGS.has(el.localName)) out.push(`<${el.localName}> in Markdown`);
    for (const a of el.getAttributeNames()) if (!MD_ATTRS.has(a)) out.push(`<${el.localName} ${a}> in Markdown`);
    const href = el.getAttribute('href');
    if (href !== null && !/^https:\/\//i.test(href)) out.push(`href="${href.slice(0, 60)}"`);
  }
  return out;
}

describe('e2e: the XSS corpus as a question pack in the panel', function () {
  this.timeout(900_000);
  const wb = new Workbench();
  let listener: Listener;
  let pack: XssPack;
  const globals: string[] = [];
  const cspEvents: string[] = [];
  const dialogs: string[] = [];
  before(async () => {
    listener = await listen();
    await wb.start();
    const context = wb.page.context();
    await context.exposeBinding('__xssReport', (_source, kind: string, detail: string, where: string) => {
      if (kind === 'csp') cspEvents.push(detail);
      else globals.push(`${detail} (${where})`);
    });
    await context.addInitScript(HOOK);
    wb.page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message().slice(0, 100)}`);
      d.dismiss().catch(() => undefined);
    });
    // The workbench's frame is already loaded: hook it now (a script of the panel could reach it as
    // `top`); the panel's frames are created when the view opens, with the hook from the start.
    await wb.page.evaluate(HOOK);
    await wb.openActivity();
  });
  after(async () => {
    await wb.stop();
    await new Promise((done) => listener?.server.close(done));
  });

  it('walks every question of the corpus pack through Submit: nothing runs, nothing loads, the panel keeps answering', async () => {
    const started = Date.now();
    pack = writeXssPack(join(wb.workspace, 'xss'), listener.origin, ROOT);
    const questions = pack.folders.flatMap((f) => f.questions);
    const generatedMs = Date.now() - started;
    // The pack holds the corpus, its every class and (nearly) every payload, in every field.
    const placed = new Set(questions.flatMap((q) => q.placed.map((p) => p.payload)));
    assert.equal(placed.size + pack.refused.length, pack.payloads.length);
    assert.deepEqual([...new Set(pack.refused.map((r) => r.payload.kind))].filter((k) => ![...placed].some((i) => pack.payloads[i]!.kind === k)), [], 'every class of the corpus reaches the panel');
    assert.ok(placed.size >= pack.payloads.length * 0.99, `${placed.size} of ${pack.payloads.length} payloads reach the panel`);
    for (const f of FIELDS) assert.ok(questions.some((q) => q.placed.some((p) => p.fields.includes(f))), `payloads in the ${f}`);

    // The hooks see what they are meant to: a global set in the panel's frame, a load the CSP blocks.
    let quiz = await wb.quiz();
    await quiz.evaluate(() => {
      (window as unknown as { __xssSelfTest: number }).__xssSelfTest = 1;
    });
    await quiz.evaluate((url) => {
      // Left in the document: a violation is reported at its element, and only a connected one's reaches the window.
      const img = new Image();
      img.src = `${url}/csp-self-test`;
      img.hidden = true;
      document.body.append(img);
    }, listener.origin);
    await wb.page.waitForTimeout(500);
    assert.equal(globals.filter((g) => g.startsWith('__xssSelfTest=1')).length, 1, `the global hook runs in the panel's frame: ${globals.join('; ')}`);
    assert.ok(cspEvents.some((e) => e.includes('/csp-self-test')), `the CSP hook sees the panel's violations: ${cspEvents.join('; ')}`);
    assert.equal(listener.connections, 0, 'the CSP keeps the panel from loading anything from the listener');
    // The scan finds a planted handler and a style in a Markdown field.
    const planted = await quiz.evaluateHandle(() => {
      const md = document.createElement('div');
      md.className = 'md';
      md.innerHTML = '<span onclick="1" style="color:red">x</span>';
      document.body.append(md);
      return md;
    });
    assert.equal((await quiz.evaluate(activeContent)).length, 3, 'the scan sees a handler and a style in a field');
    await planted.evaluate((md) => md.remove());
    // Where the CSP reports of the walk come from: Chromium checks an inline handler against the
    // panel's CSP even in a document DOMPurify parses apart, before DOMPurify drops it.
    const beforeInert = cspEvents.length;
    await quiz.evaluate(() => new DOMParser().parseFromString('<b onclick="1">x</b>', 'text/html').body.childElementCount);
    await wb.page.waitForTimeout(300);
    const inertParse = cspEvents.slice(beforeInert);
    globals.length = 0;
    const cspBefore = cspEvents.length;

    const walked = new Set<string>();
    const fallbacks: string[] = [];
    const active: string[] = [];
    const steps: { ms: number; step: string }[] = [];
    const walkStarted = Date.now();
    /** One step of the walk, within STEP_MS: the panel must answer each. */
    const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
      const t = Date.now();
      const out = await run();
      steps.push({ ms: Date.now() - t, step: name });
      return out;
    };
    for (const [f, folder] of pack.folders.entries()) {
      const rel = `xss/${folder.dir.split('/').pop()}`;
      workspaceSettings(wb.workspace, { 'mlAssociatePrep.questionPacks': [rel] });
      quiz = await startPackSet(wb, pack.target, folder.questions.length);
      const byMarker = new Map<string, PackQuestion>(folder.questions.map((q) => [q.marker, q]));
      const n = folder.questions.length;
      for (let i = 0; i < n; i++) {
        const where = `pack ${f + 1}, question ${i + 1} / ${n}`;
        const screen = quiz.locator('.screen.practice');
        await step(`${where}: shown`, () => screen.locator('.progress', { hasText: `${i + 1} / ${n}` }).waitFor({ timeout: STEP_MS }));
        const stem = await screen.locator('.stem').innerText({ timeout: STEP_MS });
        const marker = /XSS corpus question \d+/.exec(stem)?.[0];
        assert.ok(marker && byMarker.has(marker), `${where}: a question of the pack (${stem.slice(0, 80)})`);
        assert.ok(!walked.has(marker), `${where}: ${marker} only once`);
        walked.add(marker);
        if (await screen.locator(':scope > .banner.warning').count()) fallbacks.push(marker);
        await step(`${where}: select`, () => screen.locator('.choice input').first().check({ timeout: STEP_MS }));
        await step(`${where}: submit`, () => screen.locator(':scope > .actions > button[data-action=submit]').click({ timeout: STEP_MS }));
        await step(`${where}: feedback`, () => screen.locator(':scope > .result').waitFor({ timeout: STEP_MS }));
        assert.equal(await screen.locator('.explanation').count(), await screen.locator('.choice').count(), `${where} (${marker}): every option's explanation painted`);
        if (await screen.locator(':scope > .banner.warning').count()) fallbacks.push(`${marker} (feedback)`);
        active.push(...(await quiz.evaluate(activeContent)).map((a) => `${marker}: ${a}`));
        await step(`${where}: next`, () => screen.locator(':scope > .actions > button[data-action=next]').click({ timeout: STEP_MS }));
      }
      // The set's summary draws every card again, with its feedback, in one screen.
      quiz = await step(`pack ${f + 1}: summary`, () => wb.quiz('summary'));
      active.push(...(await quiz.evaluate(activeContent)).map((a) => `summary ${f + 1}: ${a}`));
      await quiz.locator('.screen.summary button', { hasText: 'Done' }).click({ timeout: STEP_MS });
      quiz = await step(`pack ${f + 1}: home`, () => wb.quiz('home'));
    }
    const walkMs = Date.now() - walkStarted;
    await wb.page.waitForTimeout(1000); // a late load or timer would land here

    // Payload globals: reported by the hook wherever one was set, and still present in no frame.
    const present: string[] = [];
    for (const frame of wb.page.frames()) {
      const found = await frame.evaluate((names) => names.filter((n) => (window as unknown as Record<string, unknown>)[n] !== undefined), PAYLOAD_GLOBALS).catch(() => []);
      present.push(...found.map((n) => `${n} in ${frame.url().slice(0, 100)}`));
    }
    // The panel's CSP reports what it blocked: DOMPurify parses a field's HTML in an inert document
    // of the panel's, where Chromium checks an inline handler or <style> against the CSP before
    // DOMPurify drops it; anything else would be content that got past the sanitizer.
    const csp = new Map<string, number>();
    for (const e of cspEvents.slice(cspBefore)) csp.set(e.split(' ')[0]!, (csp.get(e.split(' ')[0]!) ?? 0) + 1);
    const cspBlockedUrls = cspEvents.slice(cspBefore).filter((e) => !/ (inline|eval)$/.test(e));
    const figures = {
      payloads: pack.payloads.length,
      reachedPanel: placed.size,
      refusedByChecks: pack.refused.map((r) => `${r.payload.id} (${r.why.replace(/^\d+: /, '').slice(0, 60)})`),
      docsUrls: `${pack.docs.length - pack.refusedDocs.length} of ${pack.docs.length} (refused: ${pack.refusedDocs.map((r) => r.url.slice(0, 40)).join(', ')})`,
      questions: `${questions.length} in ${pack.folders.length} pack folders (${pack.folders.map((f) => f.questions.length).join(' + ')})`,
      fields: `${FIELDS.join(', ')}, docs; ${pack.placements} payload placements, ${pack.verbatim} verbatim in the field the panel gets`,
      renderFallbacks: fallbacks.length,
      cspViolations: `${cspEvents.length - cspBefore} (${[...csp].map(([k, v]) => `${k} ${v}`).join(', ')}); of them loads of a URL: ${cspBlockedUrls.length}; an inert parse of one handler reports ${JSON.stringify(inertParse)}`,
      listener: `${listener.requests.length} requests, ${listener.connections} connections`,
      globals: globals.length,
      dialogs: dialogs.length,
      slowestSteps: steps.sort((a, b) => b.ms - a.ms).slice(0, 4).map((x) => `${x.ms} ms (${x.step})`),
      medianStepMs: steps.map((x) => x.ms).sort((a, b) => a - b)[Math.floor(steps.length / 2)],
      durations: `pack written and checked ${(generatedMs / 1000).toFixed(1)} s, walk ${(walkMs / 1000).toFixed(1)} s`,
    };
    console.log(`      xss e2e: ${JSON.stringify(figures, null, 2).replace(/\n/g, '\n      ')}`);

    assert.equal(walked.size, questions.length, 'every question of the pack was walked');
    assert.deepEqual(listener.requests, [], 'the listener received no request');
    assert.equal(listener.connections, 0, 'nor any connection');
    assert.deepEqual(globals, [], 'no payload set a global in any frame');
    assert.deepEqual(present, [], 'no payload global in any frame');
    assert.deepEqual(dialogs, [], 'no dialog');
    assert.deepEqual(cspBlockedUrls, [], 'no load of a URL was even attempted');
    assert.deepEqual(active.slice(0, 20), [], `${active.length} active nodes in the panel`);
  });
});

/**
 * Opens Practice and starts a set of the pack's questions (its objective and difficulty: no bank
 * question has both) once the extension has loaded the pack (the objective's count shows it);
 * returns the panel's frame.
 */
async function startPackSet(wb: Workbench, target: PackTarget, expected: number): Promise<Frame> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    let quiz = await wb.quiz();
    const home = quiz.locator('button.link', { hasText: 'Home' });
    if (await home.count()) await home.first().click();
    quiz = await wb.quiz('home');
    await quiz.locator('button.tile', { hasText: 'Practice' }).click();
    quiz = await wb.quiz('setup');
    const box = quiz.locator(`input[name=objective][value="${target.objective}"]`);
    // (textContent: the objective's row sits in a folded group, which innerText reads as empty.)
    const label = (await box.count()) ? ((await box.locator('xpath=..').textContent()) ?? '') : '';
    const count = Number(/\((\d+)\)\s*$/.exec(label)?.[1] ?? 0);
    // The bank's questions on the objective, plus the pack's once it is loaded.
    if (count === target.bankQuestions + expected) {
      await box.evaluate((el) => {
        (el as HTMLInputElement).checked = true;
      });
      await quiz.locator(`input[name=difficulty][value=${target.difficulty}]`).check();
      await quiz.locator('input[name=order][value=in-order]').check();
      await quiz.locator('input[name=feedback][value=immediate]').check();
      await quiz.locator('input[name=size]').fill('500');
      await quiz.locator('button[type=submit]').click();
      await wb.answerDialog('Start the new set', 2_000);
      quiz = await wb.quiz('practice');
      const progress = await quiz.locator('.screen.practice .progress').innerText();
      assert.equal(progress.trim(), `1 / ${expected}`, 'the set holds the pack, all of it');
      return quiz;
    }
    if (Date.now() > deadline) throw new Error(`the pack of ${expected} questions did not load (objective ${target.objective}: "${label}")`);
    await quiz.locator('button', { hasText: 'Cancel' }).click();
    await wb.page.waitForTimeout(1500);
  }
}
