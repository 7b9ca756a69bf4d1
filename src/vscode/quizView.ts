import * as vscode from 'vscode';
import type { AppContext, Outcome } from '../core/quizApp';
import type { ProgressStore } from '../core/progress/store';
import type { ContentLoader } from './content';
import type { PerfLog } from './perfLog';
import { QuizController } from './quizController';
import { SharedQuizScreen } from './quizSession';
import { webviewHtml, webviewOptions } from './webviewHtml';

export const QUIZ_VIEW_ID = 'mlAssociatePrep.quiz';
/** The quiz tab's webview type (package.json activates on it, to restore the tab after a reload). */
export const QUIZ_PANEL_TYPE = 'mlAssociatePrep.quizPanel';

/** The quiz in the sidebar, and on request in an editor tab for long sessions. */
export class QuizViews implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: { webview: vscode.WebviewView; controller: QuizController } | undefined;
  private panel: { panel: vscode.WebviewPanel; controller: QuizController } | undefined;
  private pending: ((ctx: AppContext) => Outcome)[] = [];
  /** One session for the sidebar and the tab. */
  private readonly shared = new SharedQuizScreen();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly content: ContentLoader,
    private readonly store: ProgressStore,
    private readonly log: vscode.LogOutputChannel,
    private readonly perf?: PerfLog,
  ) {}

  /** Handles `message` as if the sidebar quiz had sent it (the integration tests' way in); resolves once it is handled. */
  deliver(message: unknown): Promise<void> {
    if (!this.view) return Promise.reject(new Error('the quiz view is not open'));
    return this.view.controller.receive(message);
  }

  resolveWebviewView(webviewView: vscode.WebviewView): void {
    webviewView.webview.options = webviewOptions(this.extensionUri);
    webviewView.webview.html = webviewHtml(webviewView.webview, this.extensionUri);
    const controller = new QuizController(webviewView.webview, this.content, this.store, this.log, () => this.openPanel(), this.shared, this.perf);
    this.view = { webview: webviewView, controller };
    void controller.prepare();
    webviewView.onDidDispose(() => {
      controller.dispose();
      if (this.view?.controller === controller) this.view = undefined;
    });
    webviewView.onDidChangeVisibility(() => webviewView.visible && void controller.redraw());
    for (const make of this.pending.splice(0)) void controller.run(make);
  }

  /** Opens (or reveals) the quiz as an editor tab. */
  openPanel(): void {
    if (this.panel) {
      this.panel.panel.reveal();
      return;
    }
    this.adoptPanel(vscode.window.createWebviewPanel(QUIZ_PANEL_TYPE, 'ML Associate Prep', vscode.ViewColumn.Active, { ...webviewOptions(this.extensionUri), retainContextWhenHidden: false }));
  }

  /** Takes charge of a quiz tab: a new one, or one VS Code restores after a reload. */
  private adoptPanel(panel: vscode.WebviewPanel): void {
    panel.webview.options = webviewOptions(this.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'activity.svg');
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, 'panel');
    const controller = new QuizController(panel.webview, this.content, this.store, this.log, () => panel.reveal(), this.shared, this.perf);
    this.panel = { panel, controller };
    void controller.prepare();
    panel.onDidDispose(() => {
      controller.dispose();
      this.panel = undefined;
    });
  }

  /** Brings the quiz tab back after a window reload, on the session the window had. */
  readonly serializer: vscode.WebviewPanelSerializer = {
    deserializeWebviewPanel: async (panel: vscode.WebviewPanel) => {
      if (this.panel) {
        panel.dispose();
        return;
      }
      this.adoptPanel(panel);
    },
  };

  /** Shows the quiz (the tab if open, else the sidebar) and runs an outcome there. */
  async show(make?: (ctx: AppContext) => Outcome): Promise<void> {
    if (this.panel) {
      this.panel.panel.reveal();
      if (make) await this.panel.controller.run(make);
      this.panel.controller.focus();
      return;
    }
    await vscode.commands.executeCommand(`${QUIZ_VIEW_ID}.focus`);
    if (!make) return;
    if (this.view) {
      await this.view.controller.run(make);
      this.view.controller.focus();
    } else this.pending.push(make); // the view resolves after focus; run it then
  }

  /** Redraws every open quiz (after the bank changed). */
  async redrawAll(): Promise<void> {
    await Promise.all([this.view?.controller.redraw(), this.panel?.controller.redraw()]);
  }

  dispose(): void {
    this.view?.controller.dispose();
    this.panel?.panel.dispose();
    this.shared.dispose();
  }
}
