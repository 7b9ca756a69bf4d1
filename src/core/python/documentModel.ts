import { Tok, tokenize, tokIs, tokText, type Tokens } from './tokenizer';

// The structure of one Python document that name resolution needs: scopes (module, functions,
// classes) and, per scope, every binding of a name with where it happens and what it binds.
// Built once per document version; everything here is plain data over token indices.

export type BindingValue =
  /** `import a.b as c` binds c to "a.b"; `from a import b` binds b to "a.b". */
  | { kind: 'import'; path: string }
  /** `x = <expr>`: the expression's token range [from, to). */
  | { kind: 'expr'; from: number; to: number }
  /** `a, b = <expr>`: one element of an unpacked expression. */
  | { kind: 'element'; from: number; to: number }
  /** `with <expr> as x`. */
  | { kind: 'with'; from: number; to: number }
  /** Anything we do not follow (parameters, loop targets, def/class names...): it shadows. */
  | { kind: 'opaque' };

export interface Binding {
  name: string;
  /** Token index where the binding takes effect. */
  at: number;
  value: BindingValue;
}

export interface Scope {
  kind: 'module' | 'function' | 'class';
  parent: number;
  bindings: Map<string, Binding[]>;
  globals: Set<string>;
}

export interface DocumentModel {
  tokens: Tokens;
  scopes: Scope[];
  /** Scope index of each token. */
  scopeOf: Int32Array;
  /** Token index of the first token of the logical line each token belongs to. */
  lineStartOf: Int32Array;
}

export interface Line {
  first: number;
  /** Exclusive. */
  end: number;
  /** First non-comment token, or -1 for comment-only lines. */
  code: number;
  indent: number;
}

const COMPOUND = new Set(['if', 'elif', 'else', 'for', 'while', 'try', 'except', 'finally', 'with', 'def', 'class', 'async', 'match', 'case']);

/** The logical lines of a document (shared with the trap rules' block index). */
export function logicalLines(t: Tokens): Line[] {
  return logicalLinesIn(t, 0, t.count);
}

/** The logical lines of tokens [from, to); `from` must start a logical line. */
export function logicalLinesIn(t: Tokens, from: number, to: number): Line[] {
  const lines: Line[] = [];
  let first = from;
  for (let i = from; i <= to; i++) {
    if (i === to || t.kind[i] === Tok.Newline) {
      if (i > first) {
        let code = -1;
        for (let k = first; k < i; k++) if (t.kind[k] !== Tok.Comment) { code = k; break; }
        lines.push({ first, end: i, code, indent: code >= 0 ? t.indent[code]! : 0 });
      }
      first = i + 1;
    }
  }
  return lines;
}

const isOp = (t: Tokens, i: number, op: string) => t.kind[i] === Tok.Op && tokIs(t, i, op);
const isName = (t: Tokens, i: number, name?: string) => t.kind[i] === Tok.Name && (name === undefined || tokIs(t, i, name));

/** Index of the first top-level (bracket depth `d`) token in [from, to) equal to `op`, or -1. */
function findTop(t: Tokens, from: number, to: number, op: string, d: number): number {
  for (let i = from; i < to; i++) if (t.depth[i] === d && t.kind[i] === Tok.Op && tokIs(t, i, op)) return i;
  return -1;
}

/** Builds the scope and binding structure of a Python document. */
export function buildDocumentModel(text: string, tokens?: Tokens): DocumentModel {
  return buildIndexedModel(text, tokens).model;
}

/** `global x` at module level, where it is (module scopes' globals are rebuilt from these). */
export interface ModuleGlobal {
  name: string;
  at: number;
}

/**
 * A model with what the incremental update needs to splice it: the token index of the header
 * that opened each scope (-1 for the module) and the module-level `global` statements.
 */
export interface IndexedModel {
  model: DocumentModel;
  scopeAt: number[];
  moduleGlobals: ModuleGlobal[];
}

/** The full parse, with the index an incremental update (incremental.ts) starts from. */
export function buildIndexedModel(text: string, tokens?: Tokens): IndexedModel {
  const t = tokens ?? tokenize(text);
  const module: Scope = { kind: 'module', parent: -1, bindings: new Map(), globals: new Set() };
  const part: ModelPart = { t, module, base: 1, created: [], createdAt: [], moduleGlobals: [], scopeOf: new Int32Array(t.count), lineStartOf: new Int32Array(t.count) };
  buildPart(part, 0, t.count);
  return {
    model: { tokens: t, scopes: [module, ...part.created], scopeOf: part.scopeOf, lineStartOf: part.lineStartOf },
    scopeAt: [-1, ...part.createdAt],
    moduleGlobals: part.moduleGlobals,
  };
}

