import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlanNode } from '../../src/core/plan';
import { addDays, shortDay, systemClock, today } from '../../src/core/study/clock';
import { api } from './helpers';

/** Waits until `probe` holds (the status bar and the tree update after the store's change event). */
async function until<T>(probe: () => T | Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Study to a date: the command sets the date; the status bar and the plan tree follow it. */
export function registerExamDateSuite(): void {
  describe('exam date, daily goal and dated plan', () => {
    const exam = addDays(today(systemClock), 30);
    after(async () => {
      await vscode.commands.executeCommand('mlAssociatePrep.setExamDate', 'not booked');
    });

    it('Set Exam Date refuses a malformed date and keeps the progress as it was', async () => {
      const { store } = await api();
      const before = store.progress.exam;
      assert.equal(await vscode.commands.executeCommand('mlAssociatePrep.setExamDate', '2026-02-30'), false);
      assert.deepEqual(store.progress.exam, before);
    });

    it('sets the date through the command: the status bar counts down and its tooltip holds today\'s goal', async () => {
      const { store, status } = await api();
      assert.equal(await vscode.commands.executeCommand('mlAssociatePrep.setExamDate', exam), true);
      assert.equal(store.progress.exam?.date, exam);
      const shown = await until(() => status.shown, (s) => s.text.includes('exam in'), 'status bar');
      assert.match(shown.text, /^\$\(history\) \d+ due · exam in 30 d$/);
      assert.match(shown.tooltip, /Today's goal: \d+ new \(\d+ done\)/);
      assert.match(shown.tooltip, /Streak: \d+ days? with the goal met/);
    });

    it('the plan tree leads with the exam and today\'s goal, and dates the six weeks (the last ends the day before)', async () => {
      const { plan } = await api();
      const roots = await until(() => plan.getChildren(), (r) => r[0]?.kind === 'exam', 'plan tree');
      const examNode = roots[0]!;
      assert.match(examNode.label, new RegExp(`^Exam on ${shortDay(exam)} \\d{4} \\(in 30 days\\)$`));
      const goal = examNode.children!.find((c) => c.kind === 'goal')!;
      assert.match(goal.label, /^Today's goal: \d+ new \(\d+ done\)/);
      assert.ok(examNode.children!.some((c) => /^Model Deployment: \d+ % today → \d+ % on exam day if you stop$/.test(c.label)));
      const weeks = roots.find((r) => r.kind === 'plan')!.children!.filter((c: PlanNode) => c.kind === 'week');
      assert.equal(weeks.length, 6);
      assert.match(weeks[5]!.description!, new RegExp(`· due ${shortDay(addDays(exam, -1))}$`));
      // 30 days is less than six weeks: the plan compresses and says which weeks share days.
      const pace = roots.find((r) => r.kind === 'plan')!.children!.find((c) => c.kind === 'pace')!;
      assert.match(pace.label, /^Less than 6 weeks left \(5 weeks\): weeks 1 and 2 share/);
      const item = plan.getTreeItem(goal);
      assert.equal(item.command?.command, 'mlAssociatePrep.startGoal');
    });

    it('"not booked" clears the date everywhere', async () => {
      const { store, status, plan } = await api();
      await vscode.commands.executeCommand('mlAssociatePrep.setExamDate', 'not booked');
      assert.equal(store.progress.exam?.date, null);
      await until(() => status.shown, (s) => !s.text.includes('exam'), 'status bar');
      assert.notEqual((await plan.getChildren())[0]!.kind, 'exam');
    });
  });
}
