import { DiagnosticSink, type Diagnostic } from '../diagnostics';
import { SymbolTable } from '../facts/symbolTable';
import { checkQuestions, type SourceFile } from './compile';
import type { CompiledContent } from './compiled';
import { parseQuestionFile } from './questionParser';
import { QuestionSchema, type Question } from './schema';

/**
 * A question pack: Markdown question files from outside the extension (a team's own questions),
 * parsed and checked like the bank, against the bank's objectives and API symbols. Questions with
 * problems are left out; the rest join the bank. Keyword arguments are not checked here (the full
 * parameter facts ship only with the CLI: run `node dist/cli.js lint` on a pack for that too).
 */
export function compilePack(files: readonly SourceFile[], base: CompiledContent): { questions: Question[]; diagnostics: Diagnostic[] } {
  const sinks = new Map<string, DiagnosticSink>();
  const sinkFor = (file: string) => {
    let s = sinks.get(file);
    if (!s) sinks.set(file, (s = new DiagnosticSink(file)));
    return s;
  };
  const texts = new Map<string, string>();
  const parsed: Question[] = [];
  for (const f of files) {
    texts.set(f.path, f.text);
    parsed.push(...parseQuestionFile(f.text, sinkFor(f.path)));
  }
  checkQuestions(parsed, { objectives: base.objectives, changes: base.changes, table: new SymbolTable(base.symbols), existing: base.questions }, texts, sinkFor);
  const diagnostics = [...sinks.values()].flatMap((s) => s.items);
  const bad = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
  // A file with any error is left out whole: its questions may be half right.
  const questions = parsed.filter((q) => !bad.has(q.source.file) && QuestionSchema.safeParse(q).success);
  return { questions, diagnostics };
}
