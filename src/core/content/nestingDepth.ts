// How deeply a Markdown text nests, measured line by line without parsing it. marked lexes each
// blockquote, list item and emphasis span by recursing into its content: 5,000 nested `>` or `*`
// overflow the stack and 1,000 nested lists take 30 s. So a file is measured with this linear
// scan first and not parsed when it nests deeper than the limits. The scan follows CommonMark
// closely enough to never undercount real nesting (a line cannot open more containers than it has
// markers, and an indented list item must sit at or past its parent's content column); where it
// is unsure it counts more, which only a file far past the limits would notice.

export interface TooDeep {
  line: number;
  kind: 'containers' | 'emphasis';
  depth: number;
}

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;
const FENCE = /^(`{3,}|~{3,})/;
const DELIMITERS = /[*_~]+/g;
const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const isPunct = (c: string | undefined) => c !== undefined && /[\p{P}\p{S}]/u.test(c);

interface Prefix {
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
  const items: Prefix['items'] = [];
  for (;;) {
    while (pos < line.length && (line[pos] === ' ' || line[pos] === '\t')) {
      col = line[pos] === '\t' ? col + 4 - (col % 4) : col + 1;
      pos++;
    }
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
  return { quotes, items, col, pos };
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

/** The first line that nests deeper than the limits, or undefined. `lines` are split on "\n". */
export function firstTooDeep(lines: readonly string[], maxContainers: number, maxEmphasis: number): TooDeep | undefined {
  const listContent: number[] = [];
  let fence: { closing: RegExp; quotes: number; col: number } | undefined;
  let emphasis = 0;
  let blankBefore = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const p = prefixOf(line);
    const rest = line.slice(p.pos);
    const blank = !rest.trim() && !p.items.length;
    if (blank) {
      emphasis = 0;
      blankBefore = true;
      continue;
    }
    // A list item closes at a line less indented than its content: at once for a new marker,
    // after a blank line for other text (a line straight after text is a lazy continuation).
    const start = p.items[0]?.at ?? p.col;
    if (p.items.length || blankBefore) while (listContent.length && listContent[listContent.length - 1]! > start) listContent.pop();
    for (const it of p.items) listContent.push(it.content);
    blankBefore = false;
    const depth = p.quotes + listContent.length;
    if (depth > maxContainers) return { line: i + 1, kind: 'containers', depth };

    if (fence) {
      const closes = fence.closing.test(rest);
      const leftContainer = p.quotes < fence.quotes || p.col < fence.col;
      if (closes || leftContainer) fence = undefined;
      if (closes) continue;
      if (!leftContainer) {
        // Code lines carry no emphasis, but one line's own runs still count, in case the fence
        // is not one to marked.
        const own = emphasisAfter(rest, 0);
        if (own.deepest > maxEmphasis) return { line: i + 1, kind: 'emphasis', depth: own.deepest };
        continue;
      }
    }
    const f = FENCE.exec(rest);
    if (f && p.col <= (listContent[listContent.length - 1] ?? 0) + 3) {
      fence = { closing: new RegExp(`^${f[1]![0]}{${f[1]!.length},}\\s*$`), quotes: p.quotes, col: listContent[listContent.length - 1] ?? 0 };
      emphasis = 0;
      continue;
    }
    const e = emphasisAfter(rest, emphasis);
    emphasis = e.open;
    if (e.deepest > maxEmphasis) return { line: i + 1, kind: 'emphasis', depth: e.deepest };
  }
  return undefined;
}
