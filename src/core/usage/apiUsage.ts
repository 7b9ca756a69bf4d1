import type { Bank } from '../bank';
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
export function apisInDocument(model: DocumentModel, resolver: Resolver, bank: Bank): Map<string, { uses: number; questions: string[] }> {
  const t = model.tokens;
  const out = new Map<string, { uses: number; questions: string[] }>();
  for (let i = 0; i < t.count; i++) {
    if (t.kind[i] !== Tok.Name) continue;
    const r = resolver.symbolAt(model, t.start[i]!);
    if (!r) continue;
    const card = cardFor(bank, r);
    const symbols = card ? quizSymbols(card, r) : [r.qualname];
    const symbol = card?.symbol ?? r.qualname;
    let entry = out.get(symbol);
    if (!entry) {
      const questions = bank.forSymbols(symbols).map((q) => q.id);
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
