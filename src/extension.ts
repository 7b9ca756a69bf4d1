import * as vscode from 'vscode';
import { ProgressStore } from './core/progress/store';
import { CARDS_SCHEME, CardsDocuments } from './vscode/cardsDocument';
import { checkboxDeltas, registerCommands } from './vscode/commands';
import { ContentLoader } from './vscode/content';
import { ExamHoverProvider } from './vscode/hover';
import { QUIZ_PANEL_TYPE, QUIZ_VIEW_ID, QuizViews } from './vscode/quizView';
import { DueStatusBar } from './vscode/statusBar';
import { StudyGoals } from './vscode/studyGoal';
import { DailyReminder } from './vscode/reminders';
import { VscodeProgressBackend } from './vscode/storage';
import { PLAN_VIEW_ID, StudyPlanProvider } from './vscode/studyPlan';
import { TrapDiagnostics } from './vscode/traps';
import { PerfLog } from './vscode/perfLog';

/** Set by the bundle's first and last lines (esbuild banner and footer): its evaluation's start and end. */
declare const globalThis: { __mlapLoadStart?: number; __mlapLoadEnd?: number };

/** The read-only walkthrough sample's URI scheme. */
const SAMPLE_SCHEME = 'ml-associate-prep-sample';

/** What activate() hands to the integration tests (and to anyone who calls the extension). */
export interface ExtensionApi {
  store: ProgressStore;
  plan: StudyPlanProvider;
  ready: Promise<void>;
  backend: VscodeProgressBackend;
  /** The due count and exam countdown as shown in the status bar. */
  status: DueStatusBar;
  /** The walkthrough's context keys as last set (VS Code offers no way to read a context key back). */
  contextKeys: () => Readonly<Record<string, boolean>>;
  /** Durations measured where users wait (activation, hovers, quiz messages). */
  perf: PerfLog;
  /** The quiz views (the integration tests hand them messages as a webview would). */
  quiz: QuizViews;
}

