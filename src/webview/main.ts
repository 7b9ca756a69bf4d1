import type { FromWebview, View } from '../protocol';
import { fromExtension } from './inbox';
import { loadMarkdown, markdownLoaded } from './markdownHost';
import { emptyScreen, homeScreen } from './screens/home';
import { MockClock, mockReportScreen, mockScreen } from './screens/mock';
import { practiceScreen, summaryScreen } from './screens/practice';
import { setupScreen } from './screens/setup';
import { statsScreen } from './screens/stats';
import { buildSafely } from './safeRender';

// The quiz panel's browser side. It draws the view the extension sends and reports what the user
// does; it holds no progress of its own, so a reload only needs the next render.

// The page's own timeline of its first view, read by the e2e perf test: this script running, the
// first view arriving, and (below, in show) the frame after it was drawn.
performance.mark('mlap:script');

declare function acquireVsCodeApi(): { postMessage(msg: unknown): void; setState(state: unknown): void };
const vscode = acquireVsCodeApi();
const root = document.getElementById('app')!;
const clock = new MockClock();
let current: View | undefined;

const post = (msg: FromWebview) => vscode.postMessage(msg);

// The Markdown renderer's script and the nonce it must carry, read while this script runs (a
// browser hides the nonce attribute afterwards, but keeps the element's nonce property).
const markdownSrc = document.body.dataset.markdown ?? '';
const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';
/** Screens that show question text (Markdown). The home, setup and stats screens draw without it. */
const MARKDOWN_SCREENS: ReadonlySet<View['screen']> = new Set(['question', 'summary', 'mock', 'mockReport']);
/** The latest view that waits for the renderer (a newer one replaces it). */
let waiting: View | undefined;
let paintedSent = false;

/** The view on screen, as it arrived: the same view again (the answer to 'ready' after the early first view) is not redrawn. */
let currentJson = '';

/** Draws the view, first loading the Markdown renderer if the view needs it and it is not loaded yet. */
function show(view: View): void {
  if (!MARKDOWN_SCREENS.has(view.screen) || markdownLoaded()) {
    waiting = undefined;
    const json = JSON.stringify(view);
    if (json === currentJson) return;
    currentJson = json;
    draw(view);
    if (!paintedSent) {
      paintedSent = true;
      // After the next frame's paint: the panel's open time, which only this side can see.
      requestAnimationFrame(() => setTimeout(() => {
        performance.mark('mlap:first-view'); // read by the e2e perf test
        post({ type: 'painted', screen: view.screen });
      }));
    }
    return;
  }
  const first = !waiting;
  waiting = view;
  if (first) void loadMarkdown(markdownSrc, nonce).then(() => waiting && show(waiting));
}

/** The screen's element for a view. */
function build(view: View): HTMLElement {
  switch (view.screen) {
    case 'home': return homeScreen(view, post, clock);
    case 'setup': return setupScreen(view, post);
    case 'question': return practiceScreen(view, post);
    case 'summary': return summaryScreen(view, post);
    case 'mock': return mockScreen(view, post, clock);
    case 'mockReport': return mockReportScreen(view, post);
    case 'stats': return statsScreen(view, post);
    case 'empty': return emptyScreen(view, post);
  }
}

function draw(view: View): void {
  const sameScreen = current?.screen === view.screen && (view.screen !== 'question' || (current as typeof view).question.id === view.question.id);
  const scroll = sameScreen ? window.scrollY : 0;
  const focusedAction = (document.activeElement as HTMLElement | null)?.dataset?.action ?? (document.activeElement as HTMLElement | null)?.dataset?.choice;
  const previous = current;
  current = view;
  // A saved state tells VS Code to restore the quiz tab after a reload (the extension's serializer
  // then draws the session the window had); the screen name is all it needs to keep.
  vscode.setState({ screen: view.screen });
  clock.stop();
  const el = buildSafely(view, build, post);
  const justSubmitted = view.screen === 'question' && view.submitted && previous?.screen === 'question' && !previous.submitted && previous.question.id === view.question.id;
  root.replaceChildren(el);
  window.scrollTo(0, scroll);
  // After submitting, show the verdict first; the explanations follow below it.
  if (justSubmitted) root.querySelector('.result')?.scrollIntoView({ block: 'start' });
  // ... and take the focus there (the option that had it is now disabled): a screen reader reads
  // the verdict, and Tab goes on to the ratings and Next.
  // Focus moves only while the panel has it: a render that arrives after the learner went to the
  // command palette or the editor must not pull the focus back (it would close the palette).
  if (!document.hasFocus()) return;
  const result = justSubmitted ? root.querySelector<HTMLElement>('.result') : null;
  if (result) {
    result.focus({ preventScroll: true });
    return;
  }
  // Keep focus where the user was (same choice or button), else the screen's main control.
  const keep = focusedAction && sameScreen ? root.querySelector<HTMLElement>(`[data-action="${focusedAction}"], [data-choice="${focusedAction}"]`) : null;
  // Focus never scrolls: a new screen starts at its top, the same screen stays where it was.
  (keep ?? root.querySelector<HTMLElement>('[data-autofocus]'))?.focus({ preventScroll: true });
}

