import * as vscode from 'vscode';
import type { Bank } from '../core/bank';
import type { ReferenceContent } from '../core/content/compiled';
import { cardMarkdown } from '../core/hoverCard';
import { rulePageMarkdown } from '../core/traps/rulePage';

export const CARDS_SCHEME = 'ml-associate-prep';

/**
 * A read-only Markdown document listing hover cards (all, or those of a study-plan item), or a trap
 * rule's page: the cards and pages from the reference part, the question counts from the bank.
 */
export class CardsDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly bank: () => Promise<Bank>, private readonly reference: () => Promise<ReferenceContent>) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const [bank, reference] = await Promise.all([this.bank(), this.reference()]);
    const rule = /^\/rules\/(MLAP\d{3})\.md$/.exec(uri.path)?.[1];
    if (rule) return rulePageMarkdown(bank, reference.rules, rule);
    const wanted = new URLSearchParams(uri.query).get('symbols')?.split(',').filter(Boolean);
    const cards = reference.cards.filter((c) => !wanted?.length || wanted.includes(c.symbol));
    const title = wanted?.length ? 'Exam notes for this study item' : `Exam notes: ${cards.length} APIs`;
    const body = cards
      .sort((a, b) => a.symbol.localeCompare(b.symbol))
      .map((c) => cardMarkdown(c, bank.forSymbols([c.symbol]).length).replace(/\[Quiz me on this[^\]]*\]\([^)]*\)/, `${bank.forSymbols([c.symbol]).length} practice questions`));
    return [`# ${title}`, '', ...(body.length ? body.flatMap((b) => [b, '', '---', '']) : ['No exam note covers these APIs yet.'])].join('\n');
  }

  /** A trap rule's page ("Why is this a trap?", and the link on the diagnostic's code). */
  static ruleUri(id: string): vscode.Uri {
    return vscode.Uri.from({ scheme: CARDS_SCHEME, path: `/rules/${id}.md` });
  }

  static uri(symbols?: readonly string[]): vscode.Uri {
    return vscode.Uri.from({ scheme: CARDS_SCHEME, path: symbols?.length ? '/study-item.md' : '/all-notes.md', query: symbols?.length ? `symbols=${symbols.join(',')}` : '' });
  }
}
