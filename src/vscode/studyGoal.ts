import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { ProgressStore } from '../core/progress/store';
import { systemClock } from '../core/study/clock';
import { dailyGoal, type GoalReport } from '../core/study/dailyGoal';
import { examDelta, parseExamDate } from '../core/study/examDate';
import { studyIndex, StudyIndexSchema, studyIndexOf, type StudyIndex } from '../core/study/studyIndex';
import type { ContentLoader } from './content';
import { readSettings } from './settings';

/**
 * Today's goal for the surfaces that must stay cheap (status bar, reminders): worked out from the
 * saved progress and dist/studyIndex.json (20 KB, written by the build), never from the bank. Once
 * a surface has loaded the bank, its index (with question packs) is used instead.
 */
export class StudyGoals {
  private file: Promise<StudyIndex | undefined> | undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly store: ProgressStore, private readonly content: ContentLoader, private readonly log: vscode.LogOutputChannel) {}

  private index(): Promise<StudyIndex | undefined> {
    const bank = this.content.loaded;
    if (bank) return Promise.resolve(studyIndexOf(bank));
    this.file ??= readFile(vscode.Uri.joinPath(this.extensionUri, 'dist', 'studyIndex.json').fsPath, 'utf8')
      .then((text) => studyIndex(StudyIndexSchema.parse(JSON.parse(text))))
      .catch((e: unknown) => {
        this.log.warn(`study index: ${String(e)}; today's goal waits for the bank`);
        return undefined;
      });
    return this.file;
  }

  /** Today's goal report, or undefined without an exam date (or without an index to count with). */
  async today(): Promise<GoalReport | undefined> {
    if (!this.store.progress.exam?.date) return undefined;
    const index = await this.index();
    const s = readSettings();
    return index && dailyGoal(index, this.store.progress, s.blueprint, systemClock, s.goal);
  }
}

/**
 * "Set Exam Date…": an input box that checks the date as it is typed; "not booked" clears it.
 * Tests (and other extensions) may pass the text directly.
 */
export async function setExamDate(store: ProgressStore, text?: string): Promise<boolean> {
  const current = store.progress.exam?.date;
  const typed = text ?? await vscode.window.showInputBox({
    title: 'Exam date',
    prompt: 'The day you sit the exam, as YYYY-MM-DD; or "not booked" to clear it. The daily goal and the plan are worked out from it.',
    placeHolder: 'YYYY-MM-DD or not booked',
    value: current ?? '',
    validateInput: (v) => {
      const r = parseExamDate(v, systemClock);
      return 'error' in r ? r.error : undefined;
    },
  });
  if (typed === undefined) return false;
  const r = parseExamDate(typed, systemClock);
  if ('error' in r) {
    void vscode.window.showErrorMessage(`ML Associate Prep: ${r.error}`);
    return false;
  }
  if (r.date === (current ?? null)) return true;
  await store.apply(examDelta(r.date, Date.now()));
  return true;
}
