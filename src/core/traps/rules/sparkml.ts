import { tokText } from '../../python/tokenizer';
import { isName, isOp, stringValue, type Call, type CodeIndex } from '../code';
import type { Hit, TrapDetector } from '../types';

// pyspark.ml data preparation: split first, split reproducibly, encode the indexed column.

const FEATURE_ESTIMATOR = /^pyspark\.ml\.(feature\.\w+|Pipeline)$/;

/** The class a `.fit` call is made on when the resolver knows it. */
function fitClass(call: Call): string | undefined {
  if (call.name !== 'fit') return undefined;
  return call.calledOn ?? call.qualname?.replace(/\.fit$/, '');
}

/** Names whose value is derived from `name` before token `at` (one assignment hop at a time). */
function derivedNames(code: CodeIndex, name: string, after: number): Set<string> {
  const t = code.t;
  const names = new Set([name]);
  for (let k = after; k < t.count; k++) {
    // `x = <expr mentioning a derived name>` makes x derived too.
    if (!isName(t, k) || !isOp(t, k + 1, '=') || code.lineStart(k) !== k) continue;
    let e = k + 2;
    while (e < t.count && code.lineStart(e) === k) e++;
    for (let j = k + 2; j < e; j++) if (isName(t, j) && names.has(tokText(t, j)) && !isOp(t, j - 1, '.')) { names.add(tokText(t, k)); break; }
  }
  return names;
}

/** MLAP014: a feature estimator fit on the whole DataFrame before it is split (test rows leak in). */
export const fitBeforeSplit: TrapDetector = {
  id: 'MLAP014',
  slug: 'fit-before-split',
  detect(code) {
    const t = code.t;
    const hits: Hit[] = [];
    for (const call of code.calls) {
      const cls = fitClass(call);
      if (!cls || !FEATURE_ESTIMATOR.test(cls)) continue;
      const data = code.keyword(call, 'dataset') ?? code.positional(call, 0);
      if (!data || data.to !== data.from + 1 || !isName(t, data.from)) continue;
      const derived = derivedNames(code, tokText(t, data.from), call.close);
      const split = code.calls.find((c) => c.open > call.close && c.name === 'randomSplit' && isName(t, c.chainStart) && derived.has(tokText(t, c.chainStart)) && code.functionOf(c.nameTok) === code.functionOf(call.nameTok));
      if (split) hits.push({ ...code.span(call.chainStart, call.close + 1), message: `${cls.split('.').pop()} is fit on ${tokText(t, data.from)} before it is split (line ${lineOf(code, split.nameTok)}): statistics of the test rows leak into training.` });
    }
    return hits;
  },
};

const lineOf = (code: CodeIndex, tok: number) => code.t.text.slice(0, code.t.start[tok]).split('\n').length;

/** MLAP015: randomSplit without a seed: each run (and each recomputation) splits differently. */
export const splitNoSeed: TrapDetector = {
  id: 'MLAP015',
  slug: 'split-no-seed',
  detect(code) {
    const hits: Hit[] = [];
    for (const call of code.calls) {
      if (call.name !== 'randomSplit' || call.chainStart === call.nameTok) continue;
      if (code.keyword(call, 'seed') || code.positional(call, 1) || call.args.some((a) => a.star)) continue;
      if (!isOp(code.t, call.close, ')')) continue;
      const last = call.args[call.args.length - 1];
      const at = last ? code.t.end[last.to - 1]! : code.t.end[call.open]!;
      hits.push({ ...code.span(call.nameTok, call.nameTok + 1), fix: { title: 'Add seed=42', edits: [{ start: at, end: at, text: last ? ', seed=42' : 'seed=42' }] } });
    }
    return hits;
  },
};

/** String literals of `inputCol=` / `inputCols=[...]` (or output) in a call. */
function columns(code: CodeIndex, call: Call, single: string, multi: string): { tok: number; name: string }[] {
  const out: { tok: number; name: string }[] = [];
  const one = code.keyword(call, single);
  if (one && one.to === one.from + 1) {
    const v = stringValue(code.t, one.from);
    if (v !== undefined) out.push({ tok: one.from, name: v });
  }
  const many = code.keyword(call, multi);
  if (many) for (let k = many.from; k < many.to; k++) {
    const v = stringValue(code.t, k);
    if (v !== undefined) out.push({ tok: k, name: v });
  }
  return out;
}

/** MLAP020: OneHotEncoder given the raw string column a StringIndexer reads, not the index it writes. */
export const oneHotOnString: TrapDetector = {
  id: 'MLAP020',
  slug: 'onehot-on-string',
  detect(code) {
    const indexers = code.calls.filter((c) => c.qualname === 'pyspark.ml.feature.StringIndexer');
    if (!indexers.length) return [];
    const raw = new Set(indexers.flatMap((c) => columns(code, c, 'inputCol', 'inputCols').map((x) => x.name)));
    const indexed = new Set(indexers.flatMap((c) => columns(code, c, 'outputCol', 'outputCols').map((x) => x.name)));
    const hits: Hit[] = [];
    for (const call of code.calls) {
      if (call.qualname !== 'pyspark.ml.feature.OneHotEncoder') continue;
      for (const col of columns(code, call, 'inputCol', 'inputCols')) {
        if (raw.has(col.name) && !indexed.has(col.name)) hits.push({ ...code.span(col.tok, col.tok + 1), message: `"${col.name}" is the string column the StringIndexer reads: encode its index column instead.` });
      }
    }
    return hits;
  },
};
