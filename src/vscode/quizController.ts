import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Bank } from '../core/bank';
import { handle, initialScreen, render, tick, type AppContext, type Outcome, type Screen } from '../core/quizApp';
import type { ProgressStore } from '../core/progress/store';
import { FromWebviewSchema, type ToWebview } from '../protocol';
import type { ContentLoader } from './content';
import { readSettings } from './settings';

/**
 * Drives one quiz webview (the sidebar view or an editor tab) with the pure quiz app: validates
 * every message, records what the app says to record, posts the next view. All webviews share the
 * same store, so a tab and the sidebar stay in step.
 */
export class QuizController implements vscode.Disposable {
  private screen: Screen | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly content: ContentLoader,
    private readonly store: ProgressStore,
    private readonly log: vscode.LogOutputChannel,
    private readonly openInEditor: () => void,
  ) {
    this.disposables.push(
      webview.onDidReceiveMessage((m) => void this.serial(() => this.onMessage(m))),
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

  private async context(): Promise<AppContext> {
    const bank: Bank = await this.content.get();
    return { bank, progress: this.store.progress, now: Date.now(), settings: readSettings(), newId: randomUUID, random: Math.random };
  }

  private async onMessage(raw: unknown): Promise<void> {
    const parsed = FromWebviewSchema.safeParse(raw);
    if (!parsed.success) {
      this.log.warn(`quiz: ignored an unexpected message from the webview: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return;
    }
    if (parsed.data.type === 'renderError') {
      const d = parsed.data;
      this.log.error(`quiz: the panel could not draw ${d.screen}${d.questionId ? ` (question ${d.questionId})` : ''} and shows it as plain text: ${d.message}`);
      return;
    }
    try {
      const ctx = await this.context();
      this.screen ??= initialScreen(ctx);
      await this.apply(handle(parsed.data, this.screen, ctx));
    } catch (e) {
      this.log.error(`quiz: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      void vscode.window.showErrorMessage(`ML Associate Prep: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Runs an outcome made outside the webview (a command such as "Quiz me on this"). */
  run(make: (ctx: AppContext) => Outcome): Promise<void> {
    return this.serial(async () => this.apply(make(await this.context())));
  }

  private async apply(o: Outcome): Promise<void> {
    this.screen = o.screen;
    if (o.deltas.length) await this.store.apply(...o.deltas); // redraws through onDidChange
    else await this.redraw();
    if (o.openUrl) void vscode.env.openExternal(vscode.Uri.parse(o.openUrl));
    if (o.openInEditor) this.openInEditor();
  }

  private async onTick(): Promise<void> {
    const ctx = await this.context().catch(() => undefined);
    if (!ctx) return;
    const o = tick(this.screen ?? initialScreen(ctx), ctx);
    if (o) await this.apply(o);
  }

  async redraw(): Promise<void> {
    const ctx = await this.context();
    this.screen ??= initialScreen(ctx);
    const msg: ToWebview = { type: 'render', view: render(this.screen, ctx) };
    await this.webview.postMessage(msg);
  }

  focus(): void {
    void this.webview.postMessage({ type: 'focus' } satisfies ToWebview);
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