window.addEventListener('message', (event: MessageEvent) => {
  const msg = fromExtension(event.data);
  if (!msg) return; // not ours: ignore
  if (msg.type === 'render') {
    if (!paintedSent && !performance.getEntriesByName('mlap:view-arrived').length) performance.mark('mlap:view-arrived');
    show(msg.view);
  } else root.querySelector<HTMLElement>('[data-autofocus]')?.focus();
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

/** Moves focus to the option `step` places away (wrapping), without changing the selection. */
function focusOption(from: HTMLElement, step: number): void {
  const inputs = [...root.querySelectorAll<HTMLInputElement>('input[data-choice]:not([disabled])')];
  if (!inputs.length) return;
  const at = inputs.indexOf(from as HTMLInputElement);
  const next = at < 0 ? inputs[0]! : inputs[(at + step + inputs.length) % inputs.length]!;
  next.focus();
}

/**
 * The keyboard model (README, "Keyboard"): 1-5 or A-E pick; ↑/↓ move between options without
 * picking (Space picks the focused one); Enter submits, then moves on; F flags. In the mock, ←/→
 * always move between questions and never change an answer, wherever the focus is: the options'
 * native arrow keys, which would change the selected radio, are taken over.
 */
document.addEventListener('keydown', (e) => {
  if (e.altKey || e.ctrlKey || e.metaKey || !current) return;
  const target = e.target as HTMLElement;
  if (target.closest('form, select, textarea') || (target instanceof HTMLInputElement && !['radio', 'checkbox'].includes(target.type))) return;
  const key = e.key.toLowerCase();
  const view = current;
  if (view.screen !== 'question' && view.screen !== 'mock') return;
  if (view.screen === 'mock' && view.paused) return;
  const q = view.question;
  const onOption = target instanceof HTMLInputElement && !!target.dataset.choice;
  const index = /^[1-5]$/.test(key) ? Number(key) - 1 : LETTERS.indexOf(key);
  const locked = view.screen === 'question' && view.submitted;
  if (index >= 0 && index < q.choices.length && !locked) {
    e.preventDefault();
    const choice = q.choices[index]!.id;
    // As a click: the screen updates its own selection (and, in a mock, tells the extension).
    const input = root.querySelector<HTMLInputElement>(`input[data-choice="${choice}"]`);
    if (input && !(input.type === 'radio' && input.checked)) input.click();
    input?.focus();
    return;
  }
  if (key === 'arrowup' || key === 'arrowdown' || (view.screen === 'question' && onOption && (key === 'arrowleft' || key === 'arrowright'))) {
    if (!onOption) return;
    e.preventDefault();
    focusOption(target, key === 'arrowup' || key === 'arrowleft' ? -1 : 1);
    return;
  }
  if (key === 'f') {
    e.preventDefault();
    post(view.screen === 'question' ? { type: 'flag', questionId: q.id } : { type: 'mockFlag' });
    return;
  }
  if (view.screen === 'question') {
    if (key === 'enter' && !target.matches('button')) {
      e.preventDefault();
      if (!view.submitted) {
        root.querySelector<HTMLButtonElement>('button[data-action="submit"]:not([disabled])')?.click();
      } else post({ type: 'next' });
    }
    return;
  }
  const forward = key === 'arrowright' || (key === 'enter' && !target.matches('button'));
  if (forward || key === 'arrowleft') {
    // Taken over even at the first or last question, so an arrow never changes the answer.
    e.preventDefault();
    const to = view.index + (forward ? 1 : -1);
    if (to >= 0 && to < view.total) post({ type: 'mockGoto', index: to });
  }
});

post({ type: 'ready' });
