import * as vscode from 'vscode';
import { systemClock } from '../core/study/clock';
import { reminderDue } from '../core/study/reminder';
import { readSettings } from './settings';
import type { StudyGoals } from './studyGoal';

/** globalState key of the day the last reminder showed (per machine: shared by its windows, not synced). */
const LAST_SHOWN = 'mlAssociatePrep.reminders.lastShown';
export const START_GOAL_BUTTON = "Start today's goal";

/** The opt-in daily reminder (mlAssociatePrep.reminders.enabled / .hour), checked when a window gains focus. */
export class DailyReminder {
  private busy = false;

  constructor(private readonly goals: StudyGoals, private readonly state: vscode.Memento) {}

  /** Shows today's reminder if one is due; returns whether it did. */
  async check(): Promise<boolean> {
    const s = readSettings().reminders;
    if (!s.enabled || this.busy) return false;
    this.busy = true;
    try {
      const due = reminderDue({ ...s, lastShown: this.state.get<string>(LAST_SHOWN) }, await this.goals.today(), systemClock);
      if (!due) return false;
      // Recorded before showing, so another window focused a moment later does not remind again.
      await this.state.update(LAST_SHOWN, due.day);
      void vscode.window.showInformationMessage(due.message, START_GOAL_BUTTON).then((c) => c && vscode.commands.executeCommand('mlAssociatePrep.startGoal'));
      return true;
    } finally {
      this.busy = false;
    }
  }
}
