import { Lexer, type Token, type Tokens } from 'marked';

/** A top-level Markdown token with the 1-based line it starts on. */
export interface Block {
  token: Token;
  line: number;
}

/** Lexes Markdown with marked and gives each top-level token its starting line. */
export function lexBlocks(text: string): Block[] {
  const src = text.replace(/\r\n?/g, '\n');
  const tokens = new Lexer().lex(src);
  const blocks: Block[] = [];
  let cursor = 0;
  let line = 1;
  for (const token of tokens) {
    const at = src.indexOf(token.raw, cursor);
    if (at >= 0) {
      line += countNewlines(src, cursor, at);
      cursor = at;
    }
    if (token.type !== 'space') blocks.push({ token, line });
    line += countNewlines(token.raw, 0, token.raw.length);
    cursor += token.raw.length;
  }
  return blocks;
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

/** Line of each item of a list block, counted from the list's own raw text. */
export function listItemLines(list: Tokens.List, listLine: number): number[] {
  const lines: number[] = [];
  let cursor = 0;
  let line = listLine;
  for (const item of list.items) {
    const at = list.raw.indexOf(item.raw, cursor);
    if (at >= 0) {
      line += countNewlines(list.raw, cursor, at);
      cursor = at;
    }
    lines.push(line);
    line += countNewlines(item.raw, 0, item.raw.length);
    cursor += item.raw.length;
  }
  return lines;
}

/** Parses a `- key: value` list into entries; returns undefined when any item is not of that form. */
export function parseFieldList(list: Tokens.List, listLine: number): { key: string; value: string; line: number }[] | undefined {
  const lines = listItemLines(list, listLine);
  const out: { key: string; value: string; line: number }[] = [];
  for (const [i, item] of list.items.entries()) {
    if (item.task) return undefined;
    const m = /^([a-z][a-z-]*):\s*(.*)$/s.exec(item.text.trim());
    if (!m) return undefined;
    out.push({ key: m[1]!, value: m[2]!.trim(), line: lines[i]! });
  }
  return out;
}

/** Splits a comma-separated field value, ignoring backticks and blanks. */
export const splitList = (v: string): string[] =>
  v.split(',').map((s) => s.trim().replace(/^`|`$/g, '')).filter((s) => s && s !== 'none');

/** Removes up to `n` leading spaces from every line (list item continuation indent). */
export function dedent(s: string): string {
  const lines = s.replace(/\n+$/, '').split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length);
  const n = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(Math.min(n, /^ */.exec(l)![0].length))).join('\n');
}
