// npm run bench: every bench/*.bench.ts, each bundled as the extension runs its code (see
// bench-bundled.mjs), one after the other so they do not compete for the CPU. Figures, not
// pass/fail. `npm run bench -- hover pyright` runs only the benches whose names contain a word.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const words = process.argv.slice(2);
const benches = readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.bench.ts') && (!words.length || words.some((w) => f.includes(w)))).sort();
if (!benches.length) {
  console.error(`bench: no bench/*.bench.ts matches ${words.join(', ')}`);
  process.exit(2);
}
for (const bench of benches) {
  console.log(`\n=== ${bench} ===`);
  execFileSync(process.execPath, [join(root, 'scripts', 'bench-bundled.mjs'), join('bench', bench)], { cwd: root, stdio: 'inherit' });
}
