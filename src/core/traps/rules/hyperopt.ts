import type { Binding } from '../../python/documentModel';
import { Tok, tokText } from '../../python/tokenizer';
import { isName, isOp, type Block, type Call, type CodeIndex } from '../code';
import { stringValue } from './literals';
import type { Edit, Hit, TrapDetector } from '../types';
import { assigned, bindingAt, bindingCount, builtFrom, callPath, callSpanning, dictEntry, enclosingOpen, inScope, receiver, trim, valueOf, type Range } from './bindings';
import { importNameEdits } from './importEdits';

// Hyperopt: fmin minimises, hp.choice reports indexes, SparkTrials runs each trial in a worker task.

const FMIN = new Set(['hyperopt.fmin', 'hyperopt.fmin.fmin']);
const fminCalls = (code: CodeIndex) => code.calls.filter((c) => c.name === 'fmin' && FMIN.has(callPath(code, c) ?? ''));

/** The objective given to an fmin call: a `def` of the file (named by `fn=` or first argument), or an inline lambda. */
type Objective = { fn: Block; body?: undefined } | { fn?: undefined; body: Range };

function objectiveOf(code: CodeIndex, call: Call): Objective | undefined {
  const t = code.t;
  const arg = valueOf(code, code.keyword(call, 'fn') ?? code.positional(call, 0));
  if (!arg) return undefined;
  if (arg.to === arg.from + 1 && isName(t, arg.from)) {
    const b = bindingAt(code, tokText(t, arg.from), call.open);
    const fn = b && code.blocks.find((x) => x.kw === 'def' && x.head + 1 === b.at);
    return fn ? { fn } : undefined;
  }
  if (isName(t, arg.from, 'lambda')) {
    const d = t.depth[arg.from];
    for (let k = arg.from + 1; k < arg.to; k++) if (t.depth[k] === d && isOp(t, k, ':')) return { body: trim(code, { from: k + 1, to: arg.to }) };
  }
  return undefined;
}

/** The expressions an objective returns: each `return` of its own body, or a lambda's body. */
function returned(code: CodeIndex, o: Objective): Range[] {
  if (o.body) return [o.body];
  const t = code.t;
  const out: Range[] = [];
  for (let k = o.fn.bodyFrom; k < o.fn.bodyTo; k++) {
    if (!isName(t, k, 'return') || code.functionOf(k) !== o.fn) continue;
    let end = k + 1;
    while (end < t.count && t.kind[end] !== Tok.Newline && !(isOp(t, end, ';') && t.depth[end] === t.depth[k])) end++;
    const r = trim(code, { from: k + 1, to: end });
    if (r.to > r.from) out.push(r);
  }
  return out;
}

/** The scope of a def's body (a multi-line body starts after the header's newline). */
function bodyScope(code: CodeIndex, fn: Block): number | undefined {
  const first = code.t.kind[fn.bodyFrom] === Tok.Newline ? fn.bodyFrom + 1 : fn.bodyFrom;
  return first < fn.bodyTo ? code.model.scopeOf[first] : undefined;
}

/** The name's plain assignment in the objective's own scope (names of a lambda are not followed). */
function localValue(code: CodeIndex, r: Range, scope: number | undefined): Range | undefined {
  if (scope === undefined || r.to !== r.from + 1 || !isName(code.t, r.from)) return undefined;
  const b = bindingAt(code, tokText(code.t, r.from), r.from);
  return b && inScope(code, b, scope) ? assigned(code, b) : undefined;
}

/** The loss a returned expression hands fmin: the `"loss"` entry of a dict (literal, dict(...) or a name bound to one), else the value itself. */
function lossOf(code: CodeIndex, r: Range, scope: number | undefined): Range | undefined {
  const dict = localValue(code, r, scope) ?? r;
  const literal = dictEntry(code, dict, 'loss');
  if (literal) return literal;
  const call = callSpanning(code, dict);
  if (call?.name === 'dict' && call.chainStart === call.nameTok) return valueOf(code, code.keyword(call, 'loss'));
  return isOp(code.t, dict.from, '{') || call?.name === 'dict' ? undefined : r;
}

