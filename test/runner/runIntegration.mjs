// Runs the integration suites inside a real VS Code extension host: code-server started with the
// smoke-test driver, the workbench opened in headless Chromium with extensionDevelopmentPath and
// extensionTestsPath in its URL (the @vscode/test-electron contract), the exit code read back.
// Phases relaunch VS Code on the same or on a fresh profile to prove persistence and recovery.
import { execFileSync } from 'node:child_process';
import { format } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCodeServer, freePort, freshDirs, launchBrowser, ROOT, startCodeServer, versionLine } from '../../scripts/lib/codeServer.mjs';

const WORKSPACE = join(ROOT, 'test', 'fixtures', 'workspace');
/** The demo workspace `npm run demo` opens: "Practice the APIs in this workspace" is tested on it. */
const DEMO = join(ROOT, 'demo');
const SUITE = join(ROOT, 'out', 'test', 'integration', 'index.js');
const NOISE = /Resolving connection|Resolved connection|Creating a socket|reconnection-grace|builtin extensions cache|Service Worker|AccountPolicyGate|lifecycle|Unable to read file|open-vsx|marketplace|github|GitHub|authentication|chat|Chat|agent|Agent|\[Extension Host\]|ExtensionService|extensionHostProcess|telemetry|workbench\.js|Ignoring|DEPRECATED|deprecated|punycode|Canceled/;

/**
 * One launch of VS Code on a profile. A profile keeps its port and its browser context across
 * launches: VS Code in a browser keeps globalState in the page origin's IndexedDB, so a relaunch
 * is only a real reload when origin and browser storage are the same, as for a real user.
 */
async function runPhase(profile, phase, env, workspace = WORKSPACE) {
  const { dirs, port, context } = profile;
  const server = await startCodeServer({ dirs, port, workspace, smokeTestDriver: true, env: { ...env, MLAP_TEST_PHASE: phase, CI: '1' } });
  const page = await context.newPage();
  let resolveExit;
  const exited = new Promise((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationExit', (code) => resolveExit(code));
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    // The suites' output only; the workbench's own chatter (file probes, open-vsx, auth) is noise.
    if (NOISE.test(text)) return;
    console.log(text.split('\n').map((l) => `  ${l}`).join('\n'));
  });
  const authority = `127.0.0.1:${port}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', `vscode-remote://${authority}${ROOT}`],
    ['extensionTestsPath', `vscode-remote://${authority}${SUITE}`],
  ]);
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
  let timer;
  const timeout = new Promise((r) => (timer = setTimeout(() => r('timeout'), 240_000)));
  const code = await Promise.race([exited, timeout]);
  clearTimeout(timer); // a pending timer would keep the runner alive for minutes after the last phase
  if (code !== 0) await page.screenshot({ path: join(ROOT, 'test-results', `integration-${phase}-failure.png`) }).catch(() => undefined);
  // Let the workbench write its storage (globalState lives in IndexedDB here) as a closing tab
  // would: a short settle, then a close that runs the page's unload handlers.
  await page.waitForTimeout(1500);
  await page.close({ runBeforeUnload: true });
  await new Promise((r) => setTimeout(r, 500));
  await server.stop();
  if (code === 'timeout') throw new Error(`phase ${phase}: no exit from the extension host within 240 s\n${server.output().slice(-4000)}`);
  return code;
}

async function main() {
  ensureCodeServer();
  execFileSync(process.execPath, [join(ROOT, 'esbuild.config.mjs'), '--tests'], { cwd: ROOT, stdio: 'inherit' });
  console.log(`integration: running in ${versionLine()}, headless Chromium`);
  const browser = await launchBrowser();
  const tmp = mkdtempSync(join(tmpdir(), 'mlap-int-'));
  const env = { MLAP_EXPORT_PATH: join(tmp, 'export.json') };
  const profile = async (prefix) => ({ dirs: freshDirs(prefix), port: await freePort(), context: await browser.newContext() });
  const a = await profile('mlap-int-a-');
  const b = await profile('mlap-int-b-');
  const c = await profile('mlap-int-c-');
  const d = await profile('mlap-int-d-');
  const phases = [['main', a], ['reload', a], ['fresh-import', b], ['corrupt-write', c], ['corrupt-verify', c], ['demo', d, DEMO]];
  let failed = 0;
  try {
    for (const [phase, p, workspace] of phases) {
      console.log(`\nintegration phase: ${phase}`);
      const code = await runPhase(p, phase, env, workspace);
      console.log(`integration phase ${phase}: exit ${code}`);
      if (code !== 0) failed++;
    }
  } finally {
    await browser.close();
    for (const dir of [a.dirs.base, b.dirs.base, c.dirs.base, d.dirs.base, tmp]) rmSync(dir, { recursive: true, force: true });
  }
  if (failed) {
    console.error(`integration: ${failed} phase(s) failed`);
    process.exit(1);
  }
  console.log('integration: all phases passed');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
