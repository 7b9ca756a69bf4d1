import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { PRACTICE_WORKSPACE_COMMAND } from './workspaceUsage';
import type { Bank } from '../core/bank';
import type { AppContext, Outcome, Screen } from '../core/quizApp';
import type { ProgressStore } from '../core/progress/store';
import type { ToWebview } from '../protocol';
import { quizBundle } from './lazyBundles';
import type { ContentLoader } from './content';
import type { SharedQuizScreen } from './quizSession';
import type { PerfLog } from './perfLog';
import { readSettings } from './settings';
import { nextTurn } from '../node/nextTurn';
import { systemClock } from '../core/study/clock';

/**
 * Drives one quiz webview (the sidebar view or an editor tab) with the pure quiz app: validates
 * every message, records what the app says to record, posts the next view. All webviews share the
 * same store, so a tab and the sidebar stay in step.
 */
export class QuizController implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  /** When the webview was given its HTML: its first 'ready' tells how long it took to load. */
  private readonly created = performance.now();
  private loaded = false;
  private painted = false;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly content: ContentLoader,
    private readonly store: ProgressStore,
    private readonly log: vscode.LogOutputChannel,
    private readonly openInEditor: () => void,
    private readonly shared: SharedQuizScreen,
    private readonly perf?: PerfLog,
  ) {
    this.disposables.push(
      shared.onDidChange(() => void this.redraw()),
      webview.onDidReceiveMessage((m) => void this.receive(m)),
      { dispose: store.onDidChange(() => void this.redraw()).dispose },
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('mlAssociatePrep') && void this.redraw()),
    );
    // The mock clock: auto-submit at time-out even if nobody clicks.
    this.timer = setInterval(() => void this.serial(() => this.onTick()), 1000);
  }

  /**
   * Messages are handled one at a time, each against the progress its predecessors left: a quick
   * "pick, then Enter" must not submit against the state from before the pick.
   */
  private queue: Promise<void> = Promise.resolve();
  private serial(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * A message from the webview, handled in turn. Its time, from arrival until the view it causes
   * is posted, is recorded as quiz:<type> (the extension's share of what the learner waits for).
   */
  receive(raw: unknown): Promise<void> {
    const arrived = performance.now();
    const type = typeof raw === 'object' && raw && 'type' in raw && typeof raw.type === 'string' ? raw.type.slice(0, 40) : 'invalid';
    if (type === 'ready' && !this.loaded) {
      this.loaded = true;
      this.perf?.record('quiz:webviewLoad', arrived - this.created);
    }
    if (type === 'painted' && quizBundle().FromWebviewSchema.safeParse(raw).success) {
      // From HTML set to the first view on screen (plus this message's trip back): the panel's open
      // time. Taken on arrival, not behind the messages queued before it; it changes no view.
      if (!this.painted) this.perf?.record('quiz:painted', arrived - this.created);
      this.painted = true;
      return Promise.resolve();
    }
    return this.serial(async () => {
      this.awaiting = { type, arrived };
      await this.onMessage(raw);
      this.awaiting = undefined; // a message that changed no view has nothing to time
    });
  }
  /** The message whose resulting view has not been posted yet. */
  private awaiting: { type: string; arrived: number } | undefined;

  private async context(): Promise<AppContext> {
    const bank: Bank = await this.content.get();
    await this.store.whenLoaded(); // a tab restored at start-up may ask before the progress is read
    await this.store.prepareCards(nextTurn); // the first view counts due cards: a long history replays in turns
    const now = Date.now();
    return { bank, progress: this.store.progress, now, settings: readSettings(), newId: randomUUID, random: Math.random, clock: { now: () => now, offsetMinutes: systemClock.offsetMinutes } };
  }

  private async onMessage(raw: unknown): Promise<void> {
    const parsed = quizBundle().FromWebviewSchema.safeParse(raw);
    if (!parsed.success) {
      this.log.warn(`quiz: ignored an unexpected message from the webview: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return;
    }
    if (parsed.data.type === 'practiceWorkspace') {
      void vscode.commands.executeCommand(PRACTICE_WORKSPACE_COMMAND);
      return;
    }
    if (parsed.data.type === 'renderError') {
      const d = parsed.data;
      this.log.error(`quiz: the panel could not draw ${d.screen}${d.questionId ? ` (question ${d.questionId})` : ''} and shows it as plain text: ${d.message}`);
      return;
    }
    try {
      const ctx = await this.context();
      await this.apply(quizBundle().handle(parsed.data, this.screenOf(ctx), ctx), ctx);
    } catch (e) {
      this.log.error(`quiz: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      void vscode.window.showErrorMessage(`ML Associate Prep: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /**
   * Loads the quiz bundle and the bank and posts the first view while the webview is still loading
   * its page: VS Code holds the message until the page has loaded and hands it over then, so the
   * first screen does not wait for the page's 'ready' to travel here and the answer to travel back.
   * 'ready' is still answered (a page reloaded behind our back needs it); the webview ignores a
   * view identical to the one it shows. A failure is reported by the answer to 'ready'.
   */
  prepare(): Promise<void> {
    return this.serial(() => this.redraw()).catch(() => undefined);
  }

  /** Runs an outcome made outside the webview (a command such as "Quiz me on this"). */
  run(make: (ctx: AppContext) => Outcome): Promise<void> {
    return this.serial(async () => {
      const ctx = await this.context();
      return this.apply(make(ctx), ctx);
    });
  }

  private screenOf(ctx: AppContext): Screen {
    if (!this.shared.screen) this.shared.set(quizBundle().initialScreen(ctx), false); // the caller draws it
    return this.shared.screen!;
  }

  private async apply(proposed: Outcome, ctx: AppContext): Promise<void> {
    const o = await this.confirmReplace(proposed, ctx);
    // One redraw per change: the store's change event when there are deltas, else the shared
    // screen's change event (all quizzes), else this quiz alone.
    const changed = this.shared.set(o.screen, !o.deltas.length);
    if (o.deltas.length) await this.store.apply(...o.deltas);
    else if (!changed) await this.redraw();
    if (o.openUrl) void vscode.env.openExternal(vscode.Uri.parse(o.openUrl));
    if (o.openInEditor) this.openInEditor();
  }

  /**
   * Starting a new set over an unfinished one that has answers asks first. Yes finishes the old
   * set (it goes to the history); no goes back to it.
   */
  private async confirmReplace(o: Outcome, ctx: AppContext): Promise<Outcome> {
    const starting = o.deltas.find((d): d is Extract<typeof d, { t: 'session' }> => d.t === 'session' && !ctx.progress.sessions[d.s.id]);
    const old = quizBundle().activeSession(ctx.progress.sessions);
    const answered = old ? Object.values(old.responses).filter((r) => r.submittedAt).length : 0;
    if (!starting || !old || !answered) return o;
    const choice = await vscode.window.showWarningMessage(
      `Replace your unfinished set "${old.title}"?`,
      { modal: true, detail: `You have answered ${answered} of its ${old.questionIds.length} questions; those answers are kept either way. Starting "${starting.s.title}" ends that set.` },
      'Start the new set',
    );
    if (choice !== 'Start the new set') return { screen: { name: 'session', id: old.id }, deltas: [] };
    return { ...o, deltas: [{ t: 'session', s: quizBundle().finishSession(old, ctx.now) }, ...o.deltas] };
  }

  private async onTick(): Promise<void> {
    const ctx = await this.context().catch(() => undefined);
    if (!ctx) return;
    const o = quizBundle().tick(this.screenOf(ctx), ctx);
    if (o) await this.apply(o, ctx);
  }

  async redraw(): Promise<void> {
    // Taken before the first await: the redraw a message causes starts while it is handled.
    const awaiting = this.awaiting;
    this.awaiting = undefined;
    const ctx = await this.context();
    const msg: ToWebview = { type: 'render', view: quizBundle().render(this.screenOf(ctx), ctx) };
    const posting = this.webview.postMessage(msg);
    // The host's share ends when the view is handed to VS Code; the delivery to the webview
    // (another process, here across code-server's connection) is timed apart.
    if (awaiting) this.perf?.record(`quiz:${awaiting.type}`, performance.now() - awaiting.arrived);
    await posting;
    if (awaiting) this.perf?.record(`quiz:${awaiting.type}:delivered`, performance.now() - awaiting.arrived);
  }

  focus(): void {
    void this.webview.postMessage({ type: 'focus' } satisfies ToWebview);
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
