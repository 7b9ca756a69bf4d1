import { isName } from '../code';
import type { Hit, TrapDetector } from '../types';
import { importLines } from './importLines';

// Koalas, which became pandas API on Spark.

/** MLAP008: Koalas, which became pandas API on Spark (`pyspark.pandas`) in Spark 3.2. */
export const koalas: TrapDetector = {
  id: 'MLAP008',
  slug: 'koalas',
  detect(code) {
    const t = code.t;
    const hits: Hit[] = [];
    for (const line of importLines(code)) {
      if (line.kind === 'import') {
        for (const m of line.modules) {
          if (m.path !== 'databricks.koalas') continue;
          const aliased = isName(t, m.to, 'as') && isName(t, m.to + 1);
          const s = code.span(m.from, m.to);
          hits.push(aliased ? { ...s, fix: { title: 'Import pyspark.pandas instead', edits: [{ ...s, text: 'pyspark.pandas' }] } } : s);
        }
      } else if (line.modules[0]?.path === 'databricks.koalas' || line.modules[0]?.path.startsWith('databricks.koalas.')) {
        const m = line.modules[0];
        const s = code.span(m.from, m.to);
        hits.push({ ...s, fix: { title: 'Import from pyspark.pandas instead', edits: [{ ...s, text: m.path.replace('databricks.koalas', 'pyspark.pandas') }] } });
      } else if (line.modules[0]?.path === 'databricks') {
        const n = line.names.find((x) => x.name === 'koalas');
        if (!n) continue;
        const s = code.span(line.first, line.end);
        const only = line.names.length === 1;
        hits.push(only ? { ...code.span(n.tok, n.tok + 1), fix: { title: 'Import pyspark.pandas instead', edits: [{ ...s, text: `import pyspark.pandas as ${n.alias ?? 'koalas'}` }] } } : code.span(n.tok, n.tok + 1));
      }
    }
    return hits;
  },
};
