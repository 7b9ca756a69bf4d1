import type { Bank } from '../bank';
import type { CompiledContent, ReferenceContent } from '../content/compiled';
import type { Card, RulePage } from '../content/schema';
import { SymbolTable, type SymbolTableData } from '../facts/symbolTable';

// What the editor's Python path (hover cards and trap diagnostics) needs of the content, and no
// more: the cards' shown fields, the symbol table with its namespaces worked out, the question ids
// per API symbol (for "Quiz me on this (N questions)") and the trap rules' settings. The build
// writes it as dist/hoverIndex.json, so the first card never waits for the 1 MB of questions.

/** The version of dist/hoverIndex.json's shape; a file of another version is not used. */
export const HOVER_INDEX_VERSION = 1;

/** The fields of a card the hover shows (cardMarkdown) and filters on (library). */
export type HoverCard = Pick<Card, 'symbol' | 'kind' | 'library' | 'docs' | 'signature' | 'omitted' | 'deprecated' | 'exam' | 'trap' | 'versions'>;

/** The fields of a rule page the trap engine reads. */
export type TrapRule = Pick<RulePage, 'id' | 'message' | 'severity' | 'deprecated' | 'params'>;

export interface HoverIndexData {
  version: typeof HOVER_INDEX_VERSION;
  /** symbol -> card; a record, so loading it is JSON.parse and nothing else. */
  cards: Record<string, HoverCard>;
  symbols: SymbolTableData;
  /** The packages, modules and classes that hold known symbols (SymbolTable's prefixes, prebuilt). */
  namespaces: string[];
  /** The symbols' first segments (SymbolTable's roots, prebuilt). */
  roots: string[];
  /** symbol -> ids of the questions tagged with it, in bank order. */
  questions: Record<string, string[]>;
  rules: TrapRule[];
}

/** The content the hover and the trap diagnostics read: the index, or a loaded bank (with packs). */
export interface HoverContent {
  readonly table: SymbolTable;
  readonly rules: readonly TrapRule[];
  card(symbol: string): HoverCard | undefined;
  /** Ids of the questions tagged with any of the symbols, without repeats, in bank order per symbol. */
  questionIds(symbols: readonly string[]): string[];
}

const own = <T>(rec: Record<string, T>, key: string): T | undefined => (Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : undefined);

/** The index's data from compiled content (written at build time). */
export function hoverIndexData(content: Pick<CompiledContent, 'cards' | 'symbols' | 'questions' | 'rules'>): HoverIndexData {
  const cards: Record<string, HoverCard> = {};
  for (const c of content.cards) {
    cards[c.symbol] = {
      symbol: c.symbol, kind: c.kind, library: c.library, docs: c.docs, signature: c.signature, omitted: c.omitted, exam: c.exam,
      ...(c.deprecated !== undefined ? { deprecated: c.deprecated } : {}),
      ...(c.trap !== undefined ? { trap: c.trap } : {}),
      ...(c.versions !== undefined ? { versions: c.versions } : {}),
    };
  }
  const questions: Record<string, string[]> = {};
  for (const q of content.questions) for (const s of new Set(q.symbols)) (own(questions, s) ?? (questions[s] = [])).push(q.id);
  return {
    version: HOVER_INDEX_VERSION,
    cards,
    symbols: content.symbols,
    namespaces: [...SymbolTable.namespacesOf(content.symbols)],
    roots: SymbolTable.rootsOf(content.symbols),
    questions,
    rules: content.rules.map((r) => ({ id: r.id, message: r.message, severity: r.severity, deprecated: r.deprecated, params: r.params })),
  };
}

/** The hover content over the index's data: no copying, no maps but the table's namespaces. */
export function hoverIndex(data: HoverIndexData): HoverContent {
  return {
    table: new SymbolTable(data.symbols, data),
    rules: data.rules,
    card: (symbol) => own(data.cards, symbol),
    questionIds: (symbols) => {
      if (symbols.length === 1) return [...(own(data.questions, symbols[0]!) ?? [])];
      const out = new Set<string>();
      for (const s of symbols) for (const id of own(data.questions, s) ?? []) out.add(id);
      return [...out];
    },
  };
}

const fromBank = new WeakMap<Bank, { reference: ReferenceContent; content: HoverContent }>();
/**
 * The hover content of a loaded bank (question packs included) with the reference part's cards,
 * symbols and rules, built once per bank and reference.
 */
export function bankHoverContent(bank: Bank, reference: ReferenceContent): HoverContent {
  const built = fromBank.get(bank);
  if (built?.reference === reference) return built.content;
  const cards = new Map(reference.cards.map((c) => [c.symbol, c]));
  const content: HoverContent = {
    table: new SymbolTable(reference.symbols),
    rules: reference.rules,
    card: (symbol) => cards.get(symbol),
    questionIds: (symbols) => bank.forSymbols(symbols).map((q) => q.id),
  };
  fromBank.set(bank, { reference, content });
  return content;
}
