import * as vscode from 'vscode';
import type { ProgressStore } from '../core/progress/store';
import { cardsFrom, dueQuestions } from '../core/scheduler';
import type { ContentLoader } from './content';
import { readSettings } from './settings';

/** "N due" in the status bar; a click starts the review. Refreshed on every change and each minute. */
export class DueStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('mlAssociatePrep.due', vscode.StatusBarAlignment.Left, 50);
  private readonly timer = setInterval(() => void this.update(), 60_000);
  private readonly sub: { dispose(): void };

  constructor(private readonly store: ProgressStore, private readonly content: ContentLoader) {
    this.item.name = 'ML Associate Prep: questions due';
    this.item.command = 'mlAssociatePrep.startReview';
    this.sub = store.onDidChange(() => void this.update());
  }

  async update(): Promise<void> {
    if (!readSettings().statusBarDue) {
      this.item.hide();
      return;
    }
    // From saved progress alone: reading the bank here would load 1.6 MB right after activation.
    // Once a surface has loaded the bank, questions no longer in it are left out of the count.
    const bank = this.content.loaded;
    const due = dueQuestions(cardsFrom(this.store.progress), Date.now(), bank ? (id) => !!bank.get(id) : undefined).length;
    this.item.text = `$(history) ${due} due`;
    this.item.tooltip = due ? `ML Associate Prep: ${due} question${due === 1 ? '' : 's'} due for review. Click to start.` : 'ML Associate Prep: nothing due for review right now.';
    this.item.accessibilityInformation = { label: `${due} exam questions due for review` };
    this.item.show();
  }

  dispose(): void {
    clearInterval(this.timer);
    this.sub.dispose();
    this.item.dispose();
  }
}
