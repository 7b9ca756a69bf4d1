import type { View } from '../protocol';
import { h } from './dom';
import { setPlainText } from './markdownHost';
import type { Post } from './post';

// Kept apart from main.ts (which acquires the VS Code API when it loads) so that a unit test can
// drive it with a screen builder that throws.

/**
 * Builds the screen; if that throws (content no renderer expected), builds it again with every
 * piece of Markdown as plain text, says so above it, and tells the extension, which logs it. Every
 * button still works, so the learner can submit and move on. If even that throws, a screen with a
 * way back to the start: the panel never stays blank.
 */
export function buildSafely(view: View, build: (view: View) => HTMLElement, post: Post): HTMLElement {
  try {
    return build(view);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    post({ type: 'renderError', screen: view.screen, ...('question' in view ? { questionId: view.question.id } : {}), message: message.slice(0, 2000) });
    setPlainText(true);
    try {
      const el = build(view);
      el.prepend(h('div', { class: 'banner warning', role: 'alert' }, 'This question could not be formatted, so it is shown as plain text. The problem is logged in the ML Associate Prep output.'));
      return el;
    } catch (again) {
      return h('section', { class: 'screen empty', role: 'alert' }, h('p', {}, `This screen could not be drawn: ${again instanceof Error ? again.message : String(again)}`),
        h('button', { class: 'primary', 'data-autofocus': '1', onclick: () => post({ type: 'show', screen: 'home' }) }, 'Back to the start'));
    } finally {
      setPlainText(false);
    }
  }
}
