import type { QuestionScreen, SummaryView } from '../../protocol';
import { duration, h, icon } from '../dom';
import type { Post } from '../post';
import { questionCard, questionMeta, showSelection, shownLetters, toggleChoice } from './questionCard';

const RATINGS = [
  { id: 'again', label: 'I guessed', hint: 'Show it again soon' },
  { id: 'hard', label: 'Hard', hint: 'Right, with effort' },
  { id: 'good', label: 'Good', hint: 'The default for a right answer' },
  { id: 'easy', label: 'Easy', hint: 'Show it much later' },
] as const;

/**
 * The options picked on the question on screen, kept here until Submit sends them: a click shows
 * at once, with no round trip to the extension. A redraw of the same question (after a flag, say)
 * keeps them; another question or a submitted one starts from what the extension sent.
 */
let picked: { key: string; selected: string[] } | undefined;

export function practiceScreen(v: QuestionScreen, post: Post): HTMLElement {
  const q = v.question;
  // The question in its place in its set: the same question met again in another set starts clean.
  const key = `${v.sessionTitle}\u0000${v.index}\u0000${q.id}`;
  if (v.submitted || picked?.key !== key) picked = v.submitted ? undefined : { key, selected: [...v.selected] };
  const local = picked;
  const selected = local?.selected ?? v.selected;
  const ready = () => (local?.selected.length ?? 0) === q.select;
  const submit = () => {
    if (local && ready()) post({ type: 'submit', questionId: q.id, selected: local.selected });
  };
  const header = h('header', { class: 'screen-head' },
    h('div', { class: 'crumbs' },
      h('button', { class: 'link', onclick: () => post({ type: 'show', screen: 'home' }), title: 'Back to the start (your set is kept)' }, icon('arrow-left'), ' Home'),
      h('span', { class: 'session-title' }, v.sessionTitle),
    ),
    h('div', { class: 'progress', role: 'status', 'aria-label': `Question ${v.index + 1} of ${v.total}` },
      h('span', {}, `${v.index + 1} / ${v.total}`),
      h('progress', { max: v.total, value: v.index + (v.submitted ? 1 : 0), 'aria-hidden': 'true' }),
    ),
  );
  const submitButton = h('button', { class: 'primary', disabled: !ready(), 'data-action': 'submit', onclick: submit, title: 'Submit (Enter)' }, 'Submit');
  const card: HTMLElement = questionCard(q, {
    selected, interactive: !v.submitted, idPrefix: 'q',
    ...(v.feedback ? { feedback: v.feedback } : {}),
    onPick: (letter) => {
      if (!local) return;
      local.selected = toggleChoice(q, local.selected, letter);
      showSelection(card, local.selected);
      (submitButton as HTMLButtonElement).disabled = !ready();
    },
  });
  const actions = h('div', { class: 'actions' });
  if (!v.submitted) {
    actions.append(
      submitButton,
      h('button', { class: 'secondary', 'data-action': 'skip', onclick: () => post({ type: 'next' }) }, 'Skip'),
    );
  } else {
    actions.append(h('button', { class: 'primary', 'data-action': 'next', 'data-autofocus': '1', onclick: () => post({ type: 'next' }), title: 'Next (Enter)' }, v.index + 1 === v.total ? 'Finish' : 'Next', ' ', icon('arrow-right')));
  }
  actions.append(
    h('button', { class: `secondary icon-text${v.flagged ? ' on' : ''}`, 'aria-pressed': String(v.flagged), onclick: () => post({ type: 'flag', questionId: q.id }), title: 'Flag for the "Flagged" drill (F)' }, icon(v.flagged ? 'bookmark' : 'bookmark'), v.flagged ? ' Flagged' : ' Flag'),
    h('button', { class: 'link end', onclick: () => post({ type: 'endSession' }) }, 'End set'),
  );
  const meta = questionMeta(q);
  const parts: Node[] = meta ? [header, meta] : [header];
  if (v.feedback) {
    parts.push(h('div', { class: `result ${v.feedback.correct ? 'right' : 'wrong'}`, role: 'status', tabindex: '-1' }, icon(v.feedback.correct ? 'pass-filled' : 'error'), v.feedback.correct ? ' Right' : ' Not quite: the correct answer is ' + shownLetters(q, v.feedback.keys).join(' and ')));
  } else if (v.submitted) {
    parts.push(h('div', { class: 'result neutral', role: 'status', tabindex: '-1' }, icon('check'), ' Answer saved. Explanations come at the end of the set.'));
  }
  parts.push(card);
  if (v.feedback?.correct && v.feedback.answerId) {
    const answerId = v.feedback.answerId;
    parts.push(h('div', { class: 'rating', role: 'group', 'aria-label': 'How well did you know it? (for spaced repetition)' },
      h('span', { class: 'rating-label' }, 'How well did you know it?'),
      ...RATINGS.map((r) => h('button', {
        class: `chip${(v.feedback!.rating ?? 'good') === r.id ? ' on' : ''}`, 'aria-pressed': String((v.feedback!.rating ?? 'good') === r.id), title: r.hint,
        onclick: () => post({ type: 'rate', answerId, rating: r.id }),
      }, r.label)),
    ));
  }
  parts.push(actions);
  return h('section', { class: 'screen practice', 'aria-label': v.sessionTitle }, ...parts);
}

export function summaryScreen(v: SummaryView, post: Post): HTMLElement {
  const total = v.right + v.wrong + v.skipped;
  return h('section', { class: 'screen summary', 'aria-label': 'Set finished' },
    h('h2', {}, v.title),
    h('p', { class: 'score', role: 'status' }, `${v.right} right · ${v.wrong} wrong · ${v.skipped} skipped of ${total}`),
    h('div', { class: 'actions' },
      h('button', { class: 'primary', 'data-autofocus': '1', onclick: () => post({ type: 'show', screen: 'home' }) }, 'Done'),
      h('button', { class: 'secondary', onclick: () => post({ type: 'startDrill', kind: 'mistakes' }) }, 'Drill my mistakes'),
    ),
    v.items.length ? h('h3', {}, 'Review') : null,
    ...v.items.map((it, i) => h('details', { class: `review-item ${it.feedback.correct ? 'right' : 'wrong'}`, open: !it.feedback.correct },
      h('summary', {}, icon(it.feedback.correct ? 'pass' : 'error'), ` ${i + 1}. ${it.question.about?.topic ?? ''}`, it.spentMs ? h('span', { class: 'muted' }, ` · ${duration(it.spentMs)}`) : null),
      questionCard(it.question, { selected: it.selected, interactive: false, feedback: it.feedback, idPrefix: `r${i}` }),
    )),
  );
}
