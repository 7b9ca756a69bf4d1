import { isName } from '../code';
import type { Hit, TrapDetector } from '../types';
import { trim } from './bindings';
import { importLines } from './importLines';

// Koalas, which became pandas API on Spark.

const isKoalas = (path: string) => path === 'databricks.koalas' || path.startsWith('databricks.koalas.');

/** MLAP008: Koalas, which became pandas API on Spark (`pyspark.pandas`) in Spark 3.2. */
export const koalas: TrapDetector = {
  id: 'MLAP008',
  slug: 'koalas',
  detect(code) {
    const t = code.t;
    const hits: Hit[] = [];
    for (const line of importLines(code)) {
      const first = line.modules[0];
      if (line.kind === 'import') {
        for (const m of line.modules) {
          if (!isKoalas(m.path)) continue;
          const s = code.span(m.from, m.to);
          // `import databricks.koalas as X` keeps X bound; a bare import is used as databricks.koalas.f(...) and cannot be renamed here.
          const aliased = m.path === 'databricks.koalas' && isName(t, m.to, 'as') && isName(t, m.to + 1);
          hits.push(aliased ? { ...s, fix: { title: 'Import pyspark.pandas instead', edits: [{ ...s, text: 'pyspark.pandas' }] } } : s);
        }
      } else if (first && isKoalas(first.path)) {
        // Only the package itself has a known twin; Koalas submodules do not all exist in pyspark.pandas.
        const s = code.span(first.from, first.to);
        hits.push(first.path === 'databricks.koalas' ? { ...s, fix: { title: 'Import from pyspark.pandas instead', edits: [{ ...s, text: 'pyspark.pandas' }] } } : s);
      } else if (first?.path === 'databricks') {
        const n = line.names.find((x) => x.name === 'koalas');
        if (!n) continue;
        const s = code.span(n.tok, n.tok + 1);
        // The whole line becomes `import pyspark.pandas as <name>` only when koalas is all it imports.
        const whole = code.span(line.first, trim(code, { from: line.first, to: line.end }).to);
        hits.push(line.names.length === 1 ? { ...s, fix: { title: 'Import pyspark.pandas instead', edits: [{ ...whole, text: `import pyspark.pandas as ${n.alias ?? 'koalas'}` }] } } : s);
      }
    }
    return hits;
  },
};
