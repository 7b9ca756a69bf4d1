import * as vscode from 'vscode';
import { PRACTICE_WORKSPACE_COMMAND } from './workspaceUsage';
import { planTree, type PlanNode } from '../core/plan';
import type { ProgressStore } from '../core/progress/store';
import { systemClock } from '../core/study/clock';
import type { ContentLoader } from './content';
import { readSettings } from './settings';
import { quizBundle } from './lazyBundles';

export const PLAN_VIEW_ID = 'mlAssociatePrep.plan';

/** Quiet time after a progress change before the tree is redrawn. */
const PLAN_REFRESH_MS = 400;

/** The study plan tree: weeks and domains, with ticks that persist and readiness per domain. */
export class StudyPlanProvider implements vscode.TreeDataProvider<PlanNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<PlanNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subs: vscode.Disposable[] = [];
  private parents = new Map<string, PlanNode>();

  /** Ids of the weeks and domains the learner expanded or collapsed, kept across reloads. */
  private static readonly EXPANDED = 'mlAssociatePrep.plan.expanded';

  constructor(private readonly store: ProgressStore, private readonly content: ContentLoader, private readonly memento?: vscode.Memento) {
    this.subs.push(
      // Redrawn a moment after the last change, not on each one: with an exam date the tree costs
      // tens of milliseconds at thousands of answers (bench/answers.bench.ts), which must not
      // follow every answer while the learner goes on to the next question.
      { dispose: store.onDidChange(() => this.refreshSoon()).dispose },
      { dispose: () => clearTimeout(this.soon) },
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('mlAssociatePrep.blueprint') || e.affectsConfiguration('mlAssociatePrep.plan') || e.affectsConfiguration('mlAssociatePrep.dailyGoal')) this.changed.fire(undefined);
      }),
    );
  }

  private soon: ReturnType<typeof setTimeout> | undefined;
  private refreshSoon(): void {
    clearTimeout(this.soon);
    this.soon = setTimeout(() => this.changed.fire(undefined), PLAN_REFRESH_MS);
  }

  async getChildren(node?: PlanNode): Promise<PlanNode[]> {
    if (node) return node.children ?? [];
    // The plan index until a surface has loaded the bank (study/planContent.ts).
    const bank = await this.content.plan();
    const s = readSettings();
    const roots = planTree(bank, this.store.progress, bank.blueprint(s.blueprint), Date.now(), s.autoTick, { clock: systemClock, goal: s.goal, forecast: (...args) => quizBundle().examForecast(...args) });
    this.parents = new Map();
    const index = (n: PlanNode) => n.children?.forEach((c) => (this.parents.set(c.id, n), index(c)));
    roots.forEach(index);
    // The learner's own code as a study item: practice on the exam APIs the workspace uses.
    if (vscode.workspace.workspaceFolders?.length) roots.push({ id: 'workspace', kind: 'workspace', label: 'Practice the APIs in this workspace', description: 'from your Python files', tooltip: 'Questions on the exam APIs your Python files and notebooks use, weakest first' });
    return roots;
  }

  getParent(node: PlanNode): PlanNode | undefined {
    return this.parents.get(node.id);
  }

  /** Remembers an expand or collapse (wired to the tree view's events in activate()). */
  remember(node: PlanNode, expanded: boolean): void {
    const state = { ...this.memento?.get<Record<string, boolean>>(StudyPlanProvider.EXPANDED, {}) };
    state[node.id] = expanded;
    void this.memento?.update(StudyPlanProvider.EXPANDED, state);
  }

  getTreeItem(n: PlanNode): vscode.TreeItem {
    const remembered = this.memento?.get<Record<string, boolean>>(StudyPlanProvider.EXPANDED, {})[n.id];
    const open = remembered ?? (n.kind === 'plan' || n.kind === 'domains' || n.kind === 'exam');
    const collapsible = n.children?.length
      ? open ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(n.label, collapsible);
    item.id = n.id;
    if (n.description) item.description = n.description;
    if (n.tooltip) item.tooltip = n.tooltip;
    if (n.checked !== undefined) {
      item.checkboxState = {
        state: n.checked ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked,
        tooltip: n.proven ? 'Ticked because your answers prove it; untick to keep it open' : 'Tick when done',
        accessibilityInformation: { label: `${n.label}: ${n.checked ? 'done' : 'not done'}${n.proven ? ', proven by your answers' : ''}` },
      };
    }
    // contextValue flags drive the inline actions (package.json menus).
    const flags = [n.kind, n.objectives?.length ? 'practice' : '', n.symbols?.length ? 'cards' : '', n.docs ? 'docs' : ''].filter(Boolean);
    item.contextValue = flags.join(' ');
    if (n.kind === 'next') {
      item.iconPath = new vscode.ThemeIcon('lightbulb');
      item.command = { command: 'mlAssociatePrep.whatNext', title: 'What next' };
    } else if (n.kind === 'workspace') {
      item.iconPath = new vscode.ThemeIcon('code');
      item.command = { command: PRACTICE_WORKSPACE_COMMAND, title: 'Practice the APIs in this workspace' };
    } else if (n.kind === 'goal') {
      item.iconPath = new vscode.ThemeIcon(n.label.includes('(met)') ? 'pass-filled' : 'target');
      item.command = { command: 'mlAssociatePrep.startGoal', title: "Start Today's Goal" };
    } else if (n.kind === 'exam') item.iconPath = new vscode.ThemeIcon('calendar');
    else if (n.kind === 'forecast') item.iconPath = new vscode.ThemeIcon('graph-line');
    else if (n.kind === 'pace') item.iconPath = new vscode.ThemeIcon('info');
    else if (n.kind === 'week') item.iconPath = new vscode.ThemeIcon(n.description?.startsWith('behind') ? 'warning' : 'calendar');
    else if (n.kind === 'domain') item.iconPath = new vscode.ThemeIcon('symbol-namespace');
    return item;
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
    for (const s of this.subs) s.dispose();
  }
}
