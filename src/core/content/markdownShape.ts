// The shape of a Markdown text, measured line by line without parsing it: how deeply it nests
// and how long its list items and blockquotes run. marked lexes each blockquote, list item and
// emphasis span by recursing into it (5,000 nested `>` or `*` overflow the stack; 1,000 nested
// lists took 30 s), and its time grows with the square of a list item's or a blockquote's length
// (one 256 KB list item: 10 s). So a file is measured with this linear scan first and not parsed
// when it is out of shape. The scan follows CommonMark closely enough never to undercount (a line
// cannot open more containers than it has markers, and a nested list item sits at or past its
// parent's content column); where it is unsure it counts more, which only a file near the limits
// would notice.

export interface ShapeLimits {
  /** Blockquotes and list items, one inside another. */
  nesting: number;
  /** Emphasis markers (* _ ~) open at once in a paragraph. */
  emphasis: number;
  /** Characters in one list item, or one blockquote. */
  blockChars: number;
}

export interface ShapeProblem {
  line: number;
  kind: 'nesting' | 'emphasis' | 'list item' | 'blockquote';
  /** How deep (nesting, emphasis), or how long so far (list item, blockquote). */
  amount: number;
}

export interface Shape {
  problem?: ShapeProblem;
  /**
   * What parsing the text costs marked, in units of at most about a microsecond: each line's
   * length times one more than its nesting (marked re-reads a line at every level) and again
   * times the emphasis open on it, plus the square of each list item's and blockquote's length
   * over QUADRATIC. Fitted to marked 18 on 250 KB files of each costly shape (nested quotes with
   * lazy lines, 24 KB list items, 32-deep emphasis, runs of "<" or "["): 0.2 to 0.9 µs a unit.
   */
  cost: number;
}

/** Divides a block's squared length in `cost`: fitted to marked 18 on a 236 KB file of 24 KB list items with lazy lines (2 s). */
const QUADRATIC = 3200;

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;
const FENCE = /^(`{3,}|~{3,})/;
// Lines that end a paragraph, so they cannot be a lazy continuation of a list item or blockquote.
const INTERRUPTS = /^(?:#{1,6}(?:[ \t]|$)|`{3,}|~{3,}|([-*_])(?: *\1){2,} *$|<)/;
const DELIMITERS = /[*_~]+/g;
const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const isPunct = (c: string | undefined) => c !== undefined && /[\p{P}\p{S}]/u.test(c);

interface Prefix {
  /** Column of the line's first character that is not a space. */
  first: number;
  /** `>` markers on the line. */
  quotes: number;
  /** Columns of the list markers on the line, each with its item's content column. */
  items: { at: number; content: number }[];
  /** Column and offset of the first character after the container markers. */
  col: number;
  pos: number;
}

/** Reads a line's container prefix: whitespace, `>` and list markers, in any order. */
function prefixOf(line: string): Prefix {
  let pos = 0;
  let col = 0;
  let quotes = 0;
  let first = -1;
  const items: Prefix['items'] = [];
  for (;;) {
    while (pos < line.length && (line[pos] === ' ' || line[pos] === '\t')) {
      col = line[pos] === '\t' ? col + 4 - (col % 4) : col + 1;
      pos++;
    }
    if (first < 0) first = col;
    if (line[pos] === '>') {
      quotes++;
      pos++;
      col++;
      continue;
    }
    const m = LIST_MARKER.exec(line.slice(pos, pos + 11));
    if (!m) break;
    const at = col;
    pos += m[0].length;
    col += m[0].length;
    let spaces = 0;
    while (line[pos + spaces] === ' ') spaces++;
    // Five or more spaces after a marker start an indented code block: the content is one column on.
    items.push({ at, content: col + (spaces >= 1 && spaces <= 4 ? spaces : 1) });
  }
  return { first, quotes, items, col, pos };
}

/**
 * Emphasis openers left unclosed after this line's text, starting from `open`, and the most open
 * at any point (CommonMark's flanking rules on each run of delimiters; inline code and escapes do
 * not count).
 */
