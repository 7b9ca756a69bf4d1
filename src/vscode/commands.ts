import * as vscode from 'vscode';
import { QUIZ_SYMBOL_COMMAND } from '../core/hoverCard';
import { objectiveTickId, planTree, whatNext, type PlanNode } from '../core/plan';
import type { Delta } from '../core/progress/schema';
import type { ProgressStore } from '../core/progress/store';
import { computeReadiness } from '../core/readiness';
import { CardsDocuments } from './cardsDocument';
import { quizBundle, toolsBundle } from './lazyBundles';
import type { ContentLoader } from './content';
import type { QuizViews } from './quizView';
import { QUIZ_TRAP_COMMAND, SHOW_TRAP_COMMAND } from './traps';
import { PRACTICE_WORKSPACE_COMMAND } from './workspaceUsage';
import type { RulePage } from '../core/content/schema';
import type { HoverService } from '../core/hoverService';
import { readSettings, SECTION } from './settings';
import { setExamDate } from './studyGoal';

export interface CommandDeps {
  quiz: QuizViews;
  store: ProgressStore;
  content: ContentLoader;
  /** The hover's resolver and document cache. */
  python: () => Promise<HoverService>;
}

/** Every command the extension contributes (titles and icons are in package.json). */
export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { quiz, store, content } = deps;
  const reg = (id: string, fn: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, fn as (...args: unknown[]) => unknown);
  return [
    reg('mlAssociatePrep.openQuiz', () => quiz.show()),
    reg('mlAssociatePrep.openQuizInEditor', () => quiz.openPanel()),
    reg('mlAssociatePrep.startPractice', () => quiz.show(() => ({ screen: { name: 'setup' }, deltas: [] }))),
    reg('mlAssociatePrep.startReview', () => quiz.show((ctx) => quizBundle().startReviewOutcome(ctx))),
    reg('mlAssociatePrep.startMock', () => quiz.show((ctx) => quizBundle().handle({ type: 'startMock' }, { name: 'home' }, ctx))),
    reg('mlAssociatePrep.showStats', () => quiz.show(() => ({ screen: { name: 'stats' }, deltas: [] }))),
    reg(QUIZ_SYMBOL_COMMAND, (...symbols: string[]) => {
      const list = symbols.filter((s) => typeof s === 'string' && /^[\w.]+$/.test(s));
      if (list.length) return quiz.show((ctx) => quizBundle().practiceSymbols(ctx, list));
      return undefined;
    }),
    reg('mlAssociatePrep.plan.practice', (node?: PlanNode) => {
      if (node?.objectives?.length) return quiz.show((ctx) => quizBundle().practiceObjectives(ctx, node.objectives!, `Practice: ${node.label}`));
      return undefined;
    }),
    reg('mlAssociatePrep.plan.cards', (node?: PlanNode) => vscode.commands.executeCommand('markdown.showPreview', CardsDocuments.uri(node?.symbols))),
    reg('mlAssociatePrep.showAllCards', () => vscode.commands.executeCommand('markdown.showPreview', CardsDocuments.uri())),
    reg('mlAssociatePrep.plan.docs', (node?: PlanNode) => (node?.docs ? vscode.env.openExternal(vscode.Uri.parse(node.docs)) : undefined)),
    reg('mlAssociatePrep.whatNext', async () => {
      const bank = await content.get();
      const bp = bank.blueprint(readSettings().blueprint);
      const now = Date.now();
      const next = whatNext(bank, store.progress, bp, now, computeReadiness(bank, store.progress, bp, now));
      const objectives = next.domain ? bp.domains.find((d) => d.id === next.domain)?.objectives : undefined;
      if (next.action === 'review') return quiz.show((ctx) => quizBundle().startReviewOutcome(ctx, objectives, next.label));
      if (next.action === 'mock') return quiz.show((ctx) => quizBundle().handle({ type: 'startMock' }, { name: 'home' }, ctx));
      return quiz.show((ctx) => (objectives ? quizBundle().practiceObjectives(ctx, objectives, next.label) : { screen: { name: 'setup' }, deltas: [] }));
    }),
    reg('mlAssociatePrep.resetPlan', async () => {
      const answer = await vscode.window.showWarningMessage('Clear every tick in the study plan?', { modal: true, detail: 'Your answers, statistics and mock exams are kept. Items your answers prove will stay unticked until you tick them again.' }, 'Clear ticks');
      if (answer !== 'Clear ticks') return false;
      const bank = await content.get();
      const s = readSettings();
      const now = Date.now();
      const ticked: PlanNode[] = [];
      const walk = (n: PlanNode) => { if (n.checked) ticked.push(n); n.children?.forEach(walk); };
      planTree(bank, store.progress, bank.blueprint(s.blueprint), now, s.autoTick).forEach(walk);
      await store.apply(...ticked.map((n): Delta => ({ t: 'tick', id: n.id, tick: { checked: false, at: now, by: 'user' } })));
      return true;
    }),
    reg('mlAssociatePrep.chooseBlueprint', async () => {
      const bank = await content.get();
      const current = readSettings().blueprint;
      const pick = await vscode.window.showQuickPick(
        bank.content.blueprints.map((b) => {
          // The study guides' titles already carry their weights; say them once.
          const weights = b.title.includes(b.domains.map((d) => d.weight).join('/')) ? '' : `${b.domains.map((d) => d.weight).join('/')} · `;
          return {
            label: `${b.id === current ? '$(check) ' : ''}${b.title}`,
            description: `${b.id === current ? 'current choice · ' : ''}${weights}${b.questions} questions${b.official ? '' : ' · unofficial'}`,
            id: b.id,
          };
        }),
        { title: 'Exam blueprint to follow', placeHolder: 'Domains, weights and the mock exam follow this blueprint' },
      );
      if (pick) await vscode.workspace.getConfiguration(SECTION).update('blueprint', pick.id, vscode.ConfigurationTarget.Global);
    }),
    reg(QUIZ_TRAP_COMMAND, async (rule?: string) => {
      const page = await pickRule(content, rule, 'Quiz me on an exam trap');
      if (page) return quiz.show((ctx) => quizBundle().practiceIds(ctx, page.questions, `Trap ${page.id}: ${page.title}`));
      return undefined;
    }),
    reg(SHOW_TRAP_COMMAND, async (rule?: string) => {
      const page = await pickRule(content, rule, 'Read about an exam trap');
      return page ? vscode.commands.executeCommand('markdown.showPreview', CardsDocuments.ruleUri(page.id)) : undefined;
    }),
    reg(PRACTICE_WORKSPACE_COMMAND, (options?: { confirm?: boolean }) => toolsBundle().practiceWorkspaceApis(deps.python, store, quiz, options)),
    reg('mlAssociatePrep.practiceApis', () => toolsBundle().pickApisOrObjectives(content, quiz)),
    reg('mlAssociatePrep.searchQuestions', () => toolsBundle().searchQuestions(content, quiz)),
    reg('mlAssociatePrep.exportProgress', (target?: vscode.Uri) => toolsBundle().exportProgress(store, target)),
    reg('mlAssociatePrep.importProgress', (source?: vscode.Uri, options?: { confirm?: boolean }) => toolsBundle().importProgress(store, source, options?.confirm ?? true)),
    reg('mlAssociatePrep.setExamDate', (text?: string) => setExamDate(store, typeof text === 'string' ? text : undefined)),
    reg('mlAssociatePrep.startGoal', () => quiz.show((ctx) => quizBundle().startGoalOutcome(ctx))),
  ];
}

/** The rule a trap command names, or one the learner picks when it names none. */
async function pickRule(content: ContentLoader, rule: string | undefined, title: string): Promise<RulePage | undefined> {
  const { rules } = await content.reference();
  if (typeof rule === 'string') return rules.find((r) => r.id === rule);
  const pick = await vscode.window.showQuickPick(rules.map((r) => ({ label: `${r.id}: ${r.title}`, description: `${r.questions.length} questions`, detail: r.message, page: r })), { title, matchOnDetail: true });
  return pick?.page;
}

/** Ticks from the tree's checkboxes, recorded as the learner's own. */
export function checkboxDeltas(e: vscode.TreeCheckboxChangeEvent<PlanNode>): Delta[] {
  const now = Date.now();
  return e.items.map(([node, state]): Delta => ({
    t: 'tick', id: node.kind === 'objective' ? objectiveTickId(node.objectives![0]!) : node.id,
    tick: { checked: state === vscode.TreeItemCheckboxState.Checked, at: now, by: 'user' },
  }));
}
