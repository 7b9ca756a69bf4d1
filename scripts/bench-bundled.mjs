// Runs a benchmark as the extension runs its code: bundled by esbuild (const enums inlined, one
// module), not through tsx's per-file transform, whose module getters cost more than the code.
import { spawnSync } from 'node:child_process';
import { basename, join } from 'node:path';
import * as esbuild from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const entry = process.argv[2];
if (!entry) {
  console.error('usage: node scripts/bench-bundled.mjs bench/NAME.bench.ts [options for it]');
  process.exit(2);
}
const outfile = join(root, 'out', 'bench', basename(entry).replace(/\.ts$/, '.js'));
await esbuild.build({ entryPoints: [join(root, entry)], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node18', logLevel: 'warning', define: { __dirname: JSON.stringify(join(root, 'bench')) } });
// Options after the entry go to it (npm run fuzz -- --seed 1); its exit status is ours.
const run = spawnSync(process.execPath, [outfile, ...process.argv.slice(3)], { cwd: root, stdio: 'inherit' });
process.exitCode = run.status ?? 1;