/**
 * The model of a run of logical lines that starts with only the module scope open: the whole
 * document, or (incrementally) the top-level statements around an edit. Scopes it opens get
 * indices from `base`; it writes scopeOf and lineStartOf of its tokens and binds module names in
 * `module`.
 */
export interface ModelPart {
  t: Tokens;
  module: Scope;
  base: number;
  created: Scope[];
  /** Token index of the header that opened each created scope. */
  createdAt: number[];
  moduleGlobals: ModuleGlobal[];
  scopeOf: Int32Array;
  lineStartOf: Int32Array;
}

/** True if token `k` starts a top-level statement: a logical line with code at indentation 0. */
export function startsTopLevel(t: Tokens, k: number): boolean {
  if (k >= t.count || (k > 0 && t.kind[k - 1] !== Tok.Newline) || t.indent[k] !== 0) return false;
  for (let i = k; i < t.count && t.kind[i] !== Tok.Newline; i++) if (t.kind[i] !== Tok.Comment) return true;
  return false;
}

/** Builds the model of tokens [from, to): `from` is 0 or starts a top-level statement, `to` is the count or starts one. */
export function buildPart(part: ModelPart, from: number, to: number): void {
  const { t, module, base, created, scopeOf, lineStartOf } = part;
  const scopeAtIndex = (i: number) => (i === 0 ? module : created[i - base]!);
  const lines = logicalLinesIn(t, from, to);
  // Open blocks: scope index and the indentation of the header that opened it.
  const stack: { scope: number; indent: number }[] = [{ scope: 0, indent: -1 }];

  const bind: BindFn = (scope, name, at, value) => {
    const s = scopeAtIndex(scope);
    const target = s.globals.has(name) ? module : s;
    let list = target.bindings.get(name);
    if (!list) target.bindings.set(name, (list = []));
    list.push({ name, at, value });
  };
  bind.declareGlobal = (scope, name, at) => {
    scopeAtIndex(scope).globals.add(name);
    if (scope === 0) part.moduleGlobals.push({ name, at });
  };
  const open = (kind: 'function' | 'class', parent: number, at: number) => {
    created.push({ kind, parent, bindings: new Map(), globals: new Set() });
    part.createdAt.push(at);
    return base + created.length - 1;
  };

  for (const line of lines) {
    if (line.code >= 0) while (stack.length > 1 && line.indent <= stack[stack.length - 1]!.indent) stack.pop();
    const scope = stack[stack.length - 1]!.scope;
    for (let k = line.first; k < line.end; k++) {
      scopeOf[k] = scope;
      lineStartOf[k] = line.first;
    }
    if (line.code < 0) continue;
    let i = line.code;
    if (isOp(t, i, '@')) continue; // decorator lines bind nothing
    if (isName(t, i, 'async')) i++;
    const kw = isName(t, i) ? tokText(t, i) : '';
    if (kw === 'def' || kw === 'class') {
      if (isName(t, i + 1)) bind(scope, tokText(t, i + 1), i + 1, { kind: 'opaque' });
      const colon = findTopColon(t, i, line.end);
      const inner = open(kw === 'def' ? 'function' : 'class', scope, i);
      if (kw === 'def') bindParameters(t, i + 2, colon < 0 ? line.end : colon, (name, at) => bind(inner, name, at, { kind: 'opaque' }));
      if (colon >= 0 && colon + 1 < line.end) {
        // One-line body: `def f(): return x`.
        for (let k = colon + 1; k < line.end; k++) scopeOf[k] = inner;
        simpleStatements(t, colon + 1, line.end, inner, bind);
      } else stack.push({ scope: inner, indent: line.indent });
      continue;
    }
    if (COMPOUND.has(kw)) {
      const colon = findTopColon(t, i, line.end);
      const headerEnd = colon < 0 ? line.end : colon;
      if (kw === 'for') {
        const inAt = findTopName(t, i + 1, headerEnd, 'in');
        for (let k = i + 1; k < (inAt < 0 ? headerEnd : inAt); k++) if (isName(t, k)) bind(scope, tokText(t, k), k, { kind: 'opaque' });
      } else if (kw === 'with') withItems(t, i + 1, headerEnd, scope, bind);
      else if (kw === 'except') {
        const as = findTopName(t, i + 1, headerEnd, 'as');
        if (as >= 0 && isName(t, as + 1)) bind(scope, tokText(t, as + 1), as + 1, { kind: 'opaque' });
      }
      if (colon >= 0 && colon + 1 < line.end) simpleStatements(t, colon + 1, line.end, scope, bind);
      continue;
    }
    simpleStatements(t, i, line.end, scope, bind);
  }
}

