/** A content problem located in a source file, printed as `file:line: message`. */
export interface Diagnostic {
  file: string;
  line: number;
  message: string;
  severity: 'error' | 'warning';
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}`;
}

/** Collects diagnostics for one file so parsers can report without threading arrays around. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];
  constructor(readonly file: string) {}
  error(line: number, message: string): void {
    this.items.push({ file: this.file, line, message, severity: 'error' });
  }
  warn(line: number, message: string): void {
    this.items.push({ file: this.file, line, message, severity: 'warning' });
  }
}

/** By file, then line; by code unit rather than locale, so every machine prints the same order. */
export const compareDiagnostics = (a: Diagnostic, b: Diagnostic): number => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line);

export const hasErrors = (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.severity === 'error');
