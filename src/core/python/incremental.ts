import { buildIndexedModel, buildPart, startsTopLevel, type Binding, type BindingValue, type IndexedModel, type ModelPart, type ModuleGlobal, type Scope } from './documentModel';
import { Tok, tokenizeFrom, type Tokens } from './tokenizer';

// Read once: under a per-file transform (tsx) a const enum member is a property read per use.
const NEWLINE = Tok.Newline;

// The model of a new version of a document from the previous version's model, without parsing the
// whole text again. The edit is found by comparing the texts (common prefix and suffix). Tokens are
// re-read from the start of the logical line holding the edit until the tokenizer's state meets the
// old token stream again (a Newline past the edit where the old text had one, with the same text
// after it); the model is rebuilt for the top-level statements those tokens touch. Everything else
// is reused, shifted by the change in offsets, token count and scope count. The result equals
// buildDocumentModel of the new text (test/unit/incrementalModel.test.ts compares them on random
// edit sequences).

/** Zeros after the last token, as the full tokenizer's spare capacity has (reads just past the end see 0). */
const SLACK = 16;

/** An edit that rewrites more than this share of the text is parsed from scratch. */
const MAX_CHANGED_SHARE = 0.5;

/**
 * The model of `text`, reusing `prev` (the model of an earlier version of the same document).
 * `maxChangedShare`: above this share of changed text, parse from scratch (tests pass Infinity).
 */
export function updateModel(prev: IndexedModel, text: string, maxChangedShare = MAX_CHANGED_SHARE): IndexedModel {
  const old = prev.model.tokens;
  const oldText = old.text;
  if (oldText === text) return prev;
  const { prefix, suffix } = commonEnds(oldText, text);
  const newEnd = text.length - suffix;
  const delta = text.length - oldText.length;
  if (newEnd - prefix > text.length * maxChangedShare) return buildIndexedModel(text);

  // Re-tokenize from the start of the logical line holding the edit's first character.
  let q = countStartingBefore(old, prefix) - 1;
  while (q >= 0 && old.kind[q] !== NEWLINE) q--;
  const restartTok = q + 1;
  const restartAt = q >= 0 ? old.end[q]! : 0;
  let resyncTok = old.count - 1; // last old token not reused
  const run = tokenizeFrom(text, restartAt, (nl) => {
    // After a Newline the state is always the same, so the rest matches the old tokens when the
    // text after it lies in the common suffix and the old text had a Newline token there too.
    if (nl + 1 < newEnd) return false;
    const j = newlineAt(old, nl - delta);
    if (j < 0) return false;
    resyncTok = j;
    return true;
  });
  const tokens = spliceTokens(old, text, restartTok, run, resyncTok + 1, delta);
  const tokDelta = tokens.count - old.count;

  // Rebuild the model from the top-level statement holding the edit to the first top-level
  // statement after the re-tokenized part.
  let from = restartTok;
  while (from > 0 && !startsTopLevel(tokens, from)) from = lineStartBefore(tokens, from);
  let oldTo = resyncTok + 1;
  while (oldTo < old.count && !startsTopLevel(old, oldTo)) oldTo = nextLineStart(old, oldTo);
  const to = oldTo + tokDelta;
  return spliceModel(prev, tokens, from, oldTo, to, tokDelta);
}

function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  const max = Math.min(a.length, b.length);
  const CHUNK = 4096;
  let p = 0;
  while (p + CHUNK <= max && a.slice(p, p + CHUNK) === b.slice(p, p + CHUNK)) p += CHUNK;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  const maxS = max - p;
  while (s + CHUNK <= maxS && a.slice(a.length - s - CHUNK, a.length - s) === b.slice(b.length - s - CHUNK, b.length - s)) s += CHUNK;
  while (s < maxS && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return { prefix: p, suffix: s };
}

