import type { Binding } from '../../python/documentModel';
import { tokText } from '../../python/tokenizer';
import { isName, isOp, type Call, type CodeIndex } from '../code';
import { stringValue } from './literals';
import type { Hit, TrapDetector } from '../types';
import { assigned, bindingAt, bindingCount, builtFrom, callPath, callSpanning, receiver, trim, valueOf, type Range } from './bindings';

// pyspark.ml data preparation: split first, split reproducibly, encode the indexed column.

const LEARNING_STAGES = new Set([
  'StringIndexer', 'OneHotEncoder', 'Imputer', 'StandardScaler', 'MinMaxScaler', 'MaxAbsScaler', 'RobustScaler', 'VectorIndexer',
  'QuantileDiscretizer', 'PCA', 'CountVectorizer', 'IDF', 'ChiSqSelector', 'UnivariateFeatureSelector', 'VarianceThresholdSelector',
  'RFormula', 'Word2Vec',
].map((n) => `pyspark.ml.feature.${n}`).concat(['pyspark.ml.Pipeline', 'pyspark.ml.pipeline.Pipeline']));

/**
 * Whether the DataFrame expression `r` is `D` (seen with the binding `dBinding`) or derived from it
 * through `.transform(...)`: directly, or through names bound by plain assignment in its scope.
 */
function derivesFrom(code: CodeIndex, r: Range, d: string, dBinding: Binding | undefined, depth = 0): boolean {
  const t = code.t;
  if (depth > 8 || r.to <= r.from) return false;
  if (r.to === r.from + 1 && isName(t, r.from)) {
    const name = tokText(t, r.from);
    const b = bindingAt(code, name, r.from, true);
    if (name === d && bindingAt(code, name, r.from) === dBinding) return true;
    const value = assigned(code, b);
    return !!value && derivesFrom(code, value, d, dBinding, depth + 1);
  }
  const c = callSpanning(code, r);
  if (c?.name !== 'transform' || !receiver(c) || c.args.length !== 1) return false;
  const input = valueOf(code, c.args[0]);
  return !!input && !c.args[0]!.keyword && derivesFrom(code, input, d, dBinding, depth + 1);
}

