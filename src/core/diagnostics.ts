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

/**
 * One printable line: a message quotes the author's text (a field value, a path, the bytes
 * JSON.parse choked on), which may hold a newline, NUL or terminal escape sequence; those must not
 * split a `file:line: message` or reach the terminal, so they are shown escaped.
 */
export function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** Collects diagnostics for one file so parsers can report without threading arrays around. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];
  constructor(readonly file: string) {}
  error(line: number, message: string): void {
    this.items.push({ file: this.file, line, message: oneLine(message), severity: 'error' });
  }
  warn(line: number, message: string): void {
    this.items.push({ file: this.file, line, message: oneLine(message), severity: 'warning' });
  }
}

/** By file, then line; by code unit rather than locale, so every machine prints the same order. */
export const compareDiagnostics = (a: Diagnostic, b: Diagnostic): number => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line);

export const hasErrors = (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.severity === 'error');
