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

  /**
   * Sets the screen; when it changed and `notify` is on, every quiz redraws. Returns whether it
   * changed. A caller about to record progress passes notify off: the store's change redraws them.
   */
  set(screen: Screen, notify = true): boolean {
    const same = JSON.stringify(screen) === JSON.stringify(this.current);
    this.current = screen;
    if (!same && notify) this.changed.fire();
    return !same;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
