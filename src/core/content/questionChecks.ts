import type { DiagnosticSink } from '../diagnostics';
import { buildDocumentModel } from '../python/documentModel';
import { Resolver, type Value } from '../python/resolver';
import { lengthCueWarning } from '../quality/cues';
import type { SymbolTable } from '../facts/symbolTable';
import type { KeywordTable } from './keywordTable';
import { checkDocs, checkSymbolName, lineIn } from './references';
import { QuestionSchema, type Change, type Objective, type Question } from './schema';
import { NEAR_DUPLICATE, stemShingles } from './similarity';

// The checks on parsed questions that need more than the question itself: the exam data, the API
// facts, the other questions. The bank's build and a question pack (CLI and extension) run the
// same function, so a question gets the same verdict wherever it is checked.

/** Library roots a code snippet may use without importing them (as in a Databricks notebook). */
export const SNIPPET_GLOBALS: Record<string, Value> = {
  mlflow: { k: 'ns', path: 'mlflow' },
  spark: { k: 'inst', type: 'pyspark.sql.SparkSession' },
  dbutils: { k: 'ns', path: 'dbutils' },
};

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

/** What checking questions needs to know: the exam data, the API symbols and their keywords. */
export interface QuestionCheckContext {
  objectives: readonly Objective[];
  changes: readonly Change[];
  table: SymbolTable;
  /** Keyword arguments of callables (see keywordTable.ts); a callable not in it is not checked. */
  keywords: KeywordTable;
  /** Questions already accepted (the built-in bank when checking a pack). */
  existing?: readonly Question[];
}

