import { Tok, tokText } from '../../python/tokenizer';
import { isName, isOp, stringValue, type Block, type Call, type CodeIndex } from '../code';
import type { Hit, TrapDetector } from '../types';

// Hyperopt: fmin minimises, hp.choice reports indexes, SparkTrials distributes single-machine trials.

const fminCalls = (code: CodeIndex) => code.calls.filter((c) => c.qualname === 'hyperopt.fmin' || (c.name === 'fmin' && !c.qualname && c.chainStart === c.nameTok));

/** The `def` blocks of the objective functions passed to fmin (`fn=objective` or first argument). */
function objectives(code: CodeIndex): { call: Call; fn: Block }[] {
  const t = code.t;
  const out: { call: Call; fn: Block }[] = [];
  for (const call of fminCalls(code)) {
    const arg = code.keyword(call, 'fn') ?? code.positional(call, 0);
    if (!arg || arg.to !== arg.from + 1 || !isName(t, arg.from)) continue;
    const fns = code.functionsNamed(tokText(t, arg.from));
    const fn = fns.filter((b) => b.head < call.open).pop() ?? fns[0];
    if (fn) out.push({ call, fn });
  }
  return out;
}

const SCORE = /(^|_)(acc|accuracy|auc|roc_auc|f1|r2|precision|recall|score|auroc|aupr|map|ndcg)(_|$)/i;
const LOSS = /loss|error|mse|mae|rmse|mape|logloss|deviance|brier|neg_/i;

/** Whether an expression's value reads as higher-is-better: a score-like name and no loss-like one. */
function scoreLike(code: CodeIndex, from: number, to: number): boolean {
  const t = code.t;
  if (isOp(t, from, '-') || isOp(t, from, '(') && isOp(t, from + 1, '-')) return false;
  let score = false;
  for (let k = from; k < to; k++) {
    if (t.kind[k] === Tok.Op && /^[-*/+]$/.test(tokText(t, k)) && t.depth[k] === t.depth[from]) return false; // arithmetic: not judged
    if (!isName(t, k)) continue;
    const name = tokText(t, k);
    if (LOSS.test(name)) return false;
    if (SCORE.test(name)) score = true;
  }
  return score;
}

/** The value of `"loss": <value>` in a dict literal or `loss=<value>` in dict(...), between from and to. */
function lossValues(code: CodeIndex, from: number, to: number): { from: number; to: number }[] {
  const t = code.t;
  const out: { from: number; to: number }[] = [];
  for (let k = from; k < to; k++) {
    const isKey = (stringValue(t, k) === 'loss' && isOp(t, k + 1, ':')) || (isName(t, k, 'loss') && isOp(t, k + 1, '=') && isOp(t, k - 1, '(') && isName(t, k - 2, 'dict'));
    if (!isKey) continue;
    const d = t.depth[k]!;
    let e = k + 2;
    while (e < to && !(t.depth[e] === d && t.kind[e] === Tok.Op && /^[,})\]]$/.test(tokText(t, e)))) e++;
    if (e > k + 2) out.push({ from: k + 2, to: e });
  }
  return out;
}

/** MLAP011: the objective returns a higher-is-better score as the loss fmin minimises. */
export const lossNotNegated: TrapDetector = {
  id: 'MLAP011',
  slug: 'loss-not-negated',
  detect(code) {
    const t = code.t;
    const hits: Hit[] = [];
    const seen = new Set<Block>();
    for (const { fn } of objectives(code)) {
      if (seen.has(fn)) continue;
      seen.add(fn);
      for (let k = fn.bodyFrom; k < fn.bodyTo; k++) {
        if (!isName(t, k, 'return') || code.functionOf(k) !== fn) continue;
        let end = k + 1;
        while (end < t.count && t.kind[end] !== Tok.Newline && !(isOp(t, end, ';') && t.depth[end] === t.depth[k])) end++;
        while (end > k + 1 && t.kind[end - 1] === Tok.Comment) end--;
        const values = isOp(t, k + 1, '{') || isName(t, k + 1, 'dict') ? lossValues(code, k + 1, end) : [{ from: k + 1, to: end }];
        for (const v of values) {
          if (v.to <= v.from || !scoreLike(code, v.from, v.to)) continue;
          const s = code.span(v.from, v.to);
          const simple = v.to === v.from + 1 || code.calls.some((c) => c.chainStart === v.from && c.close === v.to - 1);
          hits.push({ ...s, fix: { title: 'Negate the score so that fmin maximises it', edits: [simple ? { start: s.start, end: s.start, text: '-' } : { ...s, text: `-(${code.text(v.from, v.to)})` }] } });
        }
      }
    }
    return hits;
  },
};

