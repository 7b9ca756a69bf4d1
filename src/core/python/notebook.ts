/** A cell's text joined after the cells before it, so earlier imports are seen. */
export interface JoinedCells {
  text: string;
  /** Offset of the target cell's first character within `text`. */
  base: number;
}

/** Joins the Python cells before `index` and the cell itself, one newline apart. */
export function joinCells(cells: readonly string[], index: number): JoinedCells {
  let text = '';
  for (let i = 0; i < index; i++) text += cells[i] + '\n';
  return { text: text + (cells[index] ?? ''), base: text.length };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The Python code cells of an .ipynb file's JSON (other cell kinds are skipped), or why the text
 * is no notebook. The file is whatever a user named, so every level of the JSON is checked.
 */
export function ipynbCodeCells(json: string): { cells: string[] } | { error: string } {
  let nb: unknown;
  try {
    nb = JSON.parse(json);
  } catch (e) {
    return { error: `not valid notebook JSON (${e instanceof Error ? e.message.split('\n')[0] : String(e)})` };
  }
  if (!isObject(nb)) return { error: 'not a notebook: the JSON is not an object' };
  const meta = isObject(nb.metadata) ? nb.metadata : {};
  const kernel = isObject(meta.kernelspec) ? meta.kernelspec : {};
  const language = typeof kernel.language === 'string' ? kernel.language : 'python';
  if (language !== 'python') return { cells: [] };
  if (nb.cells === undefined) return { cells: [] };
  if (!Array.isArray(nb.cells)) return { error: 'not a notebook: "cells" is not a list' };
  const cells: string[] = [];
  for (const [i, c] of nb.cells.entries()) {
    if (!isObject(c)) return { error: `not a notebook: cell ${i + 1} is not an object` };
    if (c.cell_type !== 'code') continue;
    const src = c.source ?? '';
    if (typeof src === 'string') cells.push(src);
    else if (Array.isArray(src) && src.every((s): s is string => typeof s === 'string')) cells.push(src.join(''));
    else return { error: `not a notebook: the source of cell ${i + 1} is not text` };
  }
  return { cells };
}

/** Offset of a 1-based line and column in text. */
export function offsetAt(text: string, line: number, col: number): number {
  let off = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', off);
    if (nl < 0) return text.length;
    off = nl + 1;
  }
  return Math.min(off + col - 1, text.length);
}

/** Every code cell joined one newline apart, with each cell's first offset (a whole-notebook check). */
export function joinAllCells(cells: readonly string[]): { text: string; bases: number[] } {
  const bases: number[] = [];
  let text = '';
  for (const c of cells) {
    bases.push(text.length);
    text += c + '\n';
  }
  return { text, bases };
}

/** 1-based line and column of an offset in text. */
export function lineColAt(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}
