import { LIST_PREFIX, type SymbolInfo, type SymbolTable } from '../facts/symbolTable';
import type { Binding, DocumentModel } from './documentModel';
import { MAX_ALIAS_DEPTH, MAX_CHAIN_STEPS } from './limits';
import { Tok, tokenAt, tokIs, tokIsOneOf, tokText, type Tokens } from './tokenizer';

/** What an expression evaluates to, as far as the resolver can tell. */
export type Value =
  | { k: 'ns'; path: string }
  | { k: 'sym'; info: SymbolInfo }
  /** `exact`: made by calling the class itself, so no subclass can hide behind it. */
  | { k: 'inst'; type: string; exact?: boolean }
  | { k: 'list'; type: string };

/** A name in the document resolved to an API symbol. */
export interface Resolution {
  qualname: string;
  kind: string;
  /** For members: the class they were looked up on (may differ from the defining class). */
  calledOn?: string;
  /** Offsets of the name token. */
  start: number;
  end: number;
}

/** A name that continues a chain rooted in a known library but is not in the facts. */
export interface UnknownReference {
  path: string;
  start: number;
  end: number;
}

/** Names Databricks notebooks define without an import. */
export const NOTEBOOK_GLOBALS: Record<string, Value> = {
  spark: { k: 'inst', type: 'pyspark.sql.SparkSession' },
  dbutils: { k: 'ns', path: 'dbutils' },
};

const OPAQUE = Symbol('opaque');
type Lookup = Binding | typeof OPAQUE | undefined;

function isOp(t: Tokens, i: number, op: string): boolean {
  return i >= 0 && i < t.count && t.kind[i] === Tok.Op && tokIs(t, i, op);
}

/** Resolves names in a document model to API symbols through imports, aliases and simple flow. */
export class Resolver {
  private readonly roots: ReadonlySet<string>;
  private readonly memo = new WeakMap<DocumentModel, Map<Binding, Value | null>>();

  constructor(private readonly table: SymbolTable, private readonly globals: Record<string, Value> = NOTEBOOK_GLOBALS) {
    this.roots = table.roots;
  }

  /** The API symbol named at `offset`, or undefined (strings, comments, local names, unknown APIs). */
  symbolAt(model: DocumentModel, offset: number): Resolution | undefined {
    const t = model.tokens;
    const i = tokenAt(t, offset);
    if (i < 0 || t.kind[i] !== Tok.Name) return undefined;
    const value = this.importTarget(model, i) ?? this.valueOfChainEndingAt(model, i);
    if (!value || value.k !== 'sym') return undefined;
    const { info } = value;
    return { qualname: info.qualname, kind: info.kind, ...(info.calledOn ? { calledOn: info.calledOn } : {}), start: t.start[i]!, end: t.end[i]! };
  }

  /**
   * Every attribute chain rooted in a known library whose next step is not in the facts
   * (`mlflow.log_metrc`): what the content lint reports for code in questions. Only the first
   * unknown step of a chain is reported, and members are judged only on instances whose class is
   * exactly known (a subclass may add members the declared return type lacks).
   */
  unknownReferences(model: DocumentModel): UnknownReference[] {
    const t = model.tokens;
    const out: UnknownReference[] = [];
    // The name ending the last chain found over MAX_CHAIN_STEPS: the chain one `.name` longer is
    // over too, so a 100,000-step chain costs one walk back, not one per name.
    let overAt = -1;
    for (let i = 0; i < t.count; i++) {
      if (t.kind[i] !== Tok.Name || !isOp(t, i - 1, '.')) continue;
      if (overAt === i - 2) { overAt = i; continue; }
      const start = chainStart(t, i);
      if (start === OVER_LIMIT) overAt = i;
      if (start < 0) continue;
      const parent = this.evalChain(model, start, i - 1, 0);
      if (!parent || parent.k === 'list') continue;
      if (parent.k === 'ns' && !this.table.isNamespace(parent.path) && !this.roots.has(parent.path)) continue;
      if (parent.k === 'inst' && !parent.exact) continue;
      if (parent.k === 'sym' && parent.info.kind !== 'class' && parent.info.kind !== 'module') continue;
      const name = tokText(t, i);
      const after = this.attribute(parent, name);
      if (!after || (after.k === 'ns' && !this.table.isNamespace(after.path))) {
        const owner = parent.k === 'sym' ? parent.info.qualname : parent.k === 'inst' ? parent.type : parent.path;
        out.push({ path: `${owner}.${name}`, start: t.start[i]!, end: t.end[i]! });
      }
    }
    return out;
  }

