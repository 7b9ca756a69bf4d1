import type { Binding } from '../../python/documentModel';
import { bindingBefore } from '../../python/resolver';
import { Tok, tokIsOneOf, tokText } from '../../python/tokenizer';
import { isName, isOp, type Arg, type Call, type CodeIndex } from '../code';
import { stringValue } from './literals';

// What the names of a document stand for, as several rules need it: the binding a token sees, the
// import a dotted name comes from (libraries the facts do not cover, such as scikit-learn,
// included), and the class an object was built from. Reads the document model's bindings only.

export interface Range {
  from: number;
  to: number;
}

/** The range without comment tokens at either end. */
export function trim(code: CodeIndex, r: Range): Range {
  let { from, to } = r;
  while (from < to && code.t.kind[from] === Tok.Comment) from++;
  while (to > from && code.t.kind[to - 1] === Tok.Comment) to--;
  return { from, to };
}

/** An argument's value as a trimmed range. */
export const valueOf = (code: CodeIndex, a: Arg | undefined): Range | undefined => (a && !a.star ? trim(code, a) : undefined);

/**
 * The binding of `name` that token `at` sees, following Python's scopes as the resolver does (a
 * class body is skipped from nested functions; a module name bound later is seen from a function).
 * With `local`, only at's own scope is searched.
 */
export function bindingAt(code: CodeIndex, name: string, at: number, local = false): Binding | undefined {
  const m = code.model;
  let s = m.scopeOf[at] ?? 0;
  let innermost = true;
  let insideFunction = false;
  while (s >= 0) {
    const scope = m.scopes[s]!;
    if (scope.kind === 'class' && !innermost) {
      s = scope.parent;
      continue;
    }
    const list = scope.bindings.get(name);
    if (list?.length) {
      const best = bindingBefore(list, at, 'first');
      if (best) return best;
      if (scope.kind === 'function' && !scope.globals.has(name)) return undefined;
      if (scope.kind === 'module' && insideFunction) return list[0];
    }
    if (local) return undefined;
    if (scope.kind === 'function') insideFunction = true;
    innermost = false;
    s = scope.parent;
  }
  return undefined;
}

/** Whether a binding belongs to the scope with index `scope`. */
export const inScope = (code: CodeIndex, b: Binding, scope: number): boolean => !!code.model.scopes[scope]?.bindings.get(b.name)?.includes(b);

/** How many times `name` is bound anywhere in the document. */
export function bindingCount(code: CodeIndex, name: string): number {
  // Counted for every name at once, the first time a rule asks (thousands of scopes in a big file).
  const counts = code.memo('bindingCounts', () => {
    const m = new Map<string, number>();
    for (const s of code.model.scopes) for (const [k, list] of s.bindings) m.set(k, (m.get(k) ?? 0) + list.length);
    return m;
  });
  return counts.get(name) ?? 0;
}

/** The expression of a plain assignment `x = <expr>`, or undefined for any other binding. */
export function assigned(code: CodeIndex, b: Binding | undefined): Range | undefined {
  return b?.value.kind === 'expr' ? trim(code, b.value) : undefined;
}

/**
 * The full path a dotted name stands for: its root followed through imports and through plain
 * assignments of dotted names (`T = F.PandasUDFType`). Undefined for builtins, parameters and
 * anything else that is not imported.
 */
export function importedPath(code: CodeIndex, range: Range, depth = 0): string | undefined {
  const r = trim(code, range);
  // Asked of most calls of a file: the shape is checked in place, and the dotted text is built
  // only for a root that leads to an import.
  if (!isDotted(code, r)) return undefined;
  const b = bindingAt(code, tokText(code.t, r.from), r.from);
  if (b?.value.kind === 'import') return b.value.path + dottedRest(code, r);
  const value = assigned(code, b);
  if (!value || depth > 4) return undefined;
  const base = importedPath(code, value, depth + 1);
  return base && base + dottedRest(code, r);
}

/** Whether the range is exactly a dotted name `a.b.c`. */
function isDotted(code: CodeIndex, r: Range): boolean {
  const t = code.t;
  if (r.to <= r.from) return false;
  for (let i = r.from; i < r.to; i += 2) {
    if (!isName(t, i)) return false;
    if (i + 1 < r.to && !isOp(t, i + 1, '.')) return false;
  }
  return true;
}

/** `.b.c` of a dotted name `a.b.c` (empty for a single name). */
function dottedRest(code: CodeIndex, r: Range): string {
  let rest = '';
  for (let i = r.from + 2; i < r.to; i += 2) rest += `.${tokText(code.t, i)}`;
  return rest;
}

