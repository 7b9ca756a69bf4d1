import * as vscode from 'vscode';
import type { PerfLog } from './perfLog';
import { QUIZ_SYMBOL_COMMAND } from '../core/hoverCard';
import type { HoverContent } from '../core/hover/hoverIndex';
import { HoverService } from '../core/hoverService';
import { joinCells } from '../core/python/notebook';
import type { ContentLoader } from './content';
import { readSettings } from './settings';

/** The text the resolver sees for a document: a notebook cell is joined after the cells above it. */
export function documentText(doc: vscode.TextDocument): { key: string; version: number; text: () => string; base: number } {
  if (doc.uri.scheme === 'vscode-notebook-cell') {
    const nb = vscode.workspace.notebookDocuments.find((n) => n.getCells().some((c) => c.document === doc));
    if (nb) {
      const cells = nb.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
      const index = cells.findIndex((c) => c.document === doc);
      if (index >= 0) {
        const texts = cells.slice(0, index + 1).map((c) => c.document.getText());
        const joined = joinCells(texts, index);
        // The cache key changes whenever any cell at or above this one changes.
        const version = cells.slice(0, index + 1).reduce((h, c) => (h * 31 + c.document.version) | 0, index);
        return { key: `${nb.uri.toString()}#${index}`, version, text: () => joined.text, base: joined.base };
      }
    }
  }
  return { key: doc.uri.toString(), version: doc.version, text: () => doc.getText(), base: 0 };
}

/**
 * Exam cards on hover. It adds to the Python language server's hover rather than replacing it, and
 * shows no docstring (the language server already does).
 */
export class ExamHoverProvider implements vscode.HoverProvider {
  private service: HoverService | undefined;
  private sawCard = false;
  constructor(private readonly content: ContentLoader, private readonly perf?: PerfLog) {}

  /** The hover's resolver and document cache, shared with the trap diagnostics (one model per document). */
  async python(): Promise<HoverService> {
    // The hover index, not the bank: the trap checks that start after activation never load it.
    return this.serviceFor(await this.content.python());
  }

  /** python(), with the question packs' questions counted (loads the bank only when packs are configured). */
  async pythonWithPacks(): Promise<HoverService> {
    return this.serviceFor(await this.content.hover());
  }

  private serviceFor(content: HoverContent): HoverService {
    if (this.service?.content !== content) this.service = new HoverService(content);
    return this.service;
  }

  async provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const t0 = performance.now();
    try {
      return await this.card(doc, position);
    } finally {
      this.perf?.record('hover', performance.now() - t0);
    }
  }

  private async card(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const settings = readSettings();
    if (!settings.hoverEnabled) return undefined;
    await this.pythonWithPacks();
    if (!this.service) return undefined;
    const { key, version, text, base } = documentText(doc);
    const offset = base + doc.offsetAt(position);
    const result = this.service.hover(key, version, text, offset, (lib) => settings.hoverLibraries[lib]);
    if (!result) return undefined;
    if (!this.sawCard) {
      this.sawCard = true;
      void vscode.commands.executeCommand('setContext', 'mlAssociatePrep.sawCard', true);
    }
    const md = new vscode.MarkdownString(result.markdown);
    // Only the quiz command may run from the card; nothing else in it is trusted.
    md.isTrusted = { enabledCommands: [QUIZ_SYMBOL_COMMAND] };
    md.supportHtml = false;
    const range = new vscode.Range(doc.positionAt(result.resolution.start - base), doc.positionAt(result.resolution.end - base));
    return new vscode.Hover(md, range);
  }

  /** Forget a closed document's cached model. */
  forget(doc: vscode.TextDocument): void {
    this.service?.cache.delete(doc.uri.toString());
  }
}