/** Whether the tokens [from, to) name `hp.choice` (or `choice` imported from hyperopt.hp). */
const hasChoice = (code: CodeIndex, from: number, to: number) => code.callsIn(from, to).some((c) => c.qualname === 'hyperopt.hp.choice' || (c.name === 'choice' && isOp(code.t, c.nameTok - 1, '.') && isName(code.t, c.nameTok - 2, 'hp')));

/** MLAP012: fmin's result read as values when the space has hp.choice (it holds indexes). */
export const fminChoiceIndex: TrapDetector = {
  id: 'MLAP012',
  slug: 'fmin-choice-index',
  detect(code) {
    const t = code.t;
    const hits: Hit[] = [];
    for (const call of fminCalls(code)) {
      // `best = fmin(...)`: the name the result is bound to.
      const eq = call.chainStart - 1;
      if (!isOp(t, eq, '=') || !isName(t, eq - 1) || code.lineStart(eq - 1) !== eq - 1) continue;
      const best = tokText(t, eq - 1);
      const space = code.keyword(call, 'space') ?? code.positional(call, 1);
      if (!space) continue;
      let choice = hasChoice(code, space.from, space.to);
      if (!choice && space.to === space.from + 1 && isName(t, space.from)) {
        const bound = code.boundExpr(tokText(t, space.from), call.open);
        choice = !!bound && hasChoice(code, bound.from, bound.to);
      }
      if (!choice) continue;
      // Reads after the call, unless the file turns the result into values with space_eval.
      if (code.calls.some((c) => c.name === 'space_eval' && c.args.some((a) => a.to === a.from + 1 && isName(t, a.from, best)))) continue;
      for (let k = call.close + 1; k < t.count; k++) {
        if (!isName(t, k, best) || isOp(t, k - 1, '.')) continue;
        if (isOp(t, k + 1, '=') && code.lineStart(k) === k) break; // rebound
        if (isOp(t, k + 1, '[') || (isOp(t, k + 1, '.') && isName(t, k + 2, 'get')) || isOp(t, k - 1, '**')) hits.push(code.span(k, k + 1));
      }
    }
    return hits;
  },
};

/** MLAP013: SparkTrials with an objective that trains a pyspark.ml model (already distributed). */
export const sparkTrialsSparkMl: TrapDetector = {
  id: 'MLAP013',
  slug: 'sparktrials-sparkml',
  detect(code) {
    const t = code.t;
    const trials = code.calls.filter((c) => c.qualname === 'hyperopt.SparkTrials' || (!c.qualname && c.name === 'SparkTrials'));
    if (!trials.length) return [];
    const sparkMl = objectives(code).some(({ fn }) => {
      for (let k = fn.bodyFrom; k < fn.bodyTo; k++) {
        if (!isName(t, k)) continue;
        const v = code.resolver.valueOfChainEndingAt(code.model, k);
        if (v?.k === 'sym' && v.info.kind === 'class' && v.info.qualname.startsWith('pyspark.ml.')) return true;
      }
      return false;
    });
    return sparkMl ? trials.map((c) => code.span(c.chainStart, c.nameTok + 1)) : [];
  },
};
