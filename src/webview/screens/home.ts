import type { HomeView, View } from '../../protocol';
import { READINESS_MIN } from '../../protocolLimits';
import type { MockClock } from './mock';
import { h, icon, pct } from '../dom';
import type { Post } from '../post';
import { examSection } from './examPanel';

function tile(title: string, detail: string, iconName: string, onclick: () => void, attrs: Record<string, string> = {}): HTMLElement {
  return h('button', { class: 'tile', onclick, ...attrs }, h('span', { class: 'tile-title' }, icon(iconName), ' ', title), h('span', { class: 'tile-detail' }, detail));
}

export function homeScreen(v: HomeView, post: Post, clock: MockClock): HTMLElement {
  const bp = v.blueprint;
  const parts: Node[] = [
    h('header', { class: 'home-head' },
      h('h2', {}, 'ML Associate Prep'),
      h('p', { class: 'muted' }, `${bp.title} · ${bp.questions} questions · ${bp.minutes} min`),
      h('p', { class: 'muted bank-line' }, `${v.totalQuestions} questions on this blueprint${v.otherQuestions ? `, and ${v.otherQuestions} on topics only the older guides list (Practice › Older guides)` : ''}.`),
    ),
  ];
  if (v.exam) parts.push(examSection(v.exam, post));
  if (v.activeMock) {
    // The time left counts down here too (the exam's clock keeps running while you look away).
    const left = h('span', { class: 'clock', role: 'timer' });
    clock.start(left, v.activeMock.remainingMs, v.activeMock.paused);
    parts.push(h('div', { class: 'banner' }, icon('watch'), ` Mock exam in progress: ${v.activeMock.answered}/${v.activeMock.total} answered, `, left, ` left${v.activeMock.paused ? ' (paused)' : ''}. `,
      h('button', { class: 'primary', 'data-autofocus': '1', onclick: () => post({ type: 'resume' }) }, 'Resume mock')));
  } else if (v.resumable) {
    parts.push(h('div', { class: 'banner' }, icon('debug-continue'), ` ${v.resumable.title}: question ${v.resumable.index + 1} of ${v.resumable.total}. `,
      h('button', { class: 'primary', 'data-autofocus': '1', onclick: () => post({ type: 'resume' }) }, 'Resume')));
  }
  const busy = !!(v.resumable || v.activeMock);
  if (v.answered < READINESS_MIN && !busy) {
    // First run: one obvious first step, and why.
    parts.push(h('section', { class: 'start-here', 'aria-label': 'Start here' },
      h('h3', {}, icon('rocket'), ' Start here'),
      h('p', {}, `Answer ${READINESS_MIN} questions from every domain to get your first readiness estimate${v.answered ? ` (${v.answered} so far)` : ''}.`),
      h('button', { class: 'primary', 'data-autofocus': '1', onclick: () => post({ type: 'startPractice', domains: [], objectives: [], symbols: [], difficulties: [], order: 'random', size: READINESS_MIN, feedback: 'immediate' }) }, `Start ${READINESS_MIN} questions`),
    ));
  }
  const review = tile(`Review due (${v.due})`, v.due ? 'Spaced repetition: what you are about to forget' : 'Nothing due right now', 'history', () => post({ type: 'startReview' }), v.due && !busy && v.answered >= READINESS_MIN ? { 'data-autofocus': '1' } : {});
  const practice = tile('Practice', 'Choose domains, objectives, APIs, difficulty', 'mortar-board', () => post({ type: 'show', screen: 'setup' }), !v.due && !busy && v.answered >= READINESS_MIN ? { 'data-autofocus': '1' } : {});
  // What is due comes first; with nothing due, practice does.
  parts.push(h('div', { class: 'tiles' },
    ...(v.due ? [review, practice] : [practice, review]),
    tile('Mock exam', `${bp.questions} questions, ${bp.minutes} minutes, no feedback until the end`, 'watch', () => post({ type: 'startMock' })),
    tile('Statistics', `${v.answeredToday} answered today · ${v.streak}-day streak`, 'graph', () => post({ type: 'show', screen: 'stats' })),
    tile('Your code', 'Questions on the exam APIs your workspace uses', 'code', () => post({ type: 'practiceWorkspace' })),
  ));
  parts.push(h('div', { class: 'drills', role: 'group', 'aria-label': 'Drills' },
    h('span', { class: 'muted' }, 'Drills:'),
    h('button', { class: 'chip', onclick: () => post({ type: 'startDrill', kind: 'mistakes' }) }, `My mistakes (${v.mistakes})`),
    h('button', { class: 'chip', onclick: () => post({ type: 'startDrill', kind: 'flagged' }) }, `Flagged (${v.flagged})`),
    h('button', { class: 'chip', onclick: () => post({ type: 'startDrill', kind: 'unseen' }) }, `Never seen (${v.unseen})`),
  ));
  if (v.readiness && v.answered >= READINESS_MIN) {
    const r = v.readiness;
    parts.push(h('section', { class: 'readiness', 'aria-label': 'Readiness' },
      h('h3', {}, 'Readiness'),
      h('p', {}, `Predicted score ${pct(r.predicted)} (likely ${pct(r.low)}–${pct(r.high)}); chance of passing ${pct(r.passProbability)}${bp.passPublished ? '' : ` at the ${bp.passPercent} % mark (the current guide does not publish one)`}.`),
      r.thin ? h('p', { class: 'muted' }, 'Thin data: answer more questions in every domain for a firmer estimate.') : null,
      h('table', { class: 'domains' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Domain'), h('th', {}, 'Weight'), h('th', {}, 'Answered'), h('th', {}, 'Accuracy'), h('th', {}, 'Predicted'))),
        h('tbody', {}, ...v.domains.map((d) => h('tr', {}, h('td', {}, d.title), h('td', {}, `${d.weight} %`), h('td', {}, String(d.answered)), h('td', {}, pct(d.accuracy)), h('td', {}, pct(d.predicted))))),
      ),
    ));
  }
  if (v.mocks.length) {
    parts.push(h('section', { class: 'mock-history', 'aria-label': 'Recent mock exams' }, h('h3', {}, 'Recent mock exams'),
      h('ul', {}, ...v.mocks.map((m) => h('li', {}, h('button', { class: 'link', onclick: () => post({ type: 'openMockReport', mockId: m.id }) },
        `${new Date(m.at).toLocaleString()} · ${m.percent} % · ${m.passed ? 'pass' : 'below the mark'}`))))));
  }
  parts.push(h('p', { class: 'footer open-in-editor' }, h('button', { class: 'link', onclick: () => post({ type: 'openInEditor' }) }, icon('link-external'), ' Open in an editor tab')));
  return h('section', { class: 'screen home', 'aria-label': 'ML Associate Prep home' }, ...parts);
}

export function emptyScreen(v: Extract<View, { screen: 'empty' }>, post: Post): HTMLElement {
  return h('section', { class: 'screen empty', 'aria-label': v.title },
    h('h2', {}, v.title),
    h('p', {}, v.message),
    h('div', { class: 'actions' }, h('button', { class: 'primary', 'data-autofocus': '1', onclick: () => post({ type: 'show', screen: 'home' }) }, 'Back')),
  );
}
