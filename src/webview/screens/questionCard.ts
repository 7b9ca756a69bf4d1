import type { FeedbackView, QuestionView } from '../../protocol';
import { h, icon } from '../dom';
import { markdownElement } from '../markdownHost';

export interface CardOptions {
  selected: readonly string[];
  /** Options can be picked (false once submitted, or in a read-only review). */
  interactive: boolean;
  feedback?: FeedbackView;
  onPick?: (letter: string) => void;
  /** Prefix for element ids, unique per card on the page. */
  idPrefix: string;
}

const DIFFICULTY: Record<'easy' | 'medium' | 'hard', string> = { easy: 'Easy', medium: 'Medium', hard: 'Hard' };

const COUNT_WORDS: Record<number, string> = { 2: 'TWO', 3: 'THREE', 4: 'FOUR' };

/** The letter shown for the option at this position (options are shuffled per attempt). */
export const shownLetter = (index: number): string => 'ABCDE'[index] ?? '?';

/** The shown letters of the given choice ids, in the order shown. */
export function shownLetters(q: QuestionView, ids: readonly string[]): string[] {
  return q.choices.flatMap((c, i) => (ids.includes(c.id) ? [shownLetter(i)] : []));
}

/**
 * The question's header line. Before the answer it holds at most the domain (practice); objective,
 * difficulty and APIs arrive with the feedback, as `about`.
 */
export function questionMeta(q: QuestionView): HTMLElement | null {
  if (!q.domain && !q.about) return null;
  const a = q.about;
  return h('div', { class: 'meta' },
    q.domain ? h('span', { class: 'badge' }, q.domain.title) : null,
    a ? h('span', { class: 'badge subtle', title: a.objective.title }, `${a.objective.id} · ${a.objective.title}`) : null,
    a ? h('span', { class: `badge difficulty ${a.difficulty}` }, DIFFICULTY[a.difficulty]) : null,
    ...(a?.symbols ?? []).map((s) => h('code', { class: 'badge api', title: `This question is about ${s}` }, s.split('.').slice(-2).join('.'))),
  );
}

/**
 * The selection after a click on option `id`, by the rules the extension applies again on Submit
 * (engine/grading.ts pick): one option replaces the other in a single-answer question; in a
 * multiple-answer one a click toggles, up to as many as the question asks for.
 */
export function toggleChoice(q: QuestionView, selected: readonly string[], id: string): string[] {
  if (!q.choices.some((c) => c.id === id)) return [...selected];
  if (q.type === 'single') return [id];
  if (selected.includes(id)) return selected.filter((s) => s !== id);
  if (selected.length >= q.select) return [...selected];
  return [...selected, id].sort();
}

/** Shows a selection on a card drawn by questionCard, without drawing it again. */
export function showSelection(card: HTMLElement, selected: readonly string[]): void {
  for (const input of card.querySelectorAll<HTMLInputElement>('input[data-choice]')) {
    const on = selected.includes(input.dataset.choice!);
    input.checked = on;
    input.closest('.choice')?.classList.toggle('selected', on);
  }
}

/** Stem and options; with feedback, every option's verdict and explanation. */
export function questionCard(q: QuestionView, o: CardOptions): HTMLElement {
  const multiple = q.type === 'multiple';
  const name = `${o.idPrefix}-choice`;
  const stemId = `${o.idPrefix}-stem`;
  const fieldset = h('fieldset', { class: 'choices', 'aria-describedby': stemId },
    h('legend', { class: 'visually-hidden' }, multiple ? `Select ${COUNT_WORDS[q.select] ?? q.select}` : 'Select one'),
  );
  q.choices.forEach((c, i) => {
    const checked = o.selected.includes(c.id);
    const inputId = `${o.idPrefix}-opt-${c.id}`;
    const fb = o.feedback;
    const isKey = fb?.keys.includes(c.id);
    const verdict = fb ? (isKey ? (checked ? 'right' : 'missed') : checked ? 'wrong' : 'neutral') : undefined;
    const input = h('input', {
      type: multiple ? 'checkbox' : 'radio', name, id: inputId, value: c.id, checked, disabled: !o.interactive,
      'data-choice': c.id, 'data-autofocus': i === 0 && o.interactive ? '1' : undefined,
    });
    if (o.interactive && o.onPick) input.addEventListener('change', () => o.onPick!(c.id));
    const label = h('label', { for: inputId, class: 'choice-label' },
      h('span', { class: 'letter', 'aria-hidden': 'true' }, shownLetter(i)),
      markdownElement(c.text, true, 'span'),
    );
    const row = h('div', { class: `choice${checked ? ' selected' : ''}${verdict ? ' ' + verdict : ''}` }, input, label);
    if (fb) {
      const text = verdict === 'right' ? 'Correct: you chose it.' : verdict === 'missed' ? 'Correct answer: you did not choose it.' : verdict === 'wrong' ? 'Wrong: you chose it.' : 'Not a correct answer.';
      const iconName = isKey ? 'pass' : verdict === 'wrong' ? 'error' : 'circle-slash';
      row.append(h('div', { class: 'explanation' },
        h('div', { class: 'verdict' }, icon(iconName), h('span', {}, text)),
        markdownElement(fb.explanations[c.id] ?? ''),
      ));
    }
    fieldset.append(row);
  });
  const stem = markdownElement(q.stem);
  stem.id = stemId;
  stem.classList.add('stem');
  const parts: Node[] = [stem];
  // Said the way stems say it ("Select TWO."), so the hint and the stem agree.
  if (multiple) parts.push(h('p', { class: 'hint' }, `Select ${COUNT_WORDS[q.select] ?? q.select}.`));
  parts.push(fieldset);
  if (o.feedback?.versionNote) {
    parts.push(h('aside', { class: 'version-note', 'aria-label': 'Version note' }, h('strong', {}, icon('versions'), ' Versions'), markdownElement(o.feedback.versionNote)));
  }
  if (o.feedback?.docs.length) {
    parts.push(h('p', { class: 'docs' }, icon('book'), ' ', ...o.feedback.docs.flatMap((d, i) => [i ? ' · ' : '', h('a', { href: d, 'data-external': d }, docsLabel(d))])));
  }
  return h('div', { class: 'question' }, ...parts);
}

/**
 * A docs link's text: its host and path. A URL no parser takes (a pack's `docs:` the checks let
 * through, say with a port like `:x`) is shown as written rather than failing the whole screen.
 */
function docsLabel(url: string): string {
  try {
    const u = new URL(url);
    return u.hostname + u.pathname.replace(/\/$/, '');
  } catch {
    return url;
  }
}
