// npm test: every test, in order, stopping at the first failing stage.
//   typecheck -> build (compiles and lints the content) -> unit -> integration -> e2e
// The integration and e2e stages install code-server, Node 24 and Chromium on first use.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureDeps } from './lib/ensureDeps.mjs';

const root = new URL('..', import.meta.url).pathname;
ensureDeps(root);
const node = process.execPath;
const stages = [
  ['typecheck', 'npx', ['tsc', '-p', '.', '--noEmit']],
  ['typecheck (core: no DOM, no Node, no vscode)', 'npx', ['tsc', '-p', 'src/core', '--noEmit']],
  ['build and content lint', node, [join(root, 'esbuild.config.mjs')]],
  ['content lint via the CLI', node, [join(root, 'dist', 'cli.js'), 'lint']],
  ['coverage targets', node, [join(root, 'dist', 'cli.js'), 'coverage', '--check']],
  ['unit tests', node, [join(root, 'node_modules', 'mocha', 'bin', 'mocha.js')]],
  ['integration tests (code-server extension host)', node, [join(root, 'test', 'runner', 'runIntegration.mjs')]],
  ['end-to-end tests (packaged .vsix, Chromium)', node, [join(root, 'test', 'runner', 'runE2e.mjs')]],
];
const only = process.env.MLAP_TEST_STAGES?.split(',');
const started = Date.now();
for (const [name, cmd, args] of stages) {
  if (only && !only.some((o) => name.startsWith(o))) continue;
  console.log(`\n=== ${name} ===`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: name.startsWith('coverage') ? ['ignore', 'pipe', 'inherit'] : 'inherit' });
  if (name.startsWith('coverage')) console.log(String(r.stdout).split('\n').filter((l) => /^Questions:|^Cues|^Test-wise|^Multiple-select key|^Key length rank|^APIs tagged|Every target|Below target|^\s+- /.test(l)).join('\n'));
  if (r.status !== 0) {
    console.error(`\nnpm test: "${name}" failed (exit ${r.status})`);
    process.exit(r.status ?? 1);
  }
  console.log(`=== ${name}: ok (${((Date.now() - t0) / 1000).toFixed(1)} s) ===`);
}
console.log(`\nnpm test: all stages passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