/** The colon ending a compound statement's header (lambda colons skipped), or -1. */
export function findTopColon(t: Tokens, from: number, to: number): number {
  const d = t.depth[from] ?? 0;
  // `lambda x: ...` colons are skipped by counting lambdas seen before.
  let lambdas = 0;
  for (let i = from; i < to; i++) {
    if (t.depth[i] !== d) continue;
    if (isName(t, i, 'lambda')) lambdas++;
    else if (isOp(t, i, ':')) {
      if (lambdas) lambdas--;
      else return i;
    }
  }
  return -1;
}

function findTopName(t: Tokens, from: number, to: number, name: string): number {
  const d = t.depth[from] ?? 0;
  for (let i = from; i < to; i++) if (t.depth[i] === d && isName(t, i, name)) return i;
  return -1;
}

/** Parameter names of `(a, b: int = 1, *args, **kw)` starting at the `(` token. */
function bindParameters(t: Tokens, open: number, end: number, bindOne: (name: string, at: number) => void) {
  if (!isOp(t, open, '(')) return;
  const d = t.depth[open]! + 1;
  let expectName = true;
  for (let i = open + 1; i < end; i++) {
    if (t.depth[i]! < d) break;
    if (t.depth[i] !== d) continue;
    if (expectName && isName(t, i)) {
      bindOne(tokText(t, i), i);
      expectName = false;
    } else if (isOp(t, i, ',')) expectName = true;
  }
}

type BindFn = ((scope: number, name: string, at: number, value: BindingValue) => void) & {
  /** `global x` (token `at`) in a scope: later bindings of x there go to the module scope. */
  declareGlobal?: (scope: number, name: string, at: number) => void;
};

function withItems(t: Tokens, from: number, to: number, scope: number, bind: BindFn) {
  // `with (a as b, c as d):` parenthesised form; peeled in a loop, as 10,000 parens overflow a recursion.
  while (isOp(t, from, '(') && t.depth[to - 1] === t.depth[from] && isOp(t, to - 1, ')')) { from++; to--; }
  const d = t.depth[from] ?? 0;
  let itemStart = from;
  for (let i = from; i <= to; i++) {
    if (i === to || (t.depth[i] === d && isOp(t, i, ','))) {
      const as = findTopName(t, itemStart, i, 'as');
      if (as >= 0) {
        if (isName(t, as + 1) && as + 2 === i) bind(scope, tokText(t, as + 1), as + 1, { kind: 'with', from: itemStart, to: as });
        else for (let k = as + 1; k < i; k++) if (isName(t, k)) bind(scope, tokText(t, k), k, { kind: 'opaque' });
      }
      itemStart = i + 1;
    }
  }
}

function simpleStatements(t: Tokens, from: number, to: number, scope: number, bind: BindFn) {
  const d = t.depth[from] ?? 0;
  let s = from;
  for (let i = from; i <= to; i++) {
    if (i === to || (t.depth[i] === d && isOp(t, i, ';'))) {
      if (i > s) statement(t, s, i, scope, bind);
      s = i + 1;
    }
  }
}

