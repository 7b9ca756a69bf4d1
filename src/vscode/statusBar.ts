import * as vscode from 'vscode';
import type { ProgressStore } from '../core/progress/store';
import { cardsFrom, dueQuestions } from '../core/scheduler';
import { countdown } from '../core/study/examDate';
import { goalLine, type GoalReport } from '../core/study/dailyGoal';
import { systemClock } from '../core/study/clock';
import type { ContentLoader } from './content';
import { readSettings } from './settings';
import { nextTurn } from '../node/nextTurn';
import type { StudyGoals } from './studyGoal';

/**
 * "N due" in the status bar, with the exam countdown once a date is set ("12 due · exam in 18 d",
 * today's goal in the tooltip); a click starts the review. Refreshed on every change and each minute.
 */
export class DueStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('mlAssociatePrep.due', vscode.StatusBarAlignment.Left, 50);
  private readonly timer = setInterval(() => void this.update(), 60_000);
  private readonly sub: { dispose(): void };

  constructor(private readonly store: ProgressStore, private readonly content: ContentLoader, private readonly goals?: StudyGoals) {
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
    await this.store.prepareCards(nextTurn); // a long history is replayed in turns, not one block
    const due = dueQuestions(cardsFrom(this.store.progress), Date.now(), bank ? (id) => !!bank.get(id) : undefined).length;
    const report = await this.goals?.today();
    const exam = report ? ` · ${countdown(report.exam, systemClock)}` : '';
    this.item.text = `$(history) ${due} due${exam}`;
    const dueLine = due ? `ML Associate Prep: ${due} question${due === 1 ? '' : 's'} due for review. Click to start.` : 'ML Associate Prep: nothing due for review right now.';
    this.item.tooltip = report ? [dueLine, ...planLines(report)].join('\n') : dueLine;
    this.item.accessibilityInformation = { label: `${due} exam questions due for review${exam ? `, ${exam.slice(3)}` : ''}` };
    this.item.show();
  }

  /** What the item shows (VS Code has no API to read another extension's status bar; the tests read it here). */
  get shown(): { text: string; tooltip: string } {
    return { text: this.item.text, tooltip: typeof this.item.tooltip === 'string' ? this.item.tooltip : this.item.tooltip?.value ?? '' };
  }

  dispose(): void {
    clearInterval(this.timer);
    this.sub.dispose();
    this.item.dispose();
  }
}

/** Today's plan, one line each, for the tooltip (and the reminder). */
export function planLines(r: GoalReport): string[] {
  if (!r.goal) return [r.daysLeft === 0 ? 'Exam today. Good luck!' : `The exam was ${-r.daysLeft} d ago. Set the next date with Set Exam Date…`];
  return [
    `Today's goal${r.goal.met ? ' (met)' : ''}: ${goalLine(r.goal)}`,
    `Streak: ${r.streak} day${r.streak === 1 ? '' : 's'} with the goal met`,
    ...(r.pace ? [r.pace] : []),
  ];
}
