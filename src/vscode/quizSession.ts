import * as vscode from 'vscode';
import type { Screen } from '../core/quizApp';

/**
 * The one quiz session of the window, owned by the extension host: the sidebar view and the
 * editor tab show the same screen, and a change made in one redraws the other.
 */
export class SharedQuizScreen implements vscode.Disposable {
  private current: Screen | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  get screen(): Screen | undefined {
    return this.current;
  }

  set(screen: Screen): void {
    const same = JSON.stringify(screen) === JSON.stringify(this.current);
    this.current = screen;
    if (!same) this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
