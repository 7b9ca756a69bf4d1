import { isName, isOp, type Call, type CodeIndex } from '../code';

// Questions several rules ask about a call: what object it is called on, what a name was bound
// to, whether its arguments can all be seen.

/** The call whose tokens are exactly [from, to), if that range is one call expression. */
export function callSpanning(code: CodeIndex, range: { from: number; to: number } | undefined): Call | undefined {
  if (!range) return undefined;
  if (!isOp(code.t, range.to - 1, ')')) return undefined;
  const c = code.callClosingAt(range.to - 1);
  return c && c.chainStart === range.from ? c : undefined;
}

/**
 * The call that made the object a method is called on: `Client().m(...)` directly, or
 * `x = Client()` then `x.m(...)` (the latest binding of x before the call, in its scope).
 */
export function receiverCall(code: CodeIndex, call: Call): Call | undefined {
  const t = code.t;
  const dot = call.nameTok - 1;
  if (!isOp(t, dot, '.')) return undefined;
  if (isOp(t, dot - 1, ')')) return code.callClosingAt(dot - 1);
  if (isName(t, dot - 1) && call.chainStart === dot - 1) return callSpanning(code, code.boundExpr(t.text.slice(t.start[dot - 1], t.end[dot - 1]), call.nameTok));
  return undefined;
}

/** Whether the call passes `*args` or `**kwargs`, so that its arguments cannot all be seen. */
export const hasStarArgs = (call: Call): boolean => call.args.some((a) => a.star);

/**
 * The expression `name` is bound to at token `at`, when its scope binds it exactly once (so that
 * no other assignment could be the one in force).
 */
export function singleBinding(code: CodeIndex, name: string, at: number): { from: number; to: number } | undefined {
  const { scopes, scopeOf } = code.model;
  for (let s = scopeOf[at] ?? 0; s >= 0; s = scopes[s]!.parent) {
    const list = scopes[s]!.bindings.get(name);
    if (!list?.length) continue;
    const only = list.length === 1 ? list[0]! : undefined;
    return only && only.at < at && only.value.kind === 'expr' ? { from: only.value.from, to: only.value.to } : undefined;
  }
  return undefined;
}