  /** Every call whose callee resolves to an API symbol, with the keyword arguments it passes. */
  calls(model: DocumentModel): { callee: SymbolInfo; keywords: { name: string; start: number; end: number }[]; start: number }[] {
    const t = model.tokens;
    const out: { callee: SymbolInfo; keywords: { name: string; start: number; end: number }[]; start: number }[] = [];
    for (let i = 1; i < t.count; i++) {
      if (!isOp(t, i, '(') || t.kind[i - 1] !== Tok.Name) continue;
      const callee = this.valueOfChainEndingAt(model, i - 1);
      if (callee?.k !== 'sym') continue;
      const d = t.depth[i]! + 1;
      const close = matchingClose(t, i);
      const keywords: { name: string; start: number; end: number }[] = [];
      for (let k = i + 1; k < (close < 0 ? t.count : close); k++) {
        if (t.depth[k] === d && t.kind[k] === Tok.Name && isOp(t, k + 1, '=') && (isOp(t, k - 1, '(') || isOp(t, k - 1, ','))) {
          keywords.push({ name: tokText(t, k), start: t.start[k]!, end: t.end[k]! });
        }
      }
      out.push({ callee: callee.info, keywords, start: t.start[i - 1]! });
    }
    return out;
  }

  /** In `from a.b import c` or `import a.b`, the name under the cursor names a path directly. */
  private importTarget(model: DocumentModel, i: number): Value | undefined {
    const t = model.tokens;
    const first = model.lineStartOf[i]!;
    let k = first;
    while (k < i && t.kind[k] === Tok.Comment) k++;
    const head = tokText(t, k);
    if (head !== 'import' && head !== 'from') return undefined;
    // Collect the dotted path ending at i.
    let s = i;
    while (isOp(t, s - 1, '.') && t.kind[s - 2] === Tok.Name) {
      s -= 2;
      if (i - s > 2 * MAX_CHAIN_STEPS) return undefined;
    }
    let path = '';
    for (let p = s; p <= i; p += 2) path += (path ? '.' : '') + tokText(t, p);
    if (head === 'from') {
      const imp = (() => { for (let p = k; p < t.count && p < i + 1; p++) if (t.kind[p] === Tok.Name && tokText(t, p) === 'import') return p; return -1; })();
      if (imp >= 0 && i > imp) {
        if (tokText(t, i - 1) === 'as') return undefined;
        let m = k + 1;
        let mod = '';
        while (m < imp) { mod += tokText(t, m); m++; }
        path = `${mod}.${tokText(t, i)}`;
      }
    } else if (tokText(t, i - 1) === 'as') return undefined;
    return this.valueOfPath(path);
  }

  private valueOfPath(path: string): Value | undefined {
    const info = this.table.get(path);
    if (info) return { k: 'sym', info };
    const root = path.split('.')[0]!;
    return this.roots.has(root) ? { k: 'ns', path } : undefined;
  }

  /** Walks back from the name at `i` over `.name`, calls and subscripts, then evaluates forward. */
  valueOfChainEndingAt(model: DocumentModel, i: number): Value | undefined {
    if (i < 0) return undefined;
    const start = chainStart(model.tokens, i);
    return start < 0 ? undefined : this.evalChain(model, start, i + 1, 0);
  }

