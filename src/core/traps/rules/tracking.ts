import { Tok, tokText, type Tokens } from '../../python/tokenizer';
import { isName, isOp } from '../code';
import type { Hit, TrapDetector } from '../types';

// MLflow tracking: runs that end, metrics with steps, autologging switched on before training.

/** MLAP016: `mlflow.start_run()` outside a `with`, in a file that never ends the run. */
export const runNeverEnded: TrapDetector = {
  id: 'MLAP016',
  slug: 'run-never-ended',
  detect(code) {
    if (code.calls.some((c) => c.qualname === 'mlflow.end_run' || (c.name === 'end_run' && !c.qualname))) return [];
    return code.calls
      .filter((c) => {
        if (c.qualname !== 'mlflow.start_run') return false;
        // `with mlflow.start_run():` ends the run when the block ends.
        let k = code.lineStart(c.nameTok);
        while (code.t.kind[k] === Tok.Comment) k++;
        if (isName(code.t, k, 'async')) k++;
        return !isName(code.t, k, 'with');
      })
      .map((c) => code.span(c.chainStart, c.nameTok + 1));
  },
};

const LOG_METRIC_STEP: Record<string, number> = { 'mlflow.log_metric': 2, 'mlflow.client.MlflowClient.log_metric': 4, 'mlflow.tracking.client.MlflowClient.log_metric': 4 };

/** MLAP017: `log_metric` in a loop without `step=`: every value lands on the same step. */
export const metricLoopNoStep: TrapDetector = {
  id: 'MLAP017',
  slug: 'metric-loop-no-step',
  detect(code) {
    const t = code.t;
    const hits: Hit[] = [];
    for (const call of code.calls) {
      const stepAt = call.qualname ? LOG_METRIC_STEP[call.qualname] : undefined;
      if (stepAt === undefined || code.keyword(call, 'step') || code.positional(call, stepAt) || call.args.some((a) => a.star)) continue;
      const fn = code.functionOf(call.nameTok);
      const around = code.enclosing(call.nameTok);
      const loop = around.slice(0, fn ? around.indexOf(fn) : around.length).find((b) => b.kw === 'for' || b.kw === 'while');
      if (!loop) continue;
      const hit: Hit = code.span(call.chainStart, call.nameTok + 1);
      const counter = loopCounter(code.t, loop.head, loop.headEnd);
      const last = call.args[call.args.length - 1];
      if (counter && last && isOp(t, call.close, ')')) {
        const at = t.end[last.to - 1]!;
        hit.fix = { title: `Pass step=${counter}`, edits: [{ start: at, end: at, text: `, step=${counter}` }] };
      }
      hits.push(hit);
    }
    return hits;
  },
};

/** The integer counter of `for i in range(...)` or `for i, x in enumerate(...)`, if the loop has one. */
function loopCounter(t: Tokens, head: number, end: number): string | undefined {
  if (!isName(t, head, 'for') || !isName(t, head + 1)) return undefined;
  const name = tokText(t, head + 1);
  if (isName(t, head + 2, 'in') && isName(t, head + 3, 'range')) return name;
  if (isOp(t, head + 2, ',') && isName(t, head + 3)) {
    for (let k = head + 4; k < end; k++) if (isName(t, k, 'in')) return isName(t, k + 1, 'enumerate') ? name : undefined;
  }
  return undefined;
}

const AUTOLOG = /^mlflow\.(\w+\.)*autolog$/;

/** MLAP018: autologging switched on after the `fit` it should have recorded. */
export const autologAfterFit: TrapDetector = {
  id: 'MLAP018',
  slug: 'autolog-after-fit',
  detect(code) {
    const hits: Hit[] = [];
    for (const call of code.calls) {
      if (!call.qualname || !AUTOLOG.test(call.qualname)) continue;
      // Only a fit earlier in the same function (or at module level) has surely run before.
      const fn = code.functionOf(call.nameTok);
      const fit = code.calls.find((c) => c.nameTok < call.nameTok && (c.name === 'fit' || c.name === 'train') && c.chainStart < c.nameTok && code.functionOf(c.nameTok) === fn);
      if (fit) hits.push({ ...code.span(call.chainStart, call.nameTok + 1), message: `${call.qualname}() comes after the ${fit.name}() on line ${code.t.text.slice(0, code.t.start[fit.nameTok]).split('\n').length}: that training is not recorded.` });
    }
    return hits;
  },
};
