// `npm run size`: builds every bundle for production in memory with esbuild's metafile, prints each
// bundle's size and its ten largest inputs (npm packages summed, source files by path), and exits 1
// when a bundle is over its budget (scripts/lib/bundles.mjs) or carries a copy of the scheduler. scripts/package.mjs runs it too.
import * as esbuild from 'esbuild';
import { BUDGETS_KB, bundleOptions } from './lib/bundles.mjs';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** node_modules/zod/v4/core/x.js -> "zod"; src files keep their path. */
function inputName(path) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  return m ? m[1] : path;
}

let over = 0;
for (const options of bundleOptions({ production: true, metafile: true })) {
  if (String(options.entryPoints[0]).endsWith('.css')) continue;
  const result = await esbuild.build({ ...options, write: false, logLevel: 'error' });
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (file.endsWith('.map')) continue;
    const budget = BUDGETS_KB[file];
    const status = budget === undefined ? '' : output.bytes > budget * 1024 ? `  OVER budget ${budget} KB` : `  (budget ${budget} KB)`;
    if (budget !== undefined && output.bytes > budget * 1024) over++;
    console.log(`${file} ${kb(output.bytes)}${status}`);
    // One scheduler for the extension and its lazy bundles (scripts/lib/bundles.mjs, sharedScheduler).
    if (file !== 'dist/scheduler.js' && file !== 'dist/cli.js' && output.inputs['src/core/scheduler.ts']) {
      console.error(`  ${file} inlines src/core/scheduler.ts: it must require dist/scheduler.js`);
      over++;
    }
    const byInput = new Map();
    for (const [path, input] of Object.entries(output.inputs)) {
      const name = inputName(path);
      byInput.set(name, (byInput.get(name) ?? 0) + input.bytesInOutput);
    }
    const top = [...byInput].sort((a, b) => b[1] - a[1]).slice(0, 10);
    for (const [name, bytes] of top) console.log(`  ${kb(bytes).padStart(9)}  ${name}`);
  }
}
if (over) {
  console.error(`size: ${over} bundle${over === 1 ? '' : 's'} over budget`);
  process.exit(1);
}
