import { hourOf, today as todayOf, type Clock, type Day } from './clock';
import { goalLine, type GoalReport } from './dailyGoal';
import { countdown } from './examDate';

// The opt-in daily reminder: on the first focus of a VS Code window after the chosen hour, once a
// day, only while today's goal is not met. The adapter (vscode/reminders.ts) remembers the day it
// last reminded and asks here whether to remind now.

export interface ReminderState {
  enabled: boolean;
  /** Local hour (0-23) from which a reminder may show. */
  hour: number;
  /** The day a reminder was last shown, on any window of this machine. */
  lastShown?: Day;
}

/** The day to record and the message to show, or undefined when no reminder is due. */
export function reminderDue(s: ReminderState, report: GoalReport | undefined, clock: Clock): { day: Day; message: string } | undefined {
  if (!s.enabled || !report?.goal || report.goal.met) return undefined;
  const day = todayOf(clock);
  if (s.lastShown === day || hourOf(clock.now(), clock) < s.hour) return undefined;
  return { day, message: `ML Associate Prep: today's goal is ${goalLine(report.goal)}; ${countdown(report.exam, clock)}.` };
}
