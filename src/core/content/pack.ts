import { compareDiagnostics, DiagnosticSink, type Diagnostic } from '../diagnostics';
import { SymbolTable } from '../facts/symbolTable';
import type { SourceFile } from './compile';
import type { CompiledContent } from './compiled';
import { MAX_PACK_COST, MAX_PACK_QUESTIONS } from './limits';
import { checkQuestions } from './questionChecks';
import { parseQuestionFile } from './questionParser';
import type { Question } from './schema';
import { millions, parseGuarded, screenSource } from './sourceScreen';

/**
 * A question pack: Markdown question files from outside the extension (a team's own questions),
 * parsed and checked like the bank, against the bank's objectives, API symbols and keyword
 * arguments (all from the compiled content) and the bank's questions. Questions with problems
 * are left out; the rest join the bank. The extension (dist/packCompiler.js) and the CLI's `lint`
 * of a folder outside questions/ both run this, on files read by src/node/packFiles.ts.
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
  let counted = 0;
  let cost = 0;
  for (const f of files) {
    const sink = sinkFor(f.path);
    const screened = screenSource(f.text, sink);
    if (!screened) continue;
    const { text } = screened;
    // Checking is quadratic in the questions (near-duplicate stems), so past the cap a file is
    // not even parsed: counting its headings is linear.
    const heads = questionHeadingLines(text);
    if (counted + heads.length > MAX_PACK_QUESTIONS) {
      sink.error(heads[Math.max(0, MAX_PACK_QUESTIONS - counted)] ?? 1, `more than ${MAX_PACK_QUESTIONS} questions in the question packs: this file is left out (packs add at most ${MAX_PACK_QUESTIONS})`);
      counted = MAX_PACK_QUESTIONS;
      continue;
    }
    // Each file is within its own parse budget; together they must be too, or a thousand files
    // at the limit would keep the extension host busy for minutes.
    if (cost + screened.cost > MAX_PACK_COST) {
      sink.error(1, `the question packs would take too long to parse (cost over ${millions(MAX_PACK_COST)}): this file is left out (split the packs)`);
      cost = MAX_PACK_COST;
      continue;
    }
    counted += heads.length;
    cost += screened.cost;
    texts.set(f.path, text);
    parsed.push(...parseGuarded(() => parseQuestionFile(text, sink), sink));
  }
  checkQuestions(parsed, { objectives: base.objectives, changes: base.changes, table: tableOf(base), keywords: base.keywords, existing: base.questions }, texts, sinkFor);
  const diagnostics = [...sinks.values()].flatMap((s) => s.items).sort(compareDiagnostics);
  const bad = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
  // A file with any error is left out whole: its questions may be half right.
  const questions = parsed.filter((q) => !bad.has(q.source.file));
  return { questions, diagnostics };
}

// The bank's symbol table, built once per compiled content: packs are compiled again on every
// change to their folder, and building the table of 2,700 symbols cost more than a small pack.
const tables = new WeakMap<CompiledContent, SymbolTable>();
function tableOf(base: CompiledContent): SymbolTable {
  let t = tables.get(base);
  if (!t) tables.set(base, (t = new SymbolTable(base.symbols)));
  return t;
}

/** Lines (1-based) of the "## question-id" headings outside fenced code. */
function questionHeadingLines(text: string): number[] {
  const out: number[] = [];
  let fenced = false;
  text.split('\n').forEach((l, i) => {
    if (/^ {0,3}(```|~~~)/.test(l)) fenced = !fenced;
    else if (!fenced && /^ {0,3}##(?!#)([ \t]|$)/.test(l)) out.push(i + 1);
  });
  return out;
}