/** The API a call calls: its dotted callee through the imports, else the resolver's name for it. */
export function callPath(code: CodeIndex, call: Call): string | undefined {
  // Several rules ask it of the same calls (fmin, pandas_udf, the stage classes): worked out once.
  let path = callPaths.get(call);
  if (path === undefined) callPaths.set(call, (path = importedPath(code, { from: call.chainStart, to: call.nameTok + 1 }) ?? call.qualname ?? null));
  return path ?? undefined;
}

/** callPath's answers per call (null: no path). A call belongs to one index, so to one model. */
const callPaths = new WeakMap<Call, string | null>();

const byClose = new WeakMap<CodeIndex, Map<number, Call>>();
const byStart = new WeakMap<CodeIndex, Map<number, Call>>();
const nameCounts = new WeakMap<CodeIndex, Map<string, number>>();

/** The first call whose chain starts at token `tok` (`pandas_udf(...)` of a decorator line starting after `@`). */
export function callStartingAt(code: CodeIndex, tok: number): Call | undefined {
  let map = byStart.get(code);
  if (!map) {
    map = new Map();
    for (const c of code.calls) if (!map.has(c.chainStart)) map.set(c.chainStart, c);
    byStart.set(code, map);
  }
  return map.get(tok);
}

/** How many times a name is read or written as a plain name (not as an attribute `x.name`) in the document. */
export function nameCount(code: CodeIndex, name: string): number {
  let counts = nameCounts.get(code);
  if (!counts) nameCounts.set(code, (counts = new Map()));
  const known = counts.get(name);
  if (known !== undefined) return known;
  const t = code.t;
  let n = 0;
  // Compared in place: no substring per token.
  for (let k = 0; k < t.count; k++) if (t.kind[k] === Tok.Name && t.end[k]! - t.start[k]! === name.length && t.text.startsWith(name, t.start[k]!) && !isOp(t, k - 1, '.')) n++;
  counts.set(name, n);
  return n;
}

/** The call that is exactly the range: its chain starts at `from` and its `)` is the last token. */
export function callSpanning(code: CodeIndex, range: Range): Call | undefined {
  const r = trim(code, range);
  let map = byClose.get(code);
  if (!map) {
    map = new Map(code.calls.map((c) => [c.close, c]));
    byClose.set(code, map);
  }
  const c = map.get(r.to - 1);
  return c && c.chainStart === r.from && isOp(code.t, c.close, ')') ? c : undefined;
}

/** What a method is called on (`model` in `model.fit(df)`), or undefined for a plain function call. */
export const receiver = (call: Call): Range | undefined => (call.chainStart < call.nameTok - 1 ? { from: call.chainStart, to: call.nameTok - 1 } : undefined);

/**
 * The class an object was built from: `Cls(...)` itself, or a name bound to one (through plain
 * assignments), optionally through methods that return the object itself (`fit` in scikit-learn).
 */
export function builtFrom(code: CodeIndex, range: Range, selfReturning: ReadonlySet<string> = new Set(), depth = 0): { path: string; call: Call } | undefined {
  const r = trim(code, range);
  if (depth > 6 || r.to <= r.from) return undefined;
  const t = code.t;
  if (r.to === r.from + 1 && isName(t, r.from)) {
    const value = assigned(code, bindingAt(code, tokText(t, r.from), r.from));
    return value ? builtFrom(code, value, selfReturning, depth + 1) : undefined;
  }
  const c = callSpanning(code, r);
  if (!c) return undefined;
  const on = receiver(c);
  if (selfReturning.has(c.name) && on) return builtFrom(code, on, selfReturning, depth + 1);
  const path = callPath(code, c);
  return path && /^[A-Z]/.test(path.slice(path.lastIndexOf('.') + 1)) ? { path, call: c } : undefined;
}

/** The token of the bracket that directly encloses token `i`, or -1 at the top level. */
export function enclosingOpen(code: CodeIndex, i: number): number {
  const t = code.t;
  const d = t.depth[i]!;
  if (d === 0) return -1;
  for (let k = i - 1; k >= 0; k--) if (t.depth[k] === d - 1 && t.kind[k] === Tok.Op && tokIsOneOf(t, k, '([{')) return k;
  return -1;
}

/** The value of a `"key": value` entry at the top level of the dict literal that is exactly `range`. */
export function dictEntry(code: CodeIndex, range: Range, key: string): Range | undefined {
  const t = code.t;
  const r = trim(code, range);
  if (!isOp(t, r.from, '{') || code.matchingClose(r.from) !== r.to - 1) return undefined;
  const d = t.depth[r.from]! + 1;
  for (let k = r.from + 1; k < r.to - 1; k++) {
    if (t.depth[k] !== d || !isOp(t, k + 1, ':') || !(k === r.from + 1 || isOp(t, k - 1, ','))) continue;
    if (stringValue(t, k) !== key) continue;
    let e = k + 2;
    while (e < r.to - 1 && !(t.depth[e] === d && isOp(t, e, ','))) e++;
    return trim(code, { from: k + 2, to: e });
  }
  return undefined;
}
