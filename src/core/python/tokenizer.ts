// A Python tokenizer made for hovering: it finds names, strings, comments, brackets and logical
// lines, never throws, and tolerates broken code (unclosed strings end at the line's end, unclosed
// brackets at the end of the text). Tokens live in typed arrays so a 10,000-line file costs little
// memory and a position lookup is a binary search.

export const enum Tok {
  Name = 1,
  Number,
  String,
  Comment,
  Op,
  /** End of a logical line (a newline outside brackets). */
  Newline,
}

export interface Tokens {
  readonly text: string;
  readonly count: number;
  readonly kind: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Bracket depth before the token. */
  readonly depth: Int16Array;
  /** For each token: the indentation (in columns) of the logical line it belongs to. */
  readonly indent: Int32Array;
}

const isIdStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c > 127;
const isIdPart = (c: number) => isIdStart(c) || (c >= 48 && c <= 57);
const isDigit = (c: number) => c >= 48 && c <= 57;
const THREE_CHAR_OPS = new Set(['**=', '//=', '>>=', '<<=', '...']);
const TWO_CHAR_OPS = new Set(['**', '//', '->', ':=', '==', '!=', '<=', '>=', '<<', '>>', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=']);

class Builder {
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  depth: Int16Array;
  indent: Int32Array;
  n = 0;
  constructor(capacity: number) {
    this.kind = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.depth = new Int16Array(capacity);
    this.indent = new Int32Array(capacity);
  }
  push(k: Tok, s: number, e: number, d: number, ind: number) {
    if (this.n === this.kind.length) this.grow();
    this.kind[this.n] = k;
    this.start[this.n] = s;
    this.end[this.n] = e;
    this.depth[this.n] = d > 32767 ? 32767 : d;
    this.indent[this.n] = ind;
    this.n++;
  }
  private grow() {
    const cap = this.kind.length * 2;
    const k = new Uint8Array(cap); k.set(this.kind); this.kind = k;
    const s = new Int32Array(cap); s.set(this.start); this.start = s;
    const e = new Int32Array(cap); e.set(this.end); this.end = e;
    const d = new Int16Array(cap); d.set(this.depth); this.depth = d;
    const i = new Int32Array(cap); i.set(this.indent); this.indent = i;
  }
}

/** Length of a string prefix (r, b, f, u, rb, fr, ...) at `i` followed by a quote, or -1. */
function stringPrefixLength(text: string, i: number): number {
  let j = i;
  while (j < text.length && j - i < 2 && 'rRbBfFuUtT'.includes(text[j]!)) j++;
  const q = text.charCodeAt(j);
  return q === 34 || q === 39 ? j - i : -1;
}

/**
 * Scans a string literal starting at its quote; returns the offset after it. f-strings skip the
 * nested strings inside their replacement fields (allowed since Python 3.12).
 */
function scanString(text: string, q0: number, isF: boolean): number {
  const quote = text[q0]!;
  const triple = text.startsWith(quote.repeat(3), q0);
  const closer = triple ? quote.repeat(3) : quote;
  let i = q0 + closer.length;
  let brace = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (!triple && c === '\n' && brace === 0) return i; // unterminated: stop at the line's end
    if (isF) {
      if (c === '{') {
        if (text[i + 1] === '{' && brace === 0) { i += 2; continue; }
        brace++;
      } else if (c === '}' && brace > 0) brace--;
      else if (brace > 0 && (c === '"' || c === "'")) {
        const p = stringPrefixLength(text, i);
        i = scanString(text, i, false);
        if (p < 0) continue;
        continue;
      }
    }
    if (brace === 0 && text.startsWith(closer, i)) return i + closer.length;
    i++;
  }
  return text.length;
}

/** Tokenizes Python source text. */
export function tokenize(text: string): Tokens {
  const b = new Builder(Math.max(64, text.length >> 2));
  scan(text, 0, b);
  return { text, count: b.n, kind: b.kind, start: b.start, end: b.end, depth: b.depth, indent: b.indent };
}

/** Tokens of part of a text: what `tokenizeFrom` found, and the offset where it stopped. */
export interface TokenRun extends Omit<Tokens, 'text'> {
  /** Offset after the last token's Newline when `stopAfter` said stop, else the text's length. */
  readonly stoppedAt: number;
}

/**
 * Tokenizes from `from`, which must be the start of a logical line (offset 0 or just after a
 * Newline token), where the tokenizer's state is always the same: bracket depth 0, at a line's
 * start. After each Newline token (at offset `nl`) `stopAfter(nl)` may end the run: the
 * incremental document model stops once the state re-synchronises with the previous version.
 */
export function tokenizeFrom(text: string, from: number, stopAfter: (nl: number) => boolean): TokenRun {
  const b = new Builder(64);
  const stoppedAt = scan(text, from, b, stopAfter);
  return { count: b.n, kind: b.kind, start: b.start, end: b.end, depth: b.depth, indent: b.indent, stoppedAt };
}

/** The tokenizer's loop from a logical line's start; returns where it stopped. */
function scan(text: string, from: number, b: Builder, stopAfter?: (nl: number) => boolean): number {
  const len = text.length;
  let i = from;
  let depth = 0;
  let lineIndent = 0;
  let atLineStart = true;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (atLineStart) {
      // Measure indentation of a new logical line; blank and comment-only lines do not count.
      let j = i;
      let col = 0;
      while (j < len) {
        const d = text.charCodeAt(j);
        if (d === 32) col++;
        else if (d === 9) col = (col + 8) & ~7;
        else if (d === 12) col = 0;
        else break;
        j++;
      }
      const d = text.charCodeAt(j);
      if (j >= len) break;
      if (d === 10 || d === 13) { i = j + 1; continue; }
      lineIndent = col;
      atLineStart = false;
      i = j;
      // IPython magics and shell escapes in notebook cells are not Python.
      // (A logical line starts only outside brackets, so `%` or `!` here cannot be Python.)
      if (d === 37 || d === 33) {
        let e = i;
        while (e < len && text.charCodeAt(e) !== 10) e++;
        b.push(Tok.Comment, i, e, depth, lineIndent);
        i = e;
        continue;
      }
      continue;
    }
    if (c === 10 || c === 13) {
      if (depth === 0) {
        b.push(Tok.Newline, i, i + 1, 0, lineIndent);
        atLineStart = true;
        if (stopAfter?.(i)) return i + 1;
      }
      i++;
      continue;
    }
    if (c === 32 || c === 9 || c === 12 || c === 0) { i++; continue; }
    if (c === 92) {
      // Line continuation: the next physical line continues this logical one.
      i++;
      if (text.charCodeAt(i) === 13) i++;
      if (text.charCodeAt(i) === 10) i++;
      continue;
    }
    if (c === 35) {
      let e = i;
      while (e < len && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
      b.push(Tok.Comment, i, e, depth, lineIndent);
      i = e;
      continue;
    }
    if (isIdStart(c)) {
      const p = stringPrefixLength(text, i);
      if (p > 0) {
        const prefix = text.slice(i, i + p).toLowerCase();
        const e = scanString(text, i + p, prefix.includes('f') || prefix.includes('t'));
        b.push(Tok.String, i, e, depth, lineIndent);
        i = e;
        continue;
      }
      let e = i + 1;
      while (e < len && isIdPart(text.charCodeAt(e))) e++;
      b.push(Tok.Name, i, e, depth, lineIndent);
      i = e;
      continue;
    }
    if (c === 34 || c === 39) {
      const e = scanString(text, i, false);
      b.push(Tok.String, i, e, depth, lineIndent);
      i = e;
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      let e = i + 1;
      while (e < len) {
        const d = text.charCodeAt(e);
        if (isIdPart(d) || d === 46) e++;
        else if ((d === 43 || d === 45) && (text[e - 1] === 'e' || text[e - 1] === 'E') && !/^0[xX]/.test(text.slice(i, i + 2))) e++;
        else break;
      }
      b.push(Tok.Number, i, e, depth, lineIndent);
      i = e;
      continue;
    }
    const three = text.substr(i, 3);
    const two = text.substr(i, 2);
    const opLen = THREE_CHAR_OPS.has(three) ? 3 : TWO_CHAR_OPS.has(two) ? 2 : 1;
    if (c === 40 || c === 91 || c === 123) {
      b.push(Tok.Op, i, i + 1, depth, lineIndent);
      depth++;
    } else if (c === 41 || c === 93 || c === 125) {
      if (depth > 0) depth--;
      b.push(Tok.Op, i, i + 1, depth, lineIndent);
    } else b.push(Tok.Op, i, i + opLen, depth, lineIndent);
    i += opLen;
  }
  return len;
}

/** Index of the token covering `offset` (start <= offset < end, or touching its end), or -1. */
export function tokenAt(t: Tokens, offset: number): number {
  let lo = 0;
  let hi = t.count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (t.end[mid]! <= offset) lo = mid + 1;
    else hi = mid - 1;
  }
  // lo: first token with end > offset
  if (lo < t.count && t.start[lo]! <= offset) return lo;
  if (lo > 0 && t.end[lo - 1] === offset) return lo - 1;
  return -1;
}

export const tokText = (t: Tokens, i: number): string => t.text.slice(t.start[i], t.end[i]);

/**
 * Whether token `i`'s text is `s`, compared in place: the rules and the resolver ask this of most
 * tokens they pass, and a substring per question made a pass over a 10,000-line file mostly garbage.
 */
export const tokIs = (t: Tokens, i: number, s: string): boolean => t.end[i]! - t.start[i]! === s.length && t.text.startsWith(s, t.start[i]!);

/** Whether token `i` is one character long and that character is one of `chars` (brackets: `)]}`). */
export function tokIsOneOf(t: Tokens, i: number, chars: string): boolean {
  const s = t.start[i]!;
  return t.end[i]! - s === 1 && chars.includes(t.text[s]!);
}