const SKLEARN_SCORES = new Set(['accuracy_score', 'balanced_accuracy_score', 'roc_auc_score', 'average_precision_score', 'f1_score', 'fbeta_score', 'precision_score', 'recall_score', 'jaccard_score', 'r2_score', 'explained_variance_score'].map((n) => `sklearn.metrics.${n}`));
const MULTICLASS_LOWER = new Set(['logLoss', 'hammingLoss', 'weightedFalsePositiveRate', 'falsePositiveRateByLabel']);
const SELF_RETURNING = new Set(['fit', 'set_params']);

/** `cross_val_score(...)`, or a name bound to it in the objective. */
function isCrossValScore(code: CodeIndex, r: Range, scope: number | undefined): boolean {
  const value = localValue(code, r, scope);
  if (value) return isCrossValScore(code, value, scope);
  const c = callSpanning(code, r);
  return !!c && callPath(code, c) === 'sklearn.model_selection.cross_val_score';
}

/** A Spark ML evaluator built in the file whose metric is larger-is-better (a metric set later or per call is not judged). */
function largerIsBetter(code: CodeIndex, evaluate: Call): boolean {
  const on = receiver(evaluate);
  if (!on || evaluate.args.length !== 1 || evaluate.args[0]!.keyword || evaluate.args[0]!.star) return false;
  const built = builtFrom(code, on);
  const cls = built?.path.match(/^pyspark\.ml\.evaluation\.(\w+)$/)?.[1];
  if (!built || !cls) return false;
  if (on.to === on.from + 1 && code.calls.some((c) => (c.name === 'setMetricName' || c.name === 'setParams') && c.chainStart === c.nameTok - 2 && tokText(code.t, c.chainStart) === tokText(code.t, on.from))) return false;
  const kw = valueOf(code, code.keyword(built.call, 'metricName'));
  const metric = kw ? (kw.to === kw.from + 1 ? stringValue(code.t, kw.from) : undefined) : '';
  if (metric === undefined) return false;
  switch (cls) {
    case 'BinaryClassificationEvaluator':
    case 'ClusteringEvaluator':
      return true;
    case 'MulticlassClassificationEvaluator':
      return !MULTICLASS_LOWER.has(metric);
    case 'RegressionEvaluator':
      return metric === 'r2' || metric === 'var';
    default:
      return false;
  }
}

/** Whether an expression is a known higher-is-better score, unchanged (sign-keeping wrappers aside). */
function isScore(code: CodeIndex, r: Range, scope: number | undefined, depth = 0): boolean {
  if (depth > 6 || r.to <= r.from) return false;
  const value = localValue(code, r, scope);
  if (value) return isScore(code, value, scope, depth + 1);
  const c = callSpanning(code, r);
  if (!c) return false;
  const first = valueOf(code, code.positional(c, 0));
  if ((c.name === 'float' || c.name === 'round') && c.chainStart === c.nameTok && !bindingAt(code, c.name, c.nameTok)) return !!first && isScore(code, first, scope, depth + 1);
  const path = callPath(code, c);
  if (path && SKLEARN_SCORES.has(path)) return true;
  if (path === 'sklearn.model_selection.cross_val_score') return true;
  if (path === 'numpy.mean' && c.args.length === 1) return !!first && isCrossValScore(code, first, scope);
  const on = receiver(c);
  if (!on) return false;
  if (c.name === 'mean' && c.args.length === 0) return isCrossValScore(code, on, scope);
  if (c.name === 'score') return !!builtFrom(code, on, SELF_RETURNING)?.path.startsWith('sklearn.');
  if (c.name === 'evaluate') return largerIsBetter(code, c);
  return false;
}

/** MLAP011: the objective returns a higher-is-better score as the loss fmin minimises. */
export const lossNotNegated: TrapDetector = {
  id: 'MLAP011',
  slug: 'loss-not-negated',
  detect(code) {
    const hits: Hit[] = [];
    const seen = new Set<number>();
    for (const call of fminCalls(code)) {
      const o = objectiveOf(code, call);
      if (!o) continue;
      const key = o.fn ? o.fn.head : o.body.from;
      if (seen.has(key)) continue;
      seen.add(key);
      const scope = o.fn ? bodyScope(code, o.fn) : undefined;
      for (const r of returned(code, o)) {
        const loss = lossOf(code, r, scope);
        if (!loss || !isScore(code, loss, scope)) continue;
        const s = code.span(loss.from, loss.to);
        hits.push({ ...s, fix: { title: 'Negate the score so that fmin maximises it', edits: [{ start: s.start, end: s.start, text: '-' }] } });
      }
    }
    return hits;
  },
};