/** Composes the services and registers the three surfaces; reads nothing large up front. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('ML Associate Prep', { log: true });
  const perf = new PerfLog((line) => log.trace(line));
  if (globalThis.__mlapLoadStart !== undefined && globalThis.__mlapLoadEnd !== undefined) perf.record('activation:load', globalThis.__mlapLoadEnd - globalThis.__mlapLoadStart);
  const content = new ContentLoader(context.extensionUri, log, perf);
  const backend = new VscodeProgressBackend(context);
  const store = new ProgressStore(backend, Date.now, { idle: () => new Promise((resolve) => setTimeout(resolve, 50)) });
  const ready = store.load().then((report) => {
    if (report.problems.length) {
      log.warn(`progress: ${report.problems.join('; ')}; backups: ${report.backups.join(', ')}`);
      void vscode.window.showWarningMessage(
        `ML Associate Prep found a problem with your saved progress and recovered what it could: ${report.problems.join('; ')}. A copy of the damaged data was kept.`,
        'Show backup folder',
      ).then((c) => c && vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(backend.backupDir)));
    }
    setTimeout(() => void backend.compact().catch((e) => log.warn(`compaction: ${String(e)}`)), 30_000);
  });
  ready.catch((e) => log.error(`progress: ${String(e)}`));

  const quiz = new QuizViews(context.extensionUri, content, store, log, perf);
  const plan = new StudyPlanProvider(store, content, context.workspaceState);
  const planView = vscode.window.createTreeView(PLAN_VIEW_ID, { treeDataProvider: plan, manageCheckboxStateManually: true, showCollapseAll: true });
  const hover = new ExamHoverProvider(content, perf);
  const traps = new TrapDiagnostics(() => hover.python(), log, perf);
  const goals = new StudyGoals(context.extensionUri, store, content, log);
  const status = new DueStatusBar(store, content, goals);
  const reminder = new DailyReminder(goals, context.globalState);

  context.subscriptions.push(
    log, content, quiz, plan, planView, status,
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('mlAssociatePrep.questionPacks') && content.invalidate()),
    content.onDidChange(() => { plan.refresh(); void status.update(); void quiz.redrawAll(); }),
    vscode.window.registerWebviewViewProvider(QUIZ_VIEW_ID, quiz),
    vscode.window.registerWebviewPanelSerializer(QUIZ_PANEL_TYPE, quiz.serializer),
    vscode.languages.registerHoverProvider({ language: 'python' }, hover),
    traps,
    vscode.languages.registerCodeActionsProvider({ language: 'python' }, traps, TrapDiagnostics.metadata),
    content.onDidChange(() => traps.refreshAll()),
    vscode.workspace.onDidCloseTextDocument((d) => hover.forget(d)),
    planView.onDidChangeCheckboxState((e) => void store.apply(...checkboxDeltas(e))),
    planView.onDidExpandElement((e) => plan.remember(e.element, true)),
    planView.onDidCollapseElement((e) => plan.remember(e.element, false)),
    vscode.workspace.registerTextDocumentContentProvider(CARDS_SCHEME, new CardsDocuments(() => content.get(), () => content.reference())),
    // Leaving the window writes the synced snapshot (answers are journaled at once; the snapshot,
    // which Settings Sync carries to other machines, is rewritten only every so many answers).
    vscode.window.onDidChangeWindowState((w) => void (w.focused ? store.refresh().then(() => reminder.check()) : store.flush())),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('mlAssociatePrep.statusBar') && void status.update()),
    ...registerCommands({ quiz, store, content, python: () => hover.pythonWithPacks() }),
    // The walkthrough's sample opens read-only from the install (a virtual document): hovers work
    // on it, and closing it never asks to save a file the learner did not write.
    vscode.workspace.registerTextDocumentContentProvider(SAMPLE_SCHEME, {
      provideTextDocumentContent: async () => new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'media', 'walkthrough', 'sample.py'))),
    }),
    vscode.commands.registerCommand('mlAssociatePrep.openSample', async () => {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: SAMPLE_SCHEME, path: '/sample.py' }));
      await vscode.window.showTextDocument(await vscode.languages.setTextDocumentLanguage(doc, 'python'));
    }),
  );
  void ready.then(() => status.update());
  const flushTimer = setInterval(() => void store.flush().catch((e) => log.warn(`progress: ${String(e)}`)), 60_000);
  context.subscriptions.push({ dispose: () => clearInterval(flushTimer) });
  flushOnDeactivate = () => store.flush();
  // Documents already open when the window starts: checked once activation is over, not during it.
  const firstCheck = setTimeout(() => traps.refreshAll(), 500);
  context.subscriptions.push({ dispose: () => clearTimeout(firstCheck) });
  // A window opened (and focused) after the hour counts as its first focus of the day.
  void ready.then(() => vscode.window.state.focused && reminder.check());
  // Walkthrough steps complete on these context keys. They start false and turn true once the saved
  // progress is read: the walkthrough completes a step on that change, so a tick made in an earlier
  // session (or before the walkthrough was opened) still completes its step.
  void vscode.commands.executeCommand('setContext', 'mlAssociatePrep.answeredOne', false);
  void vscode.commands.executeCommand('setContext', 'mlAssociatePrep.tickedOne', false);
  const keys: Record<string, boolean> = {};
  const contextKeys = () => {
    const p = store.progress;
    keys.answeredOne = p.answers.length > 0;
    keys.tickedOne = Object.values(p.ticks).some((t) => t.checked);
    for (const [k, v] of Object.entries(keys)) void vscode.commands.executeCommand('setContext', `mlAssociatePrep.${k}`, v);
  };
  context.subscriptions.push({ dispose: store.onDidChange(contextKeys).dispose });
  void ready.then(contextKeys);
  perf.record('activation:activate', performance.now() - started);
  return { store, plan, ready, backend, status, contextKeys: () => ({ ...keys }), perf, quiz };
}

let flushOnDeactivate: (() => Promise<void>) | undefined;

/** Writes the synced snapshot one last time (the journal already holds every answer). */
export function deactivate(): Promise<void> | undefined {
  return flushOnDeactivate?.();
}
