import type { RulePage } from '../content/schema';
import { buildDocumentModel } from '../python/documentModel';
import { joinAllCells, lineColAt } from '../python/notebook';
import type { Resolver } from '../python/resolver';
import { checkTraps, type SeverityOverrides } from './engine';
import type { TrapFinding } from './types';

/** A finding with its place in a file: 1-based lines and columns, and the notebook cell (1-based). */
export interface LocatedFinding extends TrapFinding {
  cell?: number;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

/**
 * Checks a Python file or a notebook's code cells. A notebook is checked as one program (a cell
 * sees the imports of the cells above it) and each finding is placed in its cell.
 */
export function checkSource(source: { text: string } | { cells: readonly string[] }, resolver: Resolver, pages: readonly RulePage[], overrides?: SeverityOverrides): { findings: LocatedFinding[]; failures: { rule: string; error: string }[] } {
  const joined = 'cells' in source ? joinAllCells(source.cells) : { text: source.text, bases: [0] };
  const run = checkTraps(buildDocumentModel(joined.text), resolver, pages, overrides);
  const findings = run.findings.map((f): LocatedFinding => {
    let cell = 0;
    while (cell + 1 < joined.bases.length && joined.bases[cell + 1]! <= f.start) cell++;
    const base = joined.bases[cell]!;
    const text = 'cells' in source ? source.cells[cell]! : source.text;
    const a = lineColAt(text, f.start - base);
    const b = lineColAt(text, Math.min(f.end - base, text.length));
    return { ...f, ...('cells' in source ? { cell: cell + 1 } : {}), line: a.line, col: a.col, endLine: b.line, endCol: b.col };
  });
  return { findings, failures: run.failures };
}
