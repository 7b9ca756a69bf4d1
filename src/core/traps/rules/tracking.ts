import { Tok, tokText, type Tokens } from '../../python/tokenizer';
import { isName, isOp, type Block, type Call, type CodeIndex } from '../code';
import type { Hit, TrapDetector } from '../types';
import { hasStarArgs } from './callHelpers';
import { isConstant, literalArg, literalAt } from './literals';

// MLflow tracking: runs that end, metrics with steps, autologging switched on before training.

/** The token before `i`, comments skipped. */
function before(t: Tokens, i: number): number {
  let k = i - 1;
  while (k >= 0 && t.kind[k] === Tok.Comment) k--;
  return k;
}

/** Whether the call is a context expression of a `with` statement (`with a, mlflow.start_run() as r:`). */
function isWithItem(code: CodeIndex, call: Call): boolean {
  const t = code.t;
  const p = before(t, call.chainStart);
  if (isName(t, p, 'with')) return true;
  const w = code.blocks.find((b) => b.kw === 'with' && b.head < call.chainStart && call.close < b.headEnd);
  if (!w) return false;
  // An item after a comma, or in the parenthesised form `with (a as x, b):`.
  const d = t.depth[w.head]!;
  const paren = isOp(t, w.head + 1, '(');
  return (isOp(t, p, ',') && (t.depth[p] === d || (paren && t.depth[p] === d + 1))) || (paren && p === w.head + 1);
}

/** `name` in `name = <call>` when the call is the whole right-hand side of a plain assignment. */
function assignedTo(code: CodeIndex, call: Call): string | undefined {
  const t = code.t;
  const eq = before(t, call.chainStart);
  const target = before(t, eq);
  if (!isOp(t, eq, '=') || !isName(t, target)) return undefined;
  let first = code.lineStart(call.chainStart);
  while (t.kind[first] === Tok.Comment) first++;
  return first === target ? tokText(t, target) : undefined;
}

/** Whether a `with` statement after token `after` enters the plain name `name` (`with run:`). */
function enteredLater(code: CodeIndex, name: string, after: number): boolean {
  const t = code.t;
  return code.blocks.some((b) => {
    if (b.kw !== 'with' || b.head < after) return false;
    // An item of its own: right after `with`, after a comma, or in the parenthesised form.
    const paren = isOp(t, b.head + 1, '(');
    const itemDepth = t.depth[b.head]! + (paren ? 1 : 0);
    for (let k = b.head + 1; k < b.headEnd; k++) {
      if (!isName(t, k, name) || t.depth[k] !== itemDepth || isOp(t, k + 1, '.') || isOp(t, k + 1, '(') || isOp(t, k + 1, '[')) continue;
      const prev = before(t, k);
      if (prev === b.head || (paren && prev === b.head + 1) || isOp(t, prev, ',')) return true;
    }
    return false;
  });
}

/** MLAP016: `mlflow.start_run()` outside a `with`, in a file that never ends the run. */
export const runNeverEnded: TrapDetector = {
  id: 'MLAP016',
  slug: 'run-never-ended',
  detect(code) {
    const t = code.t;
    if (code.calls.some((c) => c.qualname === 'mlflow.end_run' || (c.name === 'end_run' && !c.qualname))) return [];
    return code.calls
      .filter((c) => {
        if (c.qualname !== 'mlflow.start_run' || isWithItem(code, c)) return false;
        const p = before(t, c.chainStart);
        // Returned to a caller, or handed to an ExitStack: whoever receives the run ends it.
        if (isName(t, p, 'return')) return false;
        if (isOp(t, p, '(') && code.callAt(p)?.name === 'enter_context') return false;
        const name = assignedTo(code, c);
        return !(name && enteredLater(code, name, c.close));
      })
      .map((c) => code.span(c.chainStart, c.nameTok + 1));
  },
};

/** Whether the token range holds exactly one dict display whose keys are all constant strings. */
function constantKeyDict(code: CodeIndex, from: number, to: number): boolean {
  const t = code.t;
  if (!isOp(t, from, '{') || code.matchingClose(from) !== to - 1 || to - from < 3) return false;
  const d = t.depth[from]! + 1;
  let item = from + 1;
  for (let i = from + 1; i < to; i++) {
    const end = i === to - 1;
    if (!end && t.depth[i] !== d) continue;
    if (isName(t, i, 'for') || isOp(t, i, '**')) return false;
    if (end || isOp(t, i, ',')) {
      if (i > item) {
        // Each item is `"key": value`: one constant string, then the colon.
        if (!isOp(t, item + 1, ':') || !isConstant(literalAt(t, item))) return false;
      }
      item = i + 1;
    }
  }
  return true;
}

