import { Tok, tokText } from '../../python/tokenizer';
import { isName, isOp, type CodeIndex } from '../code';
import type { Edit, Hit, TrapDetector } from '../types';

// Imports of modules the exam's platform has replaced: the workspace feature store client and Koalas.

interface ImportLine {
  /** `import` or `from`. */
  kind: 'import' | 'from';
  first: number;
  end: number;
  /** Token ranges of each dotted module path on the line, with its text. */
  modules: { from: number; to: number; path: string }[];
  /** For `from m import a as b`: the imported names (token index of each). */
  names: { tok: number; name: string; alias?: string }[];
}

function importLines(code: CodeIndex): ImportLine[] {
  const t = code.t;
  const out: ImportLine[] = [];
  for (let i = 0; i < t.count; i++) {
    if (t.kind[i] !== Tok.Name || (tokText(t, i) !== 'import' && tokText(t, i) !== 'from')) continue;
    // Only statements that open their logical line (comments aside).
    let k0 = code.lineStart(i);
    while (k0 < i && t.kind[k0] === Tok.Comment) k0++;
    if (k0 !== i) continue;
    let end = i;
    while (end < t.count && t.kind[end] !== Tok.Newline && !isOp(t, end, ';')) end++;
    const line: ImportLine = { kind: tokText(t, i) as 'import' | 'from', first: i, end, modules: [], names: [] };
    const dotted = (k: number) => {
      const s = k;
      let path = '';
      while (isName(t, k)) {
        path += (path ? '.' : '') + tokText(t, k);
        if (isOp(t, k + 1, '.') && isName(t, k + 2)) k += 2;
        else { k++; break; }
      }
      return { from: s, to: k, path };
    };
    if (line.kind === 'from') {
      const m = dotted(i + 1);
      if (m.path) line.modules.push(m);
      for (let k = m.to + 1; k < end; k++) {
        if (!isName(t, k) || isName(t, k, 'as') || isName(t, k - 1, 'as')) continue;
        line.names.push({ tok: k, name: tokText(t, k), ...(isName(t, k + 1, 'as') && isName(t, k + 2) ? { alias: tokText(t, k + 2) } : {}) });
      }
    } else {
      for (let k = i + 1; k < end; ) {
        const m = dotted(k);
        if (!m.path) { k++; continue; }
        line.modules.push(m);
        k = m.to;
        while (k < end && !isOp(t, k, ',')) k++;
        k++;
      }
    }
    out.push(line);
  }
  return out;
}

/** MLAP007: the workspace feature store client instead of Feature Engineering in Unity Catalog. */
export const featureStoreClient: TrapDetector = {
  id: 'MLAP007',
  slug: 'feature-store-client',
  detect(code) {
    const t = code.t;
    const hits: Hit[] = [];
    for (const line of importLines(code)) {
      const mod = line.modules.find((m) => m.path === 'databricks.feature_store' || m.path.startsWith('databricks.feature_store.'));
      if (line.kind === 'from' && mod?.path === 'databricks.feature_store') {
        const client = line.names.find((n) => n.name === 'FeatureStoreClient');
        const edits: Edit[] = [{ ...code.span(mod.from, mod.to), text: 'databricks.feature_engineering' }];
        // Rename the class where the file uses it, unless the import gives it a name of its own.
        if (client) for (let k = 0; k < t.count; k++) {
          if (isName(t, k, 'FeatureStoreClient') && !isOp(t, k - 1, '.') && (k === client.tok || !client.alias)) edits.push({ ...code.span(k, k + 1), text: 'FeatureEngineeringClient' });
        }
        hits.push({ ...code.span(mod.from, mod.to), fix: { title: 'Import FeatureEngineeringClient from databricks.feature_engineering', edits } });
      } else if (mod) hits.push(code.span(mod.from, mod.to));
      else if (line.kind === 'from' && line.modules[0]?.path === 'databricks') {
        const n = line.names.find((x) => x.name === 'feature_store');
        if (n) hits.push(code.span(n.tok, n.tok + 1));
      }
    }
    return hits;
  },
};

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
