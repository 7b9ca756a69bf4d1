// Refreshes facts/*.json from ../shared/api (or the folder given as the first argument).
import { writeFileSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FACT_FILES, readCompactFacts } from './lib/compactFacts.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.argv[2] ?? join(root, '..', 'shared', 'api'));
if (!existsSync(shared)) {
  console.error(`sync-facts: ${shared} not found`);
  process.exit(1);
}
for (const f of FACT_FILES) {
  const out = readCompactFacts(shared, f);
  writeFileSync(join(root, 'facts', f), JSON.stringify(out, null, 0).replace(/\},\{"qualname"/g, '},\n{"qualname"') + '\n');
  console.log(`facts/${f}: ${out.symbols.length} symbols`);
}