function emphasisAfter(text: string, open: number): { open: number; deepest: number } {
  const prose = text.replace(/\\[\\`*_~]/g, 'x').replace(/`[^`]*`/g, 'x');
  let deepest = open;
  for (const m of prose.matchAll(DELIMITERS)) {
    const prev = prose[m.index - 1];
    const next = prose[m.index + m[0].length];
    const left = !isSpace(next) && (!isPunct(next) || isSpace(prev) || isPunct(prev));
    const right = !isSpace(prev) && (!isPunct(prev) || isSpace(next) || isPunct(next));
    if (left && !right) open += m[0].length;
    else if (right && !left) open = Math.max(0, open - m[0].length);
    deepest = Math.max(deepest, open);
  }
  return { open, deepest };
}

/** The first place the text is out of shape, if any, and its parse cost. `lines` are split on "\n". */
export function measureShape(lines: readonly string[], limits: ShapeLimits): Shape {
  let cost = 0;
  const grow = (block: { chars: number }, by: number) => {
    cost += (2 * block.chars * by + by * by) / QUADRATIC;
    block.chars += by;
  };
  const items: { content: number; line: number; chars: number }[] = [];
  let quote: { line: number; chars: number } | undefined;
  let fence: { closing: RegExp; quotes: number; col: number } | undefined;
  let emphasis = 0;
  let blankBefore = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const p = prefixOf(line);
    const rest = line.slice(p.pos);
    const blank = !rest.trim() && !p.items.length;
    const interrupts = !blank && (p.quotes > 0 || p.items.length > 0 || INTERRUPTS.test(rest));
    // A list item closes at a line less indented than its content: at once for a new marker or
    // a line that ends a paragraph, after a blank line for other text (a line straight after
    // text is a lazy continuation).
    if (!blank && (interrupts || blankBefore)) while (items.length && items[items.length - 1]!.content > p.first) items.pop();
    for (const it of p.items) items.push({ content: it.content, line: i + 1, chars: 0 });
    for (const it of items) {
      grow(it, line.length + 1);
      if (it.chars > limits.blockChars) return { problem: { line: it.line, kind: 'list item', amount: it.chars }, cost };
    }
    // A blockquote runs over its `>` lines and the lazy lines after them, to a blank line.
    if (p.quotes > 0) quote ??= { line: i + 1, chars: 0 };
    else if (blank || interrupts) quote = undefined;
    if (quote) {
      grow(quote, line.length + 1);
      if (quote.chars > limits.blockChars) return { problem: { line: quote.line, kind: 'blockquote', amount: quote.chars }, cost };
    }
    if (blank) {
      cost += line.length + 1;
      emphasis = 0;
      blankBefore = true;
      continue;
    }
    blankBefore = false;
    const depth = p.quotes + items.length;
    cost += (line.length + 1) * (1 + depth);
    if (depth > limits.nesting) return { problem: { line: i + 1, kind: 'nesting', amount: depth }, cost };

    if (fence) {
      const closes = fence.closing.test(rest);
      const leftContainer = p.quotes < fence.quotes || p.col < fence.col;
      if (closes || leftContainer) fence = undefined;
      if (closes) continue;
      if (!leftContainer) {
        // Code lines carry no emphasis, but one line's own runs still count, in case the fence
        // is not one to marked.
        const own = emphasisAfter(rest, 0);
        cost += line.length * own.deepest;
        if (own.deepest > limits.emphasis) return { problem: { line: i + 1, kind: 'emphasis', amount: own.deepest }, cost };
        continue;
      }
    }
    const innermost = items[items.length - 1]?.content ?? 0;
    const f = FENCE.exec(rest);
    if (f && p.col <= innermost + 3) {
      fence = { closing: new RegExp(`^${f[1]![0]}{${f[1]!.length},}\\s*$`), quotes: p.quotes, col: innermost };
      emphasis = 0;
      continue;
    }
    const e = emphasisAfter(rest, emphasis);
    cost += line.length * e.deepest;
    emphasis = e.open;
    if (e.deepest > limits.emphasis) return { problem: { line: i + 1, kind: 'emphasis', amount: e.deepest }, cost };
  }
  return { cost };
}