/** Number of tokens that start before `offset`. */
function countStartingBefore(t: Tokens, offset: number): number {
  let lo = 0;
  let hi = t.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t.start[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the Newline token at `offset`, or -1. */
function newlineAt(t: Tokens, offset: number): number {
  if (offset < 0) return -1;
  const i = countStartingBefore(t, offset);
  return i < t.count && t.start[i] === offset && t.kind[i] === NEWLINE ? i : -1;
}

/** Start of the logical line before the one starting at token `k` (> 0). */
function lineStartBefore(t: Tokens, k: number): number {
  let i = k - 2; // k - 1 is the Newline ending the previous line
  while (i >= 0 && t.kind[i] !== NEWLINE) i--;
  return i + 1;
}

/** Start of the logical line after the one starting at token `k`. */
function nextLineStart(t: Tokens, k: number): number {
  let i = k;
  while (i < t.count && t.kind[i] !== NEWLINE) i++;
  return Math.min(i + 1, t.count);
}

/** Old tokens [0, keepTo), the re-read run, then old tokens from `reuseFrom` shifted by `delta`. */
function spliceTokens(old: Tokens, text: string, keepTo: number, run: ReturnType<typeof tokenizeFrom>, reuseFrom: number, delta: number): Tokens {
  const tail = old.count - reuseFrom;
  const count = keepTo + run.count + tail;
  // One buffer for the five arrays: fewer, larger allocations keep garbage collection shorter.
  const size = count + SLACK;
  const buffer = new ArrayBuffer(size * 15 + 8);
  const start = new Int32Array(buffer, 0, size);
  const end = new Int32Array(buffer, size * 4, size);
  const indent = new Int32Array(buffer, size * 8, size);
  const depth = new Int16Array(buffer, size * 12, size);
  const kind = new Uint8Array(buffer, size * 14, size);
  kind.set(old.kind.subarray(0, keepTo));
  start.set(old.start.subarray(0, keepTo));
  end.set(old.end.subarray(0, keepTo));
  depth.set(old.depth.subarray(0, keepTo));
  indent.set(old.indent.subarray(0, keepTo));
  kind.set(run.kind.subarray(0, run.count), keepTo);
  start.set(run.start.subarray(0, run.count), keepTo);
  end.set(run.end.subarray(0, run.count), keepTo);
  depth.set(run.depth.subarray(0, run.count), keepTo);
  indent.set(run.indent.subarray(0, run.count), keepTo);
  const at = keepTo + run.count;
  kind.set(old.kind.subarray(reuseFrom, old.count), at);
  start.set(old.start.subarray(reuseFrom, old.count), at);
  end.set(old.end.subarray(reuseFrom, old.count), at);
  depth.set(old.depth.subarray(reuseFrom, old.count), at);
  indent.set(old.indent.subarray(reuseFrom, old.count), at);
  if (delta !== 0) {
    for (let k = at; k < count; k++) {
      start[k] = start[k]! + delta;
      end[k] = end[k]! + delta;
    }
  }
  return { text, count, kind, start, end, depth, indent };
}

/**
 * The new model: the old one before token `from`, a rebuilt part for new tokens [from, to), and
 * the old one from old token `oldTo` on, its token indices shifted by `tokDelta` and its scope
 * indices by the change in the number of scopes the rebuilt part opened.
 */
function spliceModel(prev: IndexedModel, tokens: Tokens, from: number, oldTo: number, to: number, tokDelta: number): IndexedModel {
  const oldModel = prev.model;
  const oldCount = oldModel.tokens.count;
  // Scopes opened before the rebuilt part ([0, a)), inside it ([a, b)), after it ([b, ...)).
  const a = countBelow(prev.scopeAt, from);
  const b = countBelow(prev.scopeAt, oldTo);
  const perToken = new ArrayBuffer(tokens.count * 8);
  const part: ModelPart = {
    t: tokens,
    module: { kind: 'module', parent: -1, bindings: new Map(), globals: new Set() },
    base: a,
    created: [],
    createdAt: [],
    moduleGlobals: [],
    scopeOf: new Int32Array(perToken, 0, tokens.count),
    lineStartOf: new Int32Array(perToken, tokens.count * 4, tokens.count),
  };
  buildPart(part, from, to);
  const scopeDelta = part.created.length - (b - a);
  const { scopeOf, lineStartOf } = part;
  scopeOf.set(oldModel.scopeOf.subarray(0, from));
  lineStartOf.set(oldModel.lineStartOf.subarray(0, from));
  scopeOf.set(oldModel.scopeOf.subarray(oldTo, oldCount), to);
  lineStartOf.set(oldModel.lineStartOf.subarray(oldTo, oldCount), to);
  const count = tokens.count;
  if (scopeDelta !== 0) for (let k = to; k < count; k++) if (scopeOf[k] !== 0) scopeOf[k] = scopeOf[k]! + scopeDelta;
  // Newline tokens belong to no line: their lineStartOf stays 0 (no other token after the rebuilt
  // part has 0, as its line starts later).
  if (tokDelta !== 0) for (let k = to; k < count; k++) if (lineStartOf[k] !== 0) lineStartOf[k] = lineStartOf[k]! + tokDelta;

  const oldScopes = oldModel.scopes;
  const tailScopes: Scope[] = [];
  for (let s = b; s < oldScopes.length; s++) {
    const scope = oldScopes[s]!;
    tailScopes.push(tokDelta === 0 && scopeDelta === 0 ? scope : { kind: scope.kind, parent: scope.parent === 0 ? 0 : scope.parent + scopeDelta, bindings: shiftBindings(scope.bindings, tokDelta), globals: scope.globals });
  }

  const moduleGlobals: ModuleGlobal[] = [];
  for (const g of prev.moduleGlobals) if (g.at < from) moduleGlobals.push(g);
  moduleGlobals.push(...part.moduleGlobals);
  for (const g of prev.moduleGlobals) if (g.at >= oldTo) moduleGlobals.push(tokDelta ? { name: g.name, at: g.at + tokDelta } : g);
  const module: Scope = {
    kind: 'module',
    parent: -1,
    bindings: spliceModuleBindings(oldScopes[0]!.bindings, part.module.bindings, from, oldTo, tokDelta),
    globals: new Set(moduleGlobals.map((g) => g.name)),
  };

  const scopeAt = prev.scopeAt.slice(0, a);
  scopeAt.push(...part.createdAt);
  for (let s = b; s < prev.scopeAt.length; s++) scopeAt.push(prev.scopeAt[s]! + tokDelta);

  return {
    model: { tokens, scopes: [module, ...oldScopes.slice(1, a), ...part.created, ...tailScopes], scopeOf, lineStartOf },
    scopeAt,
    moduleGlobals,
  };
}

/** Number of leading entries of ascending `xs` below `limit`. */
function countBelow(xs: readonly number[], limit: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Module bindings: each name's list holds the bindings of one top-level statement after another
 * (each at a token inside its statement), so the old list splits into before / rebuilt / after.
 */
function spliceModuleBindings(old: Map<string, Binding[]>, middle: Map<string, Binding[]>, from: number, oldTo: number, tokDelta: number): Map<string, Binding[]> {
  const out = new Map<string, Binding[]>();
  for (const [name, list] of old) {
    const mid = middle.get(name);
    if (!mid && list[list.length - 1]!.at < from) {
      out.set(name, list);
      continue;
    }
    const merged: Binding[] = [];
    for (const x of list) if (x.at < from) merged.push(x);
    if (mid) merged.push(...mid);
    for (const x of list) if (x.at >= oldTo) merged.push(tokDelta ? shiftBinding(x, tokDelta) : x);
    if (merged.length) out.set(name, merged);
  }
  for (const [name, mid] of middle) if (!old.has(name)) out.set(name, mid);
  return out;
}

function shiftBindings(m: Map<string, Binding[]>, d: number): Map<string, Binding[]> {
  if (d === 0) return m;
  const out = new Map<string, Binding[]>();
  for (const [name, list] of m) out.set(name, list.map((x) => shiftBinding(x, d)));
  return out;
}

function shiftBinding(x: Binding, d: number): Binding {
  return { name: x.name, at: x.at + d, value: shiftValue(x.value, d) };
}

function shiftValue(v: BindingValue, d: number): BindingValue {
  return v.kind === 'expr' || v.kind === 'element' || v.kind === 'with' ? { kind: v.kind, from: v.from + d, to: v.to + d } : v;
}