/** Index of the first call in `calls` (in file order) whose `(` comes after token `tok`. */
function firstAfter(calls: readonly Call[], tok: number): number {
  let lo = 0;
  let hi = calls.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (calls[mid]!.open > tok) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** MLAP014: a learning feature stage or Pipeline fit on a DataFrame that is split afterwards (test rows leak in). */
export const fitBeforeSplit: TrapDetector = {
  id: 'MLAP014',
  slug: 'fit-before-split',
  detect(code) {
    const t = code.t;
    const hits: Hit[] = [];
    const splits = code.calls.filter((c) => c.name === 'randomSplit' && receiver(c));
    if (!splits.length) return hits;
    // The splits of each scope, in file order: a fit looks only at its own scope's splits after
    // it (found by halves), not at every split of the file (quadratic on a long notebook).
    const splitsIn = new Map<number, Call[]>();
    for (const s of splits) {
      const scope = code.model.scopeOf[s.nameTok]!;
      let list = splitsIn.get(scope);
      if (!list) splitsIn.set(scope, (list = []));
      list.push(s);
    }
    for (const call of code.calls) {
      const on = call.name === 'fit' ? receiver(call) : undefined;
      if (!on || !LEARNING_STAGES.has(builtFrom(code, on)?.path ?? '')) continue;
      const data = valueOf(code, code.keyword(call, 'dataset') ?? code.positional(call, 0));
      if (!data || data.to !== data.from + 1 || !isName(t, data.from)) continue;
      const d = tokText(t, data.from);
      const dBinding = bindingAt(code, d, data.from);
      const inScope = splitsIn.get(code.model.scopeOf[call.nameTok]!) ?? [];
      let k = firstAfter(inScope, call.close);
      while (k < inScope.length && !derivesFrom(code, receiver(inScope[k]!)!, d, dBinding)) k++;
      if (k < inScope.length) hits.push(code.span(call.nameTok, call.close + 1));
    }
    return hits;
  },
};

/** MLAP015: randomSplit without a seed: each run (and each recomputation) splits differently. */
export const splitNoSeed: TrapDetector = {
  id: 'MLAP015',
  slug: 'split-no-seed',
  detect(code) {
    const hits: Hit[] = [];
    for (const call of code.calls) {
      if (call.name !== 'randomSplit' || !receiver(call) || call.args.length !== 1 || call.args[0]!.star) continue;
      if (call.args[0]!.keyword && call.args[0]!.keyword !== 'weights') continue;
      if (!isOp(code.t, call.close, ')')) continue;
      const at = code.t.end[call.args[0]!.to - 1]!;
      hits.push({ ...code.span(call.nameTok, call.close + 1), fix: { title: 'Add seed=42', edits: [{ start: at, end: at, text: ', seed=42' }] } });
    }
    return hits;
  },
};

/** A column name as the rule reads it: the literal's token, and the list name that holds it if any. */
interface Column {
  name: string;
  tok: number;
  /** Position in its list (0 for a single column). */
  index: number;
  /** The name token of the list variable the column came through. */
  via?: number;
}

/** Column names of a value: a string literal, a list of them, or a name bound once in the file to either. */
function columnsOf(code: CodeIndex, value: Range | undefined): Column[] {
  const t = code.t;
  if (!value || value.to <= value.from) return [];
  if (value.to === value.from + 1) {
    const s = stringValue(t, value.from);
    if (s !== undefined) return [{ name: s, tok: value.from, index: 0 }];
    if (!isName(t, value.from)) return [];
    const name = tokText(t, value.from);
    const bound = bindingCount(code, name) === 1 ? assigned(code, bindingAt(code, name, value.from)) : undefined;
    return bound ? columnsOf(code, bound).map((c) => ({ ...c, via: value.from })) : [];
  }
  if (!isOp(t, value.from, '[') || code.matchingClose(value.from) !== value.to - 1) return [];
  const out: Column[] = [];
  const d = t.depth[value.from]! + 1;
  let from = value.from + 1;
  let index = 0;
  for (let k = value.from + 1; k < value.to; k++) {
    if (k !== value.to - 1 && !(t.depth[k] === d && isOp(t, k, ','))) continue;
    const item = trim(code, { from, to: k });
    const s = item.to === item.from + 1 ? stringValue(t, item.from) : undefined;
    if (s !== undefined) out.push({ name: s, tok: item.from, index });
    else if (item.to > item.from) return []; // an element built at run time: the list cannot be read
    index++;
    from = k + 1;
  }
  return out;
}

const isClass = (code: CodeIndex, c: Call, cls: string) => callPath(code, c) === `pyspark.ml.feature.${cls}`;

/** The columns a stage call names with `single=` / `multi=` keywords. */
const named = (code: CodeIndex, c: Call, single: string, multi: string) => [...columnsOf(code, valueOf(code, code.keyword(c, single))), ...columnsOf(code, valueOf(code, code.keyword(c, multi)))];

/** MLAP020: OneHotEncoder given the raw string column a StringIndexer reads, not the index it writes. */
export const oneHotOnString: TrapDetector = {
  id: 'MLAP020',
  slug: 'onehot-on-string',
  detect(code) {
    const t = code.t;
    const indexers = code.calls.filter((c) => c.name === 'StringIndexer' && isClass(code, c, 'StringIndexer'));
    if (!indexers.length) return [];
    // Every column a stage writes (keywords or setters): a name that is written is not a raw string column.
    const written = new Set<string>();
    for (const c of code.calls) {
      // Every call of the file passes here: read the two keywords without building a list per call.
      for (const kw of ['outputCol', 'outputCols']) {
        const arg = code.keyword(c, kw);
        if (arg) for (const col of columnsOf(code, valueOf(code, arg))) written.add(col.name);
      }
      if (c.name === 'setOutputCol' || c.name === 'setOutputCols') for (const col of columnsOf(code, valueOf(code, code.positional(c, 0)))) written.add(col.name);
    }
    /** The indexer output at the same position as the raw column, for the quick fix. */
    const indexedName = (raw: string): string | undefined => {
      for (const ix of indexers) {
        for (const [input, output] of [['inputCol', 'outputCol'], ['inputCols', 'outputCols']] as const) {
          const at = columnsOf(code, valueOf(code, code.keyword(ix, input))).find((c) => c.name === raw);
          const out = at && columnsOf(code, valueOf(code, code.keyword(ix, output))).find((c) => c.index === at.index);
          if (out) return out.name;
        }
      }
      return undefined;
    };
    const raw = new Set(indexers.flatMap((c) => named(code, c, 'inputCol', 'inputCols').map((x) => x.name)));
    const inputs: Column[] = [];
    for (const c of code.calls) {
      if (c.name === 'OneHotEncoder' && isClass(code, c, 'OneHotEncoder')) inputs.push(...named(code, c, 'inputCol', 'inputCols'));
      else if ((c.name === 'setInputCol' || c.name === 'setInputCols') && builtFrom(code, receiver(c) ?? { from: 0, to: 0 })?.path === 'pyspark.ml.feature.OneHotEncoder') {
        inputs.push(...columnsOf(code, valueOf(code, code.positional(c, 0))));
      }
    }
    // One finding per literal, or per list variable (naming every raw column it holds).
    const found = new Map<number, Column[]>();
    for (const col of inputs) {
      if (!raw.has(col.name) || written.has(col.name)) continue;
      const tok = col.via ?? col.tok;
      found.set(tok, [...(found.get(tok) ?? []), col]);
    }
    const hits: Hit[] = [];
    for (const [tok, cols] of found) {
      const s = code.span(tok, tok + 1);
      const names = [...new Set(cols.map((c) => `"${c.name}"`))];
      const message = `${names.join(', ')} ${names.length > 1 ? 'are string columns a StringIndexer reads: encode its index columns' : 'is the string column a StringIndexer reads: encode its index column'} instead.`;
      const col = cols[0]!;
      const quote = tokText(t, col.tok)[0]!;
      const fixed = col.via === undefined && (quote === '"' || quote === "'") ? indexedName(col.name) : undefined;
      hits.push(fixed ? { ...s, message, fix: { title: `Encode "${fixed}" instead`, edits: [{ ...s, text: `${quote}${fixed}${quote}` }] } } : { ...s, message });
    }
    return hits;
  },
};
