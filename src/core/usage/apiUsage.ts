import type { HoverContent } from '../hover/hoverIndex';
import { cardFor, quizSymbols } from '../hoverCard';
import type { DocumentModel } from '../python/documentModel';
import type { Resolver } from '../python/resolver';
import { Tok } from '../python/tokenizer';

// Which exam APIs a workspace uses: every name the hover's resolver ties to an API that has a card
// or a question, counted per file. "Practice the APIs in this workspace" and `cli usage` share it.

export interface ApiUse {
  /** The card's symbol (what the hover shows), or the API's qualname when it has no card. */
  symbol: string;
  /** Times the code names it. */
  uses: number;
  /** Files that name it. */
  files: number;
  /** Questions tagged with it. */
  questions: string[];
}

export interface UsageReport {
  /** Python files and notebooks read. */
  files: number;
  /** Of those, the files that name at least one exam API. */
  filesWithApis: number;
  /** Most used first. */
  apis: ApiUse[];
  /** Every question on an API the workspace uses, without repeats. */
  questionIds: string[];
  /** Files left out (too big, not readable), with why. */
  skipped: { file: string; reason: string }[];
}

/** Symbol -> uses, for one document. */
export function apisInDocument(model: DocumentModel, resolver: Resolver, content: Pick<HoverContent, 'card' | 'questionIds'>): Map<string, { uses: number; questions: string[] }> {
  const t = model.tokens;
  const out = new Map<string, { uses: number; questions: string[] }>();
  for (let i = 0; i < t.count; i++) {
    if (t.kind[i] !== Tok.Name) continue;
    const r = resolver.symbolAt(model, t.start[i]!);
    if (!r) continue;
    const card = cardFor(content, r);
    const symbols = card ? quizSymbols(card, r) : [r.qualname];
    const symbol = card?.symbol ?? r.qualname;
    let entry = out.get(symbol);
    if (!entry) {
      const questions = content.questionIds(symbols);
      if (!card && !questions.length) continue;
      out.set(symbol, (entry = { uses: 0, questions }));
    }
    entry.uses++;
  }
  return out;
}

/** Adds documents one at a time (a scan can be cancelled between files) and reports. */
export class UsageCounter {
  private readonly apis = new Map<string, ApiUse>();
  private files = 0;
  private withApis = 0;
  readonly skipped: { file: string; reason: string }[] = [];

  add(perDocument: Map<string, { uses: number; questions: string[] }>): void {
    this.files++;
    if (perDocument.size) this.withApis++;
    for (const [symbol, { uses, questions }] of perDocument) {
      const a = this.apis.get(symbol);
      if (a) {
        a.uses += uses;
        a.files++;
      } else this.apis.set(symbol, { symbol, uses, files: 1, questions });
    }
  }

  skip(file: string, reason: string): void {
    this.skipped.push({ file, reason });
  }

  report(): UsageReport {
    const apis = [...this.apis.values()].sort((a, b) => b.files - a.files || b.uses - a.uses || a.symbol.localeCompare(b.symbol));
    return { files: this.files, filesWithApis: this.withApis, apis, questionIds: [...new Set(apis.flatMap((a) => a.questions))], skipped: this.skipped };
  }
}

/** "You use 37 exam APIs in 24 files; 112 questions cover them." */
export function usageSummary(r: UsageReport): string {
  const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
  return `You use ${n(r.apis.length, 'exam API')} in ${n(r.filesWithApis, 'file')}; ${n(r.questionIds.length, 'question')} cover${r.questionIds.length === 1 ? 's' : ''} them.`;
}

/**
 * The learner's record on a set of questions, and the set ordered weakest first: questions last
 * answered wrong, then those never answered, then those last answered right (fewest right first).
 */
export function weakestFirst(questionIds: readonly string[], answers: readonly { q: string; at: number; correct: boolean }[]): { ordered: string[]; answered: number; accuracy: number | undefined } {
  const wanted = new Set(questionIds);
  const per = new Map<string, { last: number; lastCorrect: boolean; right: number; total: number }>();
  let right = 0;
  let total = 0;
  for (const a of answers) {
    if (!wanted.has(a.q)) continue;
    total++;
    if (a.correct) right++;
    const p = per.get(a.q) ?? { last: -Infinity, lastCorrect: false, right: 0, total: 0 };
    p.total++;
    if (a.correct) p.right++;
    if (a.at >= p.last) { p.last = a.at; p.lastCorrect = a.correct; }
    per.set(a.q, p);
  }
  const rank = (id: string) => {
    const p = per.get(id);
    return p ? (p.lastCorrect ? 2 + p.right / p.total : p.right / p.total) : 1;
  };
  const ordered = [...questionIds].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return { ordered, answered: total, accuracy: total ? right / total : undefined };
}
