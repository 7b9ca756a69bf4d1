// npm run test:desktop: the same integration suites in desktop VS Code through @vscode/test-electron,
// on the minimum engine version and on stable. Needs a machine that can download VS Code (not this
// kind: use npm run test:integration here, which runs them in code-server).
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';

const ROOT = new URL('../..', import.meta.url).pathname;
const pkg = JSON.parse(execFileSync('node', ['-p', 'JSON.stringify(require("./package.json"))'], { cwd: ROOT, encoding: 'utf8' }));
const minimum = pkg.engines.vscode.replace(/^\^/, '');
execFileSync(process.execPath, [join(ROOT, 'esbuild.config.mjs'), '--tests'], { cwd: ROOT, stdio: 'inherit' });

const workspace = join(ROOT, 'test', 'fixtures', 'workspace');
for (const version of process.env.VSCODE_VERSIONS?.split(',') ?? [minimum, 'stable']) {
  const tmp = mkdtempSync(join(tmpdir(), 'mlap-desktop-'));
  const env = { MLAP_EXPORT_PATH: join(tmp, 'export.json'), MLAP_FAULT_DIR: tmp };
  // The fault phases (kill, two-windows) need the code-server runner's hand from outside: they run there.
  const profiles = { a: join(tmp, 'a'), b: join(tmp, 'b'), c: join(tmp, 'c') };
  const phases = [['main', 'a'], ['reload', 'a'], ['fresh-import', 'b'], ['corrupt-write', 'c'], ['corrupt-verify', 'c']];
  for (const [phase, profile] of phases) {
    console.log(`desktop VS Code ${version}: phase ${phase}`);
    await runTests({
      version,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: join(ROOT, 'out', 'test', 'integration', 'index.js'),
      launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${profiles[profile]}`],
      extensionTestsEnv: { ...env, MLAP_TEST_PHASE: phase },
    });
  }
}
