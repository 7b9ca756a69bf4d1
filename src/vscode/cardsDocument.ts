import * as vscode from 'vscode';
import type { Bank } from '../core/bank';
import type { ReferenceContent } from '../core/content/compiled';
import { toolsBundle } from './lazyBundles';

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
    const symbols = new URLSearchParams(uri.query).get('symbols')?.split(',').filter(Boolean);
    // The document's text is built in dist/tools.js: only opening such a document needs it.
    return toolsBundle().notesDocumentMarkdown(bank, reference, rule ? { rule } : symbols ? { symbols } : {});
  }

  /** A trap rule's page ("Why is this a trap?", and the link on the diagnostic's code). */
  static ruleUri(id: string): vscode.Uri {
    return vscode.Uri.from({ scheme: CARDS_SCHEME, path: `/rules/${id}.md` });
  }

  static uri(symbols?: readonly string[]): vscode.Uri {
    return vscode.Uri.from({ scheme: CARDS_SCHEME, path: symbols?.length ? '/study-item.md' : '/all-notes.md', query: symbols?.length ? `symbols=${symbols.join(',')}` : '' });
  }
}