  /** Evaluates a primary expression (name, attributes, calls, subscripts) over tokens [from, to). */
  private evalChain(model: DocumentModel, from: number, to: number, depth: number): Value | undefined {
    const t = model.tokens;
    if (depth > MAX_ALIAS_DEPTH) return undefined;
    let i = from;
    let steps = 0;
    while (i < to && t.kind[i] === Tok.Comment) i++;
    if (t.kind[i] === Tok.Name && tokText(t, i) === 'await') i++;
    if (i >= to || t.kind[i] !== Tok.Name) return undefined;
    let v = this.valueOfName(model, tokText(t, i), i, depth);
    i++;
    while (v && i < to) {
      if (t.kind[i] === Tok.Comment) { i++; continue; }
      if (isOp(t, i, '.') && t.kind[i + 1] === Tok.Name) {
        // Each step lengthens the dotted path it looks up: past the cap, the chain is no API.
        if (++steps > MAX_CHAIN_STEPS) return undefined;
        v = this.attribute(v, tokText(t, i + 1));
        i += 2;
      } else if (isOp(t, i, '(')) {
        v = this.call(v);
        i = matchingClose(t, i) + 1;
        if (i === 0) return undefined;
      } else if (isOp(t, i, '[')) {
        v = v.k === 'list' ? { k: 'inst', type: v.type } : undefined;
        i = matchingClose(t, i) + 1;
        if (i === 0) return undefined;
      } else return undefined; // an operator: not a plain chain
    }
    return v;
  }

  private attribute(v: Value, name: string): Value | undefined {
    switch (v.k) {
      case 'ns':
        return this.valueOfPath(`${v.path}.${name}`);
      case 'inst': {
        const m = this.table.member(v.type, name);
        return m ? { k: 'sym', info: m } : undefined;
      }
      case 'sym': {
        const { info } = v;
        if (info.kind === 'module') return this.valueOfPath(`${info.qualname}.${name}`);
        if (info.kind === 'class') {
          const m = this.table.member(info.qualname, name);
          return m ? { k: 'sym', info: m } : undefined;
        }
        // Reading a property or attribute gives its value; then look the name up on that.
        if ((info.kind === 'property' || info.kind === 'attribute' || info.kind === 'class_attribute') && info.type && !info.type.startsWith(LIST_PREFIX)) {
          return this.attribute({ k: 'inst', type: info.type }, name);
        }
        return undefined;
      }
      case 'list':
        return undefined;
    }
  }

  private call(v: Value): Value | undefined {
    if (v.k !== 'sym' || !v.info.type) return undefined;
    if (v.info.kind === 'class') return { k: 'inst', type: v.info.qualname, exact: true };
    if (v.info.kind === 'property' || v.info.kind === 'attribute') return undefined;
    return typeValue(v.info.type);
  }

  private valueOfName(model: DocumentModel, name: string, at: number, depth: number): Value | undefined {
    const b = lookup(model, name, at);
    if (b === OPAQUE) return undefined;
    if (!b) return this.globals[name];
    return this.valueOfBinding(model, b, depth);
  }

  private valueOfBinding(model: DocumentModel, b: Binding, depth: number): Value | undefined {
    let memo = this.memo.get(model);
    if (!memo) this.memo.set(model, (memo = new Map()));
    if (memo.has(b)) return memo.get(b) ?? undefined;
    memo.set(b, null); // cycle guard
    let v: Value | undefined;
    const val = b.value;
    switch (val.kind) {
      case 'import':
        v = this.valueOfPath(val.path);
        break;
      case 'expr':
        v = this.evalChain(model, val.from, val.to, depth + 1);
        if (v?.k === 'sym' && (v.info.kind === 'property' || v.info.kind === 'attribute') && v.info.type) v = typeValue(v.info.type);
        break;
      case 'element': {
        const whole = this.evalChain(model, val.from, val.to, depth + 1);
        v = whole?.k === 'list' ? { k: 'inst', type: whole.type } : undefined;
        break;
      }
      case 'with': {
        const ctx = this.evalChain(model, val.from, val.to, depth + 1);
        if (ctx?.k === 'inst') {
          const enter = this.table.member(ctx.type, '__enter__');
          v = enter?.type ? typeValue(enter.type) : ctx;
        }
        break;
      }
      case 'opaque':
        v = undefined;
    }
    memo.set(b, v ?? null);
    return v;
  }
}