/** Every check on a set of questions; problems go to the file sinks. `texts` holds each file's text. */
export function checkQuestions(questions: Question[], ctx: QuestionCheckContext, texts: Map<string, string>, sinkFor: (f: string) => DiagnosticSink) {
  const { table } = ctx;
  const resolver = new Resolver(table, SNIPPET_GLOBALS);
  const objectives = new Set(ctx.objectives.map((o) => o.id));
  const changes = new Map(ctx.changes.map((c) => [c.id, c]));
  const keywords = new Map(Object.entries(ctx.keywords));
  const existing = ctx.existing ?? [];
  const seen = new Map<string, Question>(existing.map((q) => [q.id, q]));
  const stems = new StemIndex(bankIndex(existing));
  const shingles = questions.map((q) => stemShingles(q.stem));
  // Split once per file: a pack file may hold a thousand questions, each looking up lines.
  const lines = new Map([...texts].map(([f, t]) => [f, t.split('\n')]));
  const lookups: Lookups = { table, objectives, changes, keywords, resolver };
  questions.forEach((q, qi) => {
    const sink = sinkFor(q.source.file);
    const at = (needle: string) => lineIn(lines.get(q.source.file) ?? [], needle, q.source.line);
    try {
      const prior = seen.get(q.id);
      if (prior) sink.error(q.source.line, `duplicate question id ${q.id} (also at ${prior.source.file}:${prior.source.line})`);
      seen.set(q.id, q);
      const shape = QuestionSchema.safeParse(q);
      if (!shape.success) sink.error(q.source.line, `${q.id}: ${shape.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      checkOne(q, lookups, at, sink);
    } catch (e) {
      // A check that throws on some input is a bug, but the author still gets a line, not a stack.
      sink.error(q.source.line, `${q.id}: could not be checked (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
    }
    for (const [other, sim] of stems.alike(shingles[qi]!)) {
      if (sim >= NEAR_DUPLICATE) sink.error(q.source.line, `${q.id}: stem is a near-duplicate (${Math.round(sim * 100)} % alike) of ${other.id} at ${other.source.file}:${other.source.line}`);
    }
    stems.add(q, shingles[qi]!);
  });
}

// The bank's stems indexed once per bank: every pack compile checks its questions against them
// (indexing 550 stems cost more than compiling a small pack).
const bankIndexes = new WeakMap<readonly Question[], StemIndex>();
function bankIndex(questions: readonly Question[]): StemIndex {
  let index = bankIndexes.get(questions);
  if (!index) {
    bankIndexes.set(questions, (index = new StemIndex()));
    for (const q of questions) index.add(q, stemShingles(q.stem));
  }
  return index;
}

/**
 * Stems seen so far, indexed by shingle: comparing each new stem with every earlier one is
 * quadratic (a thousand-question pack took most of a second), while most pairs share no shingle.
 */
class StemIndex {
  private readonly questions: Question[] = [];
  private readonly sizes: number[] = [];
  private readonly byShingle = new Map<string, number[]>();

  /** `below`: stems added before these (the bank's), read but never changed. */
  constructor(private readonly below?: StemIndex) {}

  add(q: Question, shingles: Set<string>): void {
    const at = this.questions.push(q) - 1;
    this.sizes.push(shingles.size);
    for (const s of shingles) {
      const list = this.byShingle.get(s);
      if (list) list.push(at);
      else this.byShingle.set(s, [at]);
    }
  }

  /** Every earlier question whose stem shares a shingle with these, in the order they were added, with the Jaccard similarity. */
  alike(shingles: Set<string>): [Question, number][] {
    return [...(this.below?.alike(shingles) ?? []), ...this.ownAlike(shingles)];
  }

  private ownAlike(shingles: Set<string>): [Question, number][] {
    const shared = new Map<number, number>();
    for (const s of shingles) for (const at of this.byShingle.get(s) ?? []) shared.set(at, (shared.get(at) ?? 0) + 1);
    return [...shared.keys()].sort((a, b) => a - b).map((at) => {
      const inter = shared.get(at)!;
      return [this.questions[at]!, inter / (shingles.size + this.sizes[at]! - inter)];
    });
  }
}

export interface Lookups {
  table: SymbolTable;
  objectives: Set<string>;
  changes: Map<string, Change>;
  keywords: Map<string, string[]>;
  resolver: Resolver;
}

function checkOne(q: Question, ctx: Lookups, at: (needle: string) => number, sink: DiagnosticSink) {
  const { table } = ctx;
  if (!ctx.objectives.has(q.objective)) sink.error(at(`objective:`), `${q.id}: unknown objective ${q.objective}`);
  for (const s of q.symbols) {
    const problem = checkSymbolName(s, table);
    if (problem) sink.error(at('symbols:'), `${q.id}: ${problem}`);
  }
  for (const d of q.docs) {
    const problem = checkDocs(d);
    if (problem) sink.error(at('docs:'), `${q.id}: ${problem}`);
  }
  for (const c of q.changes) if (!ctx.changes.has(c)) sink.error(at('changes:'), `${q.id}: unknown change ${c} (see questions/exam/changes.yaml)`);
  // A question on an API whose story changed must say so.
  for (const c of ctx.changes.values()) {
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
    for (const p of codeProblems(code, ctx)) sink.error(at(code.slice(p.offset).split('\n')[0]!.slice(0, 40) || code), `${q.id}: ${p.message}`);
  }
}

/**
 * What is wrong with a piece of example code: an API that is not in the facts, or a keyword argument
 * the callable does not take. Shared by questions and rule pages.
 */
export function codeProblems(code: string, ctx: Pick<Lookups, 'resolver' | 'keywords' | 'table'>): { offset: number; message: string }[] {
  const out: { offset: number; message: string }[] = [];
  const model = buildDocumentModel(code);
  for (const u of ctx.resolver.unknownReferences(model)) out.push({ offset: u.start, message: `code uses ${u.path}, which is not in the API facts (a tag key or setting name is a string: quote it, e.g. "mlflow.parentRunId")` });
  for (const call of ctx.resolver.calls(model)) {
    const q2 = call.callee.qualname;
    const accepted = ctx.keywords.get(q2) ?? ctx.keywords.get(ctx.table.canonical(q2) ?? '');
    if (!accepted) continue;
    for (const kw of call.keywords) if (!accepted.includes(kw.name)) out.push({ offset: kw.start, message: `${q2} has no keyword argument "${kw.name}"` });
  }
  return out;
}
