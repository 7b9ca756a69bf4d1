import type { SourceFile } from '../core/content/compile';
import type { CompiledContent } from '../core/content/compiled';
import type { Question } from '../core/content/schema';
import { compareDiagnostics, type Diagnostic } from '../core/diagnostics';
import { readPackFiles, type PackRead } from './packFiles';

/** core/content/pack.ts's compilePack: the CLI imports it, the extension loads dist/packCompiler.js. */
export type PackCompiler = (files: readonly SourceFile[], base: CompiledContent) => { questions: Question[]; diagnostics: Diagnostic[] };

export interface PackLoad {
  /** The valid questions, to join the bank. */
  questions: Question[];
  /** Every problem, sorted by file and line: files left out by the reader, then by the compiler. */
  diagnostics: Diagnostic[];
  files: number;
  unreadable: PackRead['unreadable'];
}

/**
 * Reads and checks question packs: the one path the CLI's `lint` of folders outside questions/
 * and the extension's questionPacks setting share, so both give a pack the same verdict.
 */
export function loadPacks(paths: readonly string[], base: CompiledContent, compile: PackCompiler, label: (abs: string) => string): PackLoad {
  const read = readPackFiles(paths, label);
  const { questions, diagnostics } = compile(read.files, base);
  return {
    questions,
    diagnostics: [...read.problems, ...diagnostics].sort(compareDiagnostics),
    files: read.files.length,
    unreadable: read.unreadable,
  };
}
