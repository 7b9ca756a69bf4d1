import { Tok, tokText } from '../../python/tokenizer';
import { isName, isOp, type CodeIndex } from '../code';
import type { Hit, TrapDetector } from '../types';

// pandas on Spark: pandas UDFs, the pandas function APIs, and collecting to the driver.

const isImportLine = (code: CodeIndex, i: number) => {
  let k = code.lineStart(i);
  while (k < i && code.t.kind[k] === Tok.Comment) k++;
  return isName(code.t, k, 'import') || isName(code.t, k, 'from');
};

/** MLAP009: `PandasUDFType` in a pandas_udf: Spark 3.0 infers the UDF's kind from type hints. */
export const pandasUdfType: TrapDetector = {
  id: 'MLAP009',
  slug: 'pandas-udf-type',
  detect(code) {
    const t = code.t;
    const hits: Hit[] = [];
    for (let i = 0; i < t.count; i++) {
      if (!isName(t, i, 'PandasUDFType') || isImportLine(code, i)) continue;
      const end = isOp(t, i + 1, '.') && isName(t, i + 2) ? i + 3 : i + 1;
      // `F.PandasUDFType.SCALAR`: start at the chain's root.
      hits.push(code.span(code.chainStart(i), end));
      i = end;
    }
    for (const call of code.calls) {
      if (call.qualname !== 'pyspark.sql.functions.pandas_udf') continue;
      const kw = code.keyword(call, 'functionType');
      if (kw?.keywordTok !== undefined && !hits.some((h) => h.start >= t.start[kw.from]! && h.start < t.end[kw.to - 1]!)) hits.push(code.span(kw.keywordTok, kw.to));
    }
    return hits;
  },
};

/** MLAP010: `groupBy(...).apply(udf)`, where Spark 3.0 added `applyInPandas(func, schema)`. */
export const groupedApply: TrapDetector = {
  id: 'MLAP010',
  slug: 'grouped-apply',
  detect(code) {
    const t = code.t;
    return code.calls
      .filter((c) => {
        if (c.name !== 'apply') return false;
        if (c.qualname) return c.qualname === 'pyspark.sql.GroupedData.apply';
        // Unresolved receivers: `.groupBy(...)` (camel case: pandas spells it groupby) right before.
        if (!isOp(t, c.nameTok - 1, '.') || !isOp(t, c.nameTok - 2, ')')) return false;
        const open = code.calls.find((o) => o.close === c.nameTok - 2);
        return open?.name === 'groupBy';
      })
      .map((c) => code.span(c.nameTok, c.nameTok + 1));
  },
};

const SOURCES = new Set(['table', 'sql', 'load', 'parquet', 'csv', 'json', 'orc', 'delta', 'text']);
const REDUCERS = new Set(['limit', 'sample', 'sampleBy', 'filter', 'where', 'select', 'groupBy', 'groupby', 'agg', 'head', 'take', 'tail', 'distinct', 'dropDuplicates', 'drop_duplicates', 'summary', 'describe', 'count', 'selectExpr', 'rollup', 'cube']);

/** MLAP021: `toPandas()` on a whole table read from Spark: every row lands in the driver's memory. */
export const toPandasWholeTable: TrapDetector = {
  id: 'MLAP021',
  slug: 'topandas-whole-table',
  detect(code) {
    const t = code.t;
    const hits: Hit[] = [];
    for (const call of code.calls) {
      if (call.name !== 'toPandas' || call.chainStart >= call.nameTok) continue;
      const names = new Set<string>();
      let from = call.chainStart;
      let to = call.nameTok;
      let root = '';
      // Follow the chain's root through up to three assignments (`df = spark.table(...)`).
      for (let hop = 0; hop < 4; hop++) {
        for (let k = from; k < to; k++) if (isName(t, k) && isOp(t, k - 1, '.')) names.add(tokText(t, k));
        root = tokText(t, from);
        if (root === 'spark' || !isName(t, from)) break;
        const bound = code.boundExpr(root, from);
        if (!bound) break;
        from = bound.from;
        to = bound.to;
        if (!isName(t, from)) break;
      }
      const read = root === 'spark' && ([...names].some((n) => SOURCES.has(n)) || names.has('read'));
      if (read && ![...names].some((n) => REDUCERS.has(n))) hits.push(code.span(call.nameTok, call.nameTok + 1));
    }
    return hits;
  },
};