const CHOICE = new Set(['hyperopt.hp.choice', 'hyperopt.hp.pchoice']);

/** The labels of the hp.choice / hp.pchoice calls in a space expression. */
function choiceLabels(code: CodeIndex, r: Range): Set<string> {
  const labels = new Set<string>();
  for (const c of code.callsIn(r.from, r.to)) {
    if (c.name !== 'choice' && c.name !== 'pchoice') continue;
    if (!CHOICE.has(callPath(code, c) ?? '')) continue;
    const label = valueOf(code, code.positional(c, 0) ?? code.keyword(c, 'label'));
    const v = label && label.to === label.from + 1 ? stringValue(code.t, label.from) : undefined;
    if (v !== undefined) labels.add(v);
  }
  return labels;
}

/** The binding made by `name = <expr>` when the range is the whole value. */
function aliasOf(code: CodeIndex, r: Range): Binding | undefined {
  const t = code.t;
  const eq = r.from - 1;
  if (!isOp(t, eq, '=') || !isName(t, eq - 1) || code.lineStart(eq - 1) !== eq - 1) return undefined;
  const list = code.model.scopes[code.model.scopeOf[eq]!]!.bindings.get(tokText(t, eq - 1)) ?? [];
  return list.find((b) => b.value.kind === 'expr' && trim(code, b.value).from === r.from && trim(code, b.value).to === r.to);
}

/** Whether the read [from, to) uses fmin's result as chosen values (a label subscript, `**` into a call, mlflow.log_params). */
function readsAsValues(code: CodeIndex, r: Range, labels: ReadonlySet<string>): boolean {
  const t = code.t;
  const label = (k: number) => labels.has(stringValue(t, k) ?? '\u0000');
  if (isOp(t, r.to, '[') && label(r.to + 1) && isOp(t, r.to + 2, ']')) return true;
  if (isOp(t, r.to, '.') && isName(t, r.to + 1, 'get') && isOp(t, r.to + 2, '(') && label(r.to + 3)) return true;
  const open = enclosingOpen(code, r.from);
  const call = open >= 0 ? code.callAt(open) : undefined;
  if (!call) return false;
  if (isOp(t, r.from - 1, '**') && (isOp(t, r.from - 2, '(') || isOp(t, r.from - 2, ','))) return true;
  return callPath(code, call) === 'mlflow.log_params' && call.args.some((a) => !a.keyword && trim(code, a).from === r.from && trim(code, a).to === r.to);
}

