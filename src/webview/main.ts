import { ToWebviewSchema, type FromWebview, type View } from '../protocol';
import { emptyScreen, homeScreen } from './screens/home';
import { MockClock, mockReportScreen, mockScreen } from './screens/mock';
import { practiceScreen, summaryScreen } from './screens/practice';
import { setupScreen } from './screens/setup';
import { statsScreen } from './screens/stats';

// The quiz panel's browser side. It draws the view the extension sends and reports what the user
// does; it holds no progress of its own, so a reload only needs the next render.

declare function acquireVsCodeApi(): { postMessage(msg: unknown): void };
const vscode = acquireVsCodeApi();
const root = document.getElementById('app')!;
const clock = new MockClock();
let current: View | undefined;

const post = (msg: FromWebview) => vscode.postMessage(msg);

function draw(view: View): void {
  const sameScreen = current?.screen === view.screen && (view.screen !== 'question' || (current as typeof view).question.id === view.question.id);
  const scroll = sameScreen ? window.scrollY : 0;
  const focusedAction = (document.activeElement as HTMLElement | null)?.dataset?.action ?? (document.activeElement as HTMLElement | null)?.dataset?.choice;
  const previous = current;
  current = view;
  clock.stop();
  let el: HTMLElement;
  switch (view.screen) {
    case 'home': el = homeScreen(view, post); break;
    case 'setup': el = setupScreen(view, post); break;
    case 'question': el = practiceScreen(view, post); break;
    case 'summary': el = summaryScreen(view, post); break;
    case 'mock': el = mockScreen(view, post, clock); break;
    case 'mockReport': el = mockReportScreen(view, post); break;
    case 'stats': el = statsScreen(view, post); break;
    case 'empty': el = emptyScreen(view, post); break;
  }
  const justSubmitted = view.screen === 'question' && view.submitted && previous?.screen === 'question' && !previous.submitted && previous.question.id === view.question.id;
  root.replaceChildren(el);
  window.scrollTo(0, scroll);
  // After submitting, show the verdict first; the explanations follow below it.
  if (justSubmitted) root.querySelector('.result')?.scrollIntoView({ block: 'start' });
  // Keep focus where the user was (same choice or button), else the screen's main control.
  const keep = focusedAction && sameScreen ? root.querySelector<HTMLElement>(`[data-action="${focusedAction}"], [data-choice="${focusedAction}"]`) : null;
  // Focus never scrolls: a new screen starts at its top, the same screen stays where it was.
  (keep ?? root.querySelector<HTMLElement>('[data-autofocus]'))?.focus({ preventScroll: true });
}

window.addEventListener('message', (event: MessageEvent) => {
  const parsed = ToWebviewSchema.safeParse(event.data);
  if (!parsed.success) return; // not ours, or not a shape we know: ignore
  if (parsed.data.type === 'render') draw(parsed.data.view);
  else root.querySelector<HTMLElement>('[data-autofocus]')?.focus();
});

// Links open in the browser through the extension (a webview cannot navigate).
document.addEventListener('click', (e) => {
  const a = (e.target as HTMLElement).closest('a');
  if (!a) return;
  e.preventDefault();
  const url = a.getAttribute('data-external') ?? a.getAttribute('href') ?? '';
  if (/^https:\/\//.test(url)) post({ type: 'openDocs', url });
});

const LETTERS = ['a', 'b', 'c', 'd', 'e'];

/** Keyboard: 1-5 or A-E pick, Enter submits then advances; in a mock ←/→ move and F flags. */
document.addEventListener('keydown', (e) => {
  if (e.altKey || e.ctrlKey || e.metaKey || !current) return;
  const target = e.target as HTMLElement;
  if (target.closest('form, select, textarea') || (target instanceof HTMLInputElement && !['radio', 'checkbox'].includes(target.type))) return;
  const key = e.key.toLowerCase();
  const index = /^[1-5]$/.test(key) ? Number(key) - 1 : LETTERS.indexOf(key);
  const view = current;
  if (view.screen === 'question' || view.screen === 'mock') {
    const q = view.question;
    if (index >= 0 && index < q.choices.length && !(view.screen === 'question' && view.submitted) && !(view.screen === 'mock' && view.paused)) {
      e.preventDefault();
      const choice = q.choices[index]!.id;
      post(view.screen === 'question' ? { type: 'select', questionId: q.id, choice } : { type: 'mockSelect', questionId: q.id, choice });
      root.querySelector<HTMLElement>(`[data-choice="${choice}"]`)?.focus();
      return;
    }
  }
  if (view.screen === 'question' && key === 'enter' && !target.matches('button')) {
    e.preventDefault();
    if (!view.submitted) {
      if (view.selected.length === view.question.select) post({ type: 'submit', questionId: view.question.id });
    } else post({ type: 'next' });
    return;
  }
  if (view.screen === 'mock' && !view.paused) {
    if (((key === 'arrowright' && !target.matches('input')) || (key === 'enter' && !target.matches('button'))) && view.index + 1 < view.total) { e.preventDefault(); post({ type: 'mockGoto', index: view.index + 1 }); }
    else if (key === 'arrowleft' && view.index > 0 && !target.matches('input')) { e.preventDefault(); post({ type: 'mockGoto', index: view.index - 1 }); }
    else if (key === 'f') { e.preventDefault(); post({ type: 'mockFlag' }); }
  }
});

post({ type: 'ready' });
