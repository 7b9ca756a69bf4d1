import { DiagnosticSink, type Diagnostic } from '../diagnostics';
import type { FactsDb } from '../facts/factsDb';
import { buildCard } from './cards';
import { CONTENT_SCHEMA_VERSION, type CompiledContent } from './compiled';
import { parseExamData, type ExamData, type ExamDataFiles } from './examData';
import { keywordTable } from './keywordTable';
import { parseNoteFile } from './noteParser';
import { checkQuestions } from './questionChecks';
import { parseQuestionFile } from './questionParser';
import { checkRulePages } from './ruleChecks';
import { parseRulePage, type ParsedRulePage } from './ruleParser';
import { checkDocs, checkSymbolName, lineOf } from './references';
import type { Card, Note, Question } from './schema';
import { parseGuarded, screenSource } from './sourceScreen';

export interface SourceFile {
  /** Path as printed in diagnostics (relative to the project). */
  path: string;
  text: string;
}

export interface CompileInput {
  exam: ExamDataFiles;
  questionFiles: SourceFile[];
  noteFiles: SourceFile[];
  /** Exam-trap rule pages (questions/rules/). */
  ruleFiles?: SourceFile[];
  facts: FactsDb;
  /** Problems found while reading the files (unreadable, too big, not UTF-8…). */
  problems?: readonly Diagnostic[];
}

export interface CompileResult {
  content: CompiledContent;
  diagnostics: Diagnostic[];
}

/** Parses, validates and cross-checks all content; the result is what dist/content.json holds. */
export function compileContent(input: CompileInput): CompileResult {
  const sinks = new Map<string, DiagnosticSink>();
  const sinkFor = (file: string) => {
    let s = sinks.get(file);
    if (!s) sinks.set(file, (s = new DiagnosticSink(file)));
    return s;
  };
  const { facts } = input;
  const exam = parseExamData(input.exam, sinkFor);
  checkPlanSymbols(exam, input.exam.plan, facts, sinkFor(input.exam.plan.path));
  checkChangeSymbols(exam, input.exam.changes, facts, sinkFor(input.exam.changes.path));

  const texts = new Map<string, string>();
  const questions: Question[] = [];
  for (const f of input.questionFiles) {
    const text = screenSource(f.text, sinkFor(f.path))?.text;
    if (text === undefined) continue;
    texts.set(f.path, text);
    questions.push(...parseGuarded(() => parseQuestionFile(text, sinkFor(f.path)), sinkFor(f.path)));
  }
  const notes: Note[] = [];
  for (const f of input.noteFiles) {
    const text = screenSource(f.text, sinkFor(f.path))?.text;
    if (text === undefined) continue;
    texts.set(f.path, text);
    notes.push(...parseGuarded(() => parseNoteFile(text, sinkFor(f.path)), sinkFor(f.path)));
  }

  const rulePages: ParsedRulePage[] = [];
  for (const f of input.ruleFiles ?? []) {
    const text = screenSource(f.text, sinkFor(f.path))?.text;
    if (text === undefined) continue;
    const page = parseGuarded(() => [parseRulePage(text, sinkFor(f.path))].filter((p): p is ParsedRulePage => !!p), sinkFor(f.path));
    rulePages.push(...page);
  }

  const keywords = keywordTable(facts);
  checkQuestions(questions, { objectives: exam.objectives, changes: exam.changes, table: facts.table, keywords }, texts, sinkFor);
  const cards = checkNotesAndBuildCards(notes, exam, facts, sinkFor);
  // Question ids are checked only against a whole bank (lint of one rule page reads no questions).
  const rules = checkRulePages(rulePages, { facts, objectives: exam.objectives, keywords, questions: input.questionFiles.length ? questions : undefined }, sinkFor);

  const diagnostics = [...(input.problems ?? []), ...[...sinks.values()].flatMap((s) => s.items)].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  const bad = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}`));
  return {
    content: {
      schemaVersion: CONTENT_SCHEMA_VERSION,
      objectives: exam.objectives,
      topics: exam.topics,
      blueprints: exam.blueprints,
      changes: exam.changes,
      plan: exam.plan,
      questions: questions.filter((q) => !bad.has(`${q.source.file}:${q.source.line}`)),
      cards,
      symbols: facts.table.data,
      keywords,
      rules,
    },
    diagnostics,
  };
}

function checkPlanSymbols(exam: ExamData, file: { text: string }, facts: FactsDb, sink: DiagnosticSink) {
  for (const w of exam.plan) for (const it of w.items) for (const s of it.symbols) {
    if (!facts.table.resolvePath(s)) sink.error(lineOf(file.text, s, 1), `plan item ${it.id}: ${s} is not in the API facts`);
  }
}

function checkChangeSymbols(exam: ExamData, file: { text: string }, facts: FactsDb, sink: DiagnosticSink) {
  for (const c of exam.changes) for (const s of c.symbols) {
    if (!facts.table.get(s)) sink.error(lineOf(file.text, s, 1), `change ${c.id}: ${s} is not in the API facts`);
  }
}

function checkNotesAndBuildCards(notes: Note[], exam: ExamData, facts: FactsDb, sinkFor: (f: string) => DiagnosticSink): Card[] {
  const cards: Card[] = [];
  const seen = new Map<string, Note>();
  const changes = new Set(exam.changes.map((c) => c.id));
  for (const n of notes) {
    const sink = sinkFor(n.source.file);
    const prior = seen.get(n.symbol);
    if (prior) {
      sink.error(n.source.line, `duplicate note for ${n.symbol} (also at ${prior.source.file}:${prior.source.line})`);
      continue;
    }
    seen.set(n.symbol, n);
    const problem = checkSymbolName(n.symbol, facts.table);
    if (problem) {
      sink.error(n.source.line, problem);
      continue;
    }
    const docs = checkDocs(n.docs);
    if (docs) sink.error(n.source.line, `${n.symbol}: ${docs}`);
    for (const c of n.changes) if (!changes.has(c)) sink.error(n.source.line, `${n.symbol}: unknown change ${c}`);
    if (n.changes.length && !n.versions) sink.error(n.source.line, `${n.symbol}: has "changes" but no **Versions:** paragraph`);
    const fact = facts.get(facts.table.resolvePath(n.symbol)!.qualname)!;
    if (fact.params_known === false) sink.warn(n.source.line, `${n.symbol}: the facts do not know its parameters; the card shows none`);
    const params = facts.paramsOf(fact) ?? [];
    for (const s of n.show ?? []) if (!params.some((p) => p.name === s)) sink.error(n.source.line, `${n.symbol}: show lists "${s}", which is not one of its parameters`);
    const words = n.exam.split(/\s+/).length;
    if (words > 90) sink.error(n.source.line, `${n.symbol}: the Exam paragraph has ${words} words; a hover is read in two seconds (90 at most)`);
    const card = buildCard(n, facts);
    if (card) cards.push(card);
  }
  return cards;
}
