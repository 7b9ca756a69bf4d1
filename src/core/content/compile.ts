import { DiagnosticSink, type Diagnostic } from '../diagnostics';
import type { FactsDb } from '../facts/factsDb';
import { buildDocumentModel } from '../python/documentModel';
import { Resolver, type Value } from '../python/resolver';
import { buildCard } from './cards';
import type { CompiledContent } from './compiled';
import { parseExamData, type ExamData, type ExamDataFiles } from './examData';
import { parseNoteFile } from './noteParser';
import { parseQuestionFile } from './questionParser';
import type { FactParam } from '../facts/factTypes';
import type { SymbolTable } from '../facts/symbolTable';
import type { Card, Change, Note, Objective, Question } from './schema';
import { jaccard, NEAR_DUPLICATE, stemShingles } from './similarity';
import { lengthCueWarning } from '../quality/cues';

export interface SourceFile {
  /** Path as printed in diagnostics (relative to the project). */
  path: string;
  text: string;
}

export interface CompileInput {
  exam: ExamDataFiles;
  questionFiles: SourceFile[];
  noteFiles: SourceFile[];
  facts: FactsDb;
}

export interface CompileResult {
  content: CompiledContent;
  diagnostics: Diagnostic[];
}

/** Documentation sites content may cite. */
export const OFFICIAL_DOCS = [
  'docs.databricks.com', 'learn.microsoft.com', 'mlflow.org', 'spark.apache.org', 'hyperopt.github.io',
  'scikit-learn.org', 'pandas.pydata.org', 'pytorch.org', 'docs.python.org',
];

/** Library roots a code snippet may use without importing them (as in a Databricks notebook). */
const SNIPPET_GLOBALS: Record<string, Value> = {
  mlflow: { k: 'ns', path: 'mlflow' },
  spark: { k: 'inst', type: 'pyspark.sql.SparkSession' },
  dbutils: { k: 'ns', path: 'dbutils' },
};

/** The line of the first occurrence of `needle` in `text` at or after line `from` (1-based). */
function lineOf(text: string, needle: string, from: number): number {
  const lines = text.split('\n');
  const first = needle.split('\n').find((l) => l.trim())?.trim();
  if (!first) return from;
  for (let i = from - 1; i < lines.length; i++) if (lines[i]!.includes(first)) return i + 1;
  return from;
}