/** MLAP017: a constant metric key logged in a loop without `step=`: every value lands on step 0. */
export const metricLoopNoStep: TrapDetector = {
  id: 'MLAP017',
  slug: 'metric-loop-no-step',
  detect(code) {
    const t = code.t;
    const hits: Hit[] = [];
    for (const call of code.calls) {
      // The name first: splitting the arguments of every call of the file cost more than the rule.
      if (call.qualname !== 'mlflow.log_metric' && call.qualname !== 'mlflow.log_metrics') continue;
      if (hasStarArgs(call) || code.keyword(call, 'step')) continue;
      if (call.qualname === 'mlflow.log_metric') {
        if (code.positional(call, 2) || !isConstant(literalArg(t, code.keyword(call, 'key') ?? code.positional(call, 0)))) continue;
      } else if (call.qualname === 'mlflow.log_metrics') {
        const metrics = code.keyword(call, 'metrics') ?? code.positional(call, 0);
        if (code.positional(call, 1) || !metrics || !constantKeyDict(code, metrics.from, metrics.to)) continue;
      } else continue;
      const loop = loopAround(code, call);
      if (!loop) continue;
      const hit: Hit = code.span(call.chainStart, call.nameTok + 1);
      const counter = loopCounter(t, loop.head, loop.headEnd);
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

/**
 * The innermost `for`/`while` whose every iteration runs the call in the same run: none when a
 * `def` or a `with mlflow.start_run(...)` lies between the loop and the call.
 */
function loopAround(code: CodeIndex, call: Call): Block | undefined {
  for (const b of code.enclosing(call.nameTok)) {
    if (b.kw === 'def' || b.kw === 'class') return undefined;
    if (b.kw === 'with' && code.callsIn(b.head, b.headEnd).some((c) => c.qualname === 'mlflow.start_run')) return undefined;
    if (b.kw === 'for' || b.kw === 'while') return b;
  }
  return undefined;
}

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
const FIT = new Set(['fit', 'fit_transform', 'fit_predict']);

/** A `.fit(`, `.fit_transform(` or `.fit_predict(` method call. */
const isFitCall = (c: Call) => FIT.has(c.name) && c.chainStart < c.nameTok;

/** Names of the file's functions that fit something, directly or through another such function. */
function trainingFunctions(code: CodeIndex): Set<string> {
  const defs = code.blocks.filter((b) => b.kw === 'def');
  const body = new Map(defs.map((b) => [b, code.callsIn(b.bodyFrom, b.bodyTo)]));
  const names = new Set<string>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const b of defs) {
      const name = code.defName(b);
      if (!name || names.has(name)) continue;
      if (body.get(b)!.some((c) => isFitCall(c) || (c.chainStart === c.nameTok && names.has(c.name)))) {
        names.add(name);
        grew = true;
      }
    }
  }
  return names;
}

/** MLAP018: autologging switched on after every fit of its scope: it records none of them. */
export const autologAfterFit: TrapDetector = {
  id: 'MLAP018',
  slug: 'autolog-after-fit',
  detect(code) {
    const t = code.t;
    const hits: Hit[] = [];
    let trainers: Set<string> | undefined;
    for (const call of code.calls) {
      if (!call.qualname || !AUTOLOG.test(call.qualname)) continue;
      const off = code.keyword(call, 'disable');
      if (off && off.to === off.from + 1 && isName(t, off.from, 'True')) continue;
      // The scope: the module's top level or one function body; nested defs are other scopes.
      const scope = code.functionOf(call.nameTok);
      const inScope = code.calls.filter((c) => code.functionOf(c.nameTok) === scope);
      const fit = inScope.find((c) => c.nameTok < call.nameTok && isFitCall(c));
      if (!fit) continue;
      trainers ??= trainingFunctions(code);
      const names = trainers;
      if (inScope.some((c) => c.nameTok > call.close && (isFitCall(c) || (c.chainStart === c.nameTok && names.has(c.name))))) continue;
      hits.push({ ...code.span(call.chainStart, call.nameTok + 1), message: `${call.qualname}() comes after the ${fit.name}() above it and no training follows it here: it records nothing.` });
    }
    return hits;
  },
};
