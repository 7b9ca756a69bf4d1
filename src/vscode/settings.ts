import * as vscode from 'vscode';
import type { Library } from '../core/facts/factTypes';
import type { QuizSettings } from '../core/quizApp';
import type { GoalSettings } from '../core/study/dailyGoal';

export const SECTION = 'mlAssociatePrep';

/** The extension's typed settings (package.json contributes.configuration describes each). */
export function readSettings(): QuizSettings & { hoverEnabled: boolean; hoverLibraries: Record<Library, boolean>; statusBarDue: boolean; autoTick: boolean; goal: GoalSettings; reminders: { enabled: boolean; hour: number } } {
  const c = vscode.workspace.getConfiguration(SECTION);
  const libs = c.get<Partial<Record<Library, boolean>>>('hover.libraries', {});
  return {
    blueprint: c.get<string>('blueprint', 'current'),
    setSize: Math.min(500, Math.max(1, c.get<number>('practice.setSize', 10))),
    order: c.get<'random' | 'in-order'>('practice.order', 'random'),
    feedback: c.get<'immediate' | 'end'>('practice.feedback', 'immediate'),
    allowPause: c.get<boolean>('mock.allowPause', false),
    showHints: c.get<boolean>('practice.showHints', false),
    tzOffsetMinutes: -new Date().getTimezoneOffset(),
    hoverEnabled: c.get<boolean>('hover.enabled', true),
    hoverLibraries: { mlflow: libs.mlflow ?? true, pyspark: libs.pyspark ?? true, hyperopt: libs.hyperopt ?? true, databricks: libs.databricks ?? true },
    statusBarDue: c.get<boolean>('statusBar.showDue', true),
    autoTick: c.get<boolean>('plan.autoTick', true),
    goal: {
      practicePerObjective: Math.min(20, Math.max(1, Math.round(c.get<number>('dailyGoal.practicePerObjective', 3)))),
      mocks: Math.min(4, Math.max(0, Math.round(c.get<number>('dailyGoal.mockExams', 2)))),
    },
    reminders: { enabled: c.get<boolean>('reminders.enabled', false), hour: Math.min(23, Math.max(0, Math.round(c.get<number>('reminders.hour', 18)))) },
  };
}