function typeValue(type: string): Value {
  return type.startsWith(LIST_PREFIX) ? { k: 'list', type: type.slice(LIST_PREFIX.length) } : { k: 'inst', type };
}

/** The binding of `name` visible at token `at`, following Python's scoping rules closely enough. */
function lookup(model: DocumentModel, name: string, at: number): Lookup {
  let s = model.scopeOf[at] ?? 0;
  let innermost = true;
  let insideFunction = false;
  while (s >= 0) {
    const scope = model.scopes[s]!;
    if (scope.kind === 'class' && !innermost) {
      s = scope.parent;
      continue;
    }
    const list = scope.bindings.get(name);
    if (list?.length) {
      const best = bindingBefore(list, at);
      if (best) return best;
      if (scope.kind === 'function' && !scope.globals.has(name)) return OPAQUE; // local, not yet bound
      if (scope.kind === 'module' && insideFunction) return list[0]; // bound later, read at call time
    }
    if (scope.kind === 'function') insideFunction = true;
    innermost = false;
    s = scope.parent;
  }
  return undefined;
}

/** Per list of bindings: its length when checked, and whether it was in order of `at` then. */
const ordered = new WeakMap<Binding[], { length: number; sorted: boolean }>();

/**
 * The binding in `list` that takes effect last before token `at`. A name bound 10,000 times made
 * each lookup walk every binding, and a pass over all names (calls, unknownReferences) quadratic;
 * a list in order of `at` (checked once) is searched by halves instead. `ties` picks among
 * bindings at one token (`a, a = ...`): the resolver takes the last, the trap rules the first.
 */
export function bindingBefore(list: Binding[], at: number, ties: 'first' | 'last' = 'last'): Binding | undefined {
  let known = ordered.get(list);
  if (known?.length !== list.length) {
    // The model adds bindings line by line, so lists are in order; checked once per length in
    // case a model is ever updated in place.
    known = { length: list.length, sorted: list.every((b, k) => k === 0 || list[k - 1]!.at <= b.at) };
    ordered.set(list, known);
  }
  if (!known.sorted) {
    let best: Binding | undefined;
    for (const b of list) if (b.at < at && (ties === 'last' || !best || b.at > best.at)) best = b;
    return best;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.at < at) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return undefined;
  let k = lo - 1;
  if (ties === 'first') while (k > 0 && list[k - 1]!.at === list[k]!.at) k--;
  return list[k];
}

/** chainStart's answer for a chain over MAX_CHAIN_STEPS (malformed chains give -1). */
const OVER_LIMIT = -2;

/**
 * First token of the attribute chain that ends with the name at `i`, -1 if it is malformed, or
 * OVER_LIMIT past MAX_CHAIN_STEPS (so a walk back costs at most that many steps, whatever the text).
 */
function chainStart(t: Tokens, i: number): number {
  let start = i;
  let steps = 0;
  while (isOp(t, start - 1, '.')) {
    if (++steps > MAX_CHAIN_STEPS) return OVER_LIMIT;
    let before = start - 2;
    while (before >= 0 && (isOp(t, before, ')') || isOp(t, before, ']'))) {
      const open = matchingOpen(t, before);
      if (open < 0) return -1;
      before = open - 1;
    }
    if (before < 0 || t.kind[before] !== Tok.Name) return -1;
    start = before;
  }
  return start;
}

function matchingClose(t: Tokens, open: number): number {
  const d = t.depth[open]!;
  for (let i = open + 1; i < t.count; i++) if (t.kind[i] === Tok.Op && t.depth[i] === d && tokIsOneOf(t, i, ')]}')) return i;
  return -1;
}

function matchingOpen(t: Tokens, close: number): number {
  const d = t.depth[close]!;
  for (let i = close - 1; i >= 0; i--) if (t.kind[i] === Tok.Op && t.depth[i] === d && tokIsOneOf(t, i, '([{')) return i;
  return -1;
}