function statement(t: Tokens, from: number, to: number, scope: number, bind: BindFn) {
  while (from < to && t.kind[from] === Tok.Comment) from++;
  if (from >= to) return;
  const d = t.depth[from]!;
  if (isName(t, from, 'import')) return importNames(t, from + 1, to, scope, bind);
  if (isName(t, from, 'from')) return fromImport(t, from + 1, to, scope, bind);
  if (isName(t, from, 'global') || isName(t, from, 'nonlocal')) {
    for (let k = from + 1; k < to; k++) if (isName(t, k)) bind.declareGlobal?.(scope, tokText(t, k), k);
    return;
  }
  // Assignment chains: a = b = expr; annotated: a: T = expr; augmented: a += 1.
  const eqs: number[] = [];
  for (let i = from; i < to; i++) {
    if (t.depth[i] !== d || t.kind[i] !== Tok.Op) continue;
    const op = tokText(t, i);
    if (op === '=') eqs.push(i);
    else if (op.length >= 2 && op.endsWith('=') && !['==', '<=', '>=', '!='].includes(op)) {
      if (isName(t, from) && i === from + 1) bind(scope, tokText(t, from), from, { kind: 'opaque' });
      return;
    }
  }
  if (!eqs.length) return;
  const valueFrom = eqs[eqs.length - 1]! + 1;
  let targetStart = from;
  for (const eq of eqs) {
    bindTargets(t, targetStart, eq, valueFrom, to, scope, bind);
    targetStart = eq + 1;
  }
}

function bindTargets(t: Tokens, from: number, to: number, valueFrom: number, valueTo: number, scope: number, bind: BindFn) {
  const d = t.depth[from]!;
  // Annotated assignment: `x: int = ...`.
  const colon = findTop(t, from, to, ':', d);
  if (colon >= 0) to = colon;
  // The binding takes effect after its value: `x = x.fit(df)` reads the previous x on the right.
  const effect = valueTo - 1;
  if (to - from === 1 && isName(t, from)) {
    bind(scope, tokText(t, from), effect, { kind: 'expr', from: valueFrom, to: valueTo });
    return;
  }
  // Tuple targets: `a, b = ...` or `(a, b) = ...`.
  let f = from;
  let e = to;
  if ((isOp(t, f, '(') || isOp(t, f, '[')) && t.depth[e - 1] === d) { f++; e--; }
  const names: number[] = [];
  let simple = true;
  for (let i = f; i < e; i++) {
    if (isName(t, i) && (i + 1 === e || isOp(t, i + 1, ','))) names.push(i);
    else if (!isOp(t, i, ',') && !(isOp(t, i, '*') && isName(t, i + 1))) simple = false;
  }
  if (simple && names.length > 1) {
    for (const n of names) bind(scope, tokText(t, n), effect, { kind: 'element', from: valueFrom, to: valueTo });
    return;
  }
  // Attribute or subscript targets (self.x = ...) bind no name.
}

function dottedName(t: Tokens, from: number, to: number): { path: string; next: number } {
  let i = from;
  let path = '';
  while (i < to && isName(t, i)) {
    path += (path ? '.' : '') + tokText(t, i);
    if (isOp(t, i + 1, '.')) i += 2;
    else { i++; break; }
  }
  return { path, next: i };
}

function importNames(t: Tokens, from: number, to: number, scope: number, bind: BindFn) {
  let i = from;
  while (i < to) {
    const { path, next } = dottedName(t, i, to);
    if (!path) { i++; continue; }
    i = next;
    if (isName(t, i, 'as') && isName(t, i + 1)) {
      bind(scope, tokText(t, i + 1), i + 1, { kind: 'import', path });
      i += 2;
    } else {
      // `import a.b` binds `a` (to the package a).
      const head = path.split('.')[0]!;
      bind(scope, head, from, { kind: 'import', path: head });
    }
    while (i < to && !isOp(t, i, ',')) i++;
    i++;
  }
}

function fromImport(t: Tokens, from: number, to: number, scope: number, bind: BindFn) {
  if (isOp(t, from, '.') || isOp(t, from, '...')) {
    // Relative imports name the user's own modules: they shadow, nothing more.
    const imp = findTopName(t, from, to, 'import');
    for (let k = imp + 1; imp >= 0 && k < to; k++) if (isName(t, k) && !isName(t, k, 'as')) bind(scope, tokText(t, k), k, { kind: 'opaque' });
    return;
  }
  const { path: mod, next } = dottedName(t, from, to);
  if (!mod || !isName(t, next, 'import')) return;
  let i = next + 1;
  while (i < to) {
    if (isName(t, i) && !isName(t, i, 'as')) {
      const name = tokText(t, i);
      if (isName(t, i + 1, 'as') && isName(t, i + 2)) {
        bind(scope, tokText(t, i + 2), i + 2, { kind: 'import', path: `${mod}.${name}` });
        i += 3;
        continue;
      }
      bind(scope, name, i, { kind: 'import', path: `${mod}.${name}` });
    }
    i++;
  }
}
