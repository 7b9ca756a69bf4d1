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

/** The Python code cells of an .ipynb file's JSON (other cell kinds are skipped). */
export function ipynbCodeCells(json: string): string[] {
  const nb = JSON.parse(json) as { cells?: { cell_type?: string; source?: string | string[] }[]; metadata?: { kernelspec?: { language?: string } } };
  const language = nb.metadata?.kernelspec?.language ?? 'python';
  if (language !== 'python') return [];
  return (nb.cells ?? []).filter((c) => c.cell_type === 'code').map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source ?? ''));
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