/** Python code in a piece of Markdown: fenced blocks and inline spans. */
export function codeIn(md: string): string[] {
  const out: string[] = [];
  const fence = /^[ \t]*(```|~~~)[ \t]*(\w*)[^\n]*\n([\s\S]*?)^[ \t]*\1[ \t]*$/gm;
  let m: RegExpExecArray | null;
  while ((m = fence.exec(md))) if (!m[2] || m[2] === 'python' || m[2] === 'py') out.push(m[3]!);
  const prose = md.replace(fence, ' ');
  const inline = /`([^`\n]+)`/g;
  while ((m = inline.exec(prose))) out.push(m[1]!);
  return out;
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
    texts.set(f.path, f.text);
    questions.push(...parseQuestionFile(f.text, sinkFor(f.path)));
  }
  const notes: Note[] = [];
  for (const f of input.noteFiles) {
    texts.set(f.path, f.text);
    notes.push(...parseNoteFile(f.text, sinkFor(f.path)));
  }

  const paramsOf = (q: string) => {
    const fact = facts.get(q);
    return fact && fact.params_known !== false ? facts.paramsOf(fact) : undefined;
  };
  checkQuestions(questions, { objectives: exam.objectives, changes: exam.changes, table: facts.table, paramsOf }, texts, sinkFor);
  const cards = checkNotesAndBuildCards(notes, exam, facts, sinkFor);

  const diagnostics = [...sinks.values()].flatMap((s) => s.items).sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  const bad = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}`));
  return {
    content: {
      schemaVersion: 1,
      objectives: exam.objectives,
      topics: exam.topics,
      blueprints: exam.blueprints,
      changes: exam.changes,
      plan: exam.plan,
      questions: questions.filter((q) => !bad.has(`${q.source.file}:${q.source.line}`)),
      cards,
      symbols: facts.table.data,
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

/** A symbol tag must be a canonical qualname, or Class.member for a member the class inherits. */
function checkSymbolName(s: string, table: SymbolTable): string | undefined {
  const info = table.resolvePath(s);
  if (!info) return `${s} is not in the API facts (add it to facts/manual/*.yaml with its documentation page if the library really has it)`;
  if (table.get(s) && table.canonical(s) !== s) return `${s} is an alias: name it by its qualname ${table.canonical(s)}`;
  return undefined;
}

function checkDocs(url: string): string | undefined {
  const m = /^https:\/\/([^/?#:]+)/i.exec(url);
  if (!m) return `"${url}" is not an https URL`;
  const host = m[1]!.toLowerCase();
  return OFFICIAL_DOCS.some((d) => host === d || host.endsWith('.' + d)) ? undefined : `docs link ${url} is not an official documentation site (${OFFICIAL_DOCS.join(', ')})`;
}

/** What checking questions needs to know: the exam data, the API symbols, and optionally params. */
export interface QuestionCheckContext {
  objectives: readonly Objective[];
  changes: readonly Change[];
  table: SymbolTable;
  /** Parameters of a callable, to check keyword arguments; undefined when not known. */
  paramsOf?: (qualname: string) => readonly FactParam[] | undefined;
  /** Questions already accepted (the built-in bank when checking a pack). */
  existing?: readonly Question[];
}

/** Every check on a set of questions; problems go to the file sinks. */
export function checkQuestions(questions: Question[], ctx: QuestionCheckContext, texts: Map<string, string>, sinkFor: (f: string) => DiagnosticSink) {
  const { table } = ctx;
  const resolver = new Resolver(table, SNIPPET_GLOBALS);
  const objectives = new Set(ctx.objectives.map((o) => o.id));
  const changes = new Map(ctx.changes.map((c) => [c.id, c]));
  const existing = ctx.existing ?? [];
  const seen = new Map<string, Question>(existing.map((q) => [q.id, q]));
  const existingShingles = existing.map((q) => stemShingles(q.stem));
  const shingles = questions.map((q) => stemShingles(q.stem));
  questions.forEach((q, qi) => {
    const sink = sinkFor(q.source.file);
    const text = texts.get(q.source.file) ?? '';
    const at = (needle: string) => lineOf(text, needle, q.source.line);
    const prior = seen.get(q.id);
    if (prior) sink.error(q.source.line, `duplicate question id ${q.id} (also at ${prior.source.file}:${prior.source.line})`);
    seen.set(q.id, q);
    if (!objectives.has(q.objective)) sink.error(at(`objective:`), `${q.id}: unknown objective ${q.objective}`);
    for (const s of q.symbols) {
      const problem = checkSymbolName(s, table);
      if (problem) sink.error(at('symbols:'), `${q.id}: ${problem}`);
    }
    for (const d of q.docs) {
      const problem = checkDocs(d);
      if (problem) sink.error(at('docs:'), `${q.id}: ${problem}`);
    }
    for (const c of q.changes) if (!changes.has(c)) sink.error(at('changes:'), `${q.id}: unknown change ${c} (see questions/exam/changes.yaml)`);
    // A question on an API whose story changed must say so.
    for (const c of ctx.changes) {
      if (c.symbols.some((s) => q.symbols.includes(s)) && !q.changes.includes(c.id)) {
        sink.error(at('symbols:'), `${q.id}: uses an API affected by "${c.id}": add "- changes: ${c.id}" and a "> **Versions:**" note`);
      }
    }
    if (q.changes.length && !q.versionNote) sink.error(q.source.line, `${q.id}: has "changes" but no "> **Versions:** …" note saying what the exam expects and what current versions do`);
    // A key that stands out by length is a free point for a test-wise guesser (CONTENT.md, "Cues").
    const cue = lengthCueWarning(q);
    if (cue) sink.warn(q.source.line, cue);

    // Code in the question must use real APIs with real keyword arguments.
    const md = [q.stem, ...q.choices.flatMap((c) => [c.text, c.explanation]), q.versionNote ?? ''].join('\n\n');
    for (const code of codeIn(md)) {
      const model = buildDocumentModel(code);
      for (const u of resolver.unknownReferences(model)) sink.error(at(code.slice(u.start).split('\n')[0]!.slice(0, 40) || code), `${q.id}: code uses ${u.path}, which is not in the API facts (a tag key or setting name is a string: quote it, e.g. "mlflow.parentRunId")`);
      for (const call of resolver.calls(model)) {
        const params = ctx.paramsOf?.(call.callee.qualname);
        if (!params || params.some((p) => p.kind === 'var_keyword')) continue;
        for (const kw of call.keywords) {
          if (!params.some((p) => p.name === kw.name && p.kind !== 'positional_only' && p.kind !== 'var_positional')) {
            sink.error(at(code.slice(kw.start).split('\n')[0]!.slice(0, 40)), `${q.id}: ${call.callee.qualname} has no keyword argument "${kw.name}"`);
          }
        }
      }
    }

    const others: [Question, Set<string>][] = [...existing.map((e, i): [Question, Set<string>] => [e, existingShingles[i]!]), ...questions.slice(0, qi).map((e, i): [Question, Set<string>] => [e, shingles[i]!])];
    for (const [other, sh] of others) {
      const sim = jaccard(shingles[qi]!, sh);
      if (sim >= NEAR_DUPLICATE) sink.error(q.source.line, `${q.id}: stem is a near-duplicate (${Math.round(sim * 100)} % alike) of ${other.id} at ${other.source.file}:${other.source.line}`);
    }
  });
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