/** MLAP012: fmin's result read as values when the space has hp.choice (it holds indexes). */
export const fminChoiceIndex: TrapDetector = {
  id: 'MLAP012',
  slug: 'fmin-choice-index',
  detect(code) {
    const t = code.t;
    const hits: Hit[] = [];
    const seen = new Set<number>();
    for (const call of fminCalls(code)) {
      const argmin = valueOf(code, code.keyword(call, 'return_argmin'));
      if (argmin && !(argmin.to === argmin.from + 1 && isName(t, argmin.from, 'True'))) continue;
      let space = valueOf(code, code.keyword(call, 'space') ?? code.positional(call, 1));
      if (!space) continue;
      let spaceName: string | undefined;
      if (space.to === space.from + 1 && isName(t, space.from)) {
        spaceName = tokText(t, space.from);
        const bound = bindingCount(code, spaceName) === 1 ? assigned(code, bindingAt(code, spaceName, call.open)) : undefined;
        if (!bound) continue;
        space = bound;
      }
      const labels = choiceLabels(code, space);
      if (!labels.size) continue;

      const flag = (r: Range) => {
        if (seen.has(r.from) || !readsAsValues(code, r, labels)) return;
        seen.add(r.from);
        const s = code.span(r.from, r.to);
        const imports = spaceName ? importNameEdits(code, 'hyperopt', 'space_eval', r.from) : undefined;
        const edits: Edit[] | undefined = imports && [{ ...s, text: `space_eval(${spaceName}, ${code.text(r.from, r.to)})` }, ...imports];
        hits.push(edits ? { ...s, fix: { title: 'Map the indexes back with space_eval', edits } } : s);
      };
      // Every read of a name that holds the result, up to its next binding.
      // A name bound in a function is read in that function only: scan its body, not the file.
      const scopeEnd = (at: number) => code.functionOf(at)?.bodyTo ?? t.count;
      const follow = (b: Binding) => {
        for (let k = b.at + 1, end = scopeEnd(b.at); k < end; k++) if (isName(t, k, b.name) && !isOp(t, k - 1, '.') && bindingAt(code, b.name, k) === b) flag({ from: k, to: k + 1 });
      };
      const result = aliasOf(code, { from: call.chainStart, to: call.close + 1 });
      if (result) follow(result);
      // The Trials object given to this call: `trials.argmin` holds the same indexes.
      const trials = valueOf(code, code.keyword(call, 'trials'));
      if (trials && trials.to === trials.from + 1 && isName(t, trials.from)) {
        const name = tokText(t, trials.from);
        const tb = bindingAt(code, name, call.open);
        for (let k = call.close + 1, end = scopeEnd(call.open); k < end; k++) {
          if (!isName(t, k, name) || isOp(t, k - 1, '.') || !isOp(t, k + 1, '.') || !isName(t, k + 2, 'argmin') || bindingAt(code, name, k) !== tb) continue;
          const bound = aliasOf(code, { from: k, to: k + 3 });
          if (bound) follow(bound);
          else flag({ from: k, to: k + 3 });
        }
      }
    }
    return hits;
  },
};

const SPARK_TRIALS = new Set(['hyperopt.SparkTrials', 'hyperopt.spark.SparkTrials']);
const SPARK_ML_ESTIMATOR = /^pyspark\.ml\.((classification|regression|clustering|feature|recommendation|tuning)\.[A-Z]\w*|Pipeline|pipeline\.Pipeline)$/;

/** Whether the objective's own body calls `.fit(...)` on an object built from a pyspark.ml class. */
function fitsSparkMl(code: CodeIndex, fn: Block): boolean {
  return code.callsIn(fn.bodyFrom, fn.bodyTo).some((c) => {
    if (c.name !== 'fit' || code.functionOf(c.nameTok) !== fn) return false;
    const on = receiver(c);
    return !!on && SPARK_ML_ESTIMATOR.test(builtFrom(code, on)?.path ?? '');
  });
}

/** MLAP013: SparkTrials with an objective that trains a pyspark.ml model (already distributed). */
export const sparkTrialsSparkMl: TrapDetector = {
  id: 'MLAP013',
  slug: 'sparktrials-sparkml',
  detect(code) {
    const t = code.t;
    const hits: Hit[] = [];
    const seen = new Set<number>();
    for (const call of fminCalls(code)) {
      const arg = valueOf(code, code.keyword(call, 'trials'));
      if (!arg) continue;
      const expr = arg.to === arg.from + 1 && isName(t, arg.from) ? assigned(code, bindingAt(code, tokText(t, arg.from), arg.from)) : arg;
      const trials = expr && callSpanning(code, expr);
      if (!trials || !SPARK_TRIALS.has(callPath(code, trials) ?? '') || seen.has(trials.nameTok)) continue;
      const o = objectiveOf(code, call);
      if (!o?.fn || !fitsSparkMl(code, o.fn)) continue;
      seen.add(trials.nameTok);
      const s = code.span(trials.nameTok, trials.nameTok + 1);
      // `hyperopt.SparkTrials(...)` keeps its prefix; a bare `SparkTrials` needs Trials imported.
      const imports = trials.chainStart === trials.nameTok ? importNameEdits(code, 'hyperopt', 'Trials', trials.nameTok) : [];
      const edits: Edit[] | undefined = imports && [{ ...code.span(trials.nameTok, trials.close + 1), text: 'Trials()' }, ...imports];
      hits.push(edits ? { ...s, fix: { title: 'Use Trials() instead', edits } } : s);
    }
    return hits;
  },
};
