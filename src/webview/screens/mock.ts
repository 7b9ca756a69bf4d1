import type { MockReportView, MockView } from '../../protocol';
import { timeBars } from '../charts';
import { duration, h, icon } from '../dom';
import type { Post } from '../post';
import { questionCard, showSelection, toggleChoice } from './questionCard';

/** The running clock: counts down locally from the remaining time the extension sent. */
export class MockClock {
  private timer: ReturnType<typeof setInterval> | undefined;
  start(el: HTMLElement, remainingMs: number, paused: boolean): void {
    this.stop();
    const t0 = performance.now();
    const show = () => {
      const left = paused ? remainingMs : Math.max(0, remainingMs - (performance.now() - t0));
      el.textContent = duration(left);
      el.classList.toggle('low', left < 5 * 60_000);
      // Announce at whole five-minute marks only, not every second.
      const minutes = Math.ceil(left / 60_000);
      el.setAttribute('aria-label', `${minutes} minute${minutes === 1 ? '' : 's'} left${paused ? ', paused' : ''}`);
    };
    show();
    if (!paused) this.timer = setInterval(show, 1000);
  }
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}

export function mockScreen(v: MockView, post: Post, clock: MockClock): HTMLElement {
  const q = v.question;
  const clockEl = h('span', { class: 'clock', role: 'timer' });
  clock.start(clockEl, v.remainingMs, v.paused);
  const unanswered = v.map.filter((m) => !m.answered).length;
  const flagged = v.map.filter((m) => m.flagged).length;
  const plural = (n: number, one: string, many: string) => `${n} question${n === 1 ? ` ${one}` : `s ${many}`}`;
  const pending = [unanswered ? `${plural(unanswered, 'is', 'are')} unanswered` : '', flagged ? `${plural(flagged, 'is', 'are')} flagged for review` : ''].filter(Boolean);
  const confirm = h('div', { class: 'confirm', hidden: true, role: 'alertdialog', 'aria-label': 'Submit the exam?' },
    h('p', {}, pending.length ? `${pending.join(' and ')}. Submit anyway?` : 'Submit the exam and see your score?'),
    h('button', { class: 'primary', 'data-action': 'confirm-submit', onclick: () => post({ type: 'mockSubmit' }) }, 'Submit now'),
    h('button', { class: 'secondary', onclick: () => { confirm.hidden = true; } }, 'Keep going'),
  );
  const discard = h('div', { class: 'confirm', hidden: true, role: 'alertdialog', 'aria-label': 'Discard this mock exam?' },
    h('p', {}, 'Discard this mock exam? Its answers are not recorded and it never counts in your statistics.'),
    h('button', { class: 'secondary', 'data-action': 'confirm-discard', onclick: () => post({ type: 'mockDiscard' }) }, 'Discard the mock'),
    h('button', { class: 'primary', onclick: () => { discard.hidden = true; } }, 'Keep going'),
  );
  const map = h('nav', { class: 'qmap', 'aria-label': 'Question map' },
    ...v.map.map((m, i) => h('button', {
      class: `qcell${m.answered ? ' answered' : ''}${m.flagged ? ' flagged' : ''}${i === v.index ? ' current' : ''}`,
      'aria-current': i === v.index ? 'step' : undefined,
      'aria-label': `Question ${i + 1}: ${m.answered ? 'answered' : 'blank'}${m.flagged ? ', flagged' : ''}`,
      onclick: () => post({ type: 'mockGoto', index: i }),
    }, String(i + 1))),
  );
  const body: Node[] = [
    h('header', { class: 'screen-head mock-head' },
      h('span', { class: 'session-title' }, `Mock exam · ${v.blueprintTitle}`),
      h('span', { class: 'clock-wrap' }, icon('watch'), ' ', clockEl),
      v.canPause ? h('button', { class: 'secondary', onclick: () => post({ type: v.paused ? 'mockResume' : 'mockPause' }) }, v.paused ? 'Resume' : 'Pause') : null,
    ),
  ];
  // A pick shows at once; the extension records it (a mock's answers are graded there, also at
  // time-out) and its redraw shows the same selection.
  let selected = v.selected;
  const card: HTMLElement = questionCard(q, {
    selected, interactive: true, idPrefix: 'm',
    onPick: (letter) => {
      selected = toggleChoice(q, selected, letter);
      showSelection(card, selected);
      post({ type: 'mockSelect', questionId: q.id, choice: letter });
    },
  });
  if (v.paused) {
    body.push(h('div', { class: 'banner' }, 'The exam is paused; the question is hidden until you resume.'));
  } else {
    body.push(
      h('div', { class: 'progress' }, h('span', {}, `Question ${v.index + 1} of ${v.total}`),
        h('button', { class: `secondary icon-text${v.flagged ? ' on' : ''}`, 'aria-pressed': String(v.flagged), 'data-action': 'flag', onclick: () => post({ type: 'mockFlag' }), title: 'Flag for review (F)' }, icon('bookmark'), v.flagged ? ' Flagged' : ' Flag for review')),
      card,
      h('div', { class: 'actions' },
        h('button', { class: 'secondary', disabled: v.index === 0, 'data-action': 'prev', onclick: () => post({ type: 'mockGoto', index: v.index - 1 }), title: 'Previous (←)' }, icon('arrow-left'), ' Previous'),
        h('button', { class: 'primary', disabled: v.index + 1 === v.total, 'data-action': 'next', onclick: () => post({ type: 'mockGoto', index: v.index + 1 }), title: 'Next (→ or Enter)' }, 'Next ', icon('arrow-right')),
        h('button', { class: 'secondary end', 'data-action': 'submit-exam', onclick: () => { confirm.hidden = false; (confirm.querySelector('button') as HTMLButtonElement).focus(); } }, 'Submit exam'),
      ),
      confirm,
      discard,
      map,
      h('p', { class: 'footer' }, h('button', { class: 'link', 'data-action': 'discard', onclick: () => { discard.hidden = false; (discard.querySelector('button') as HTMLButtonElement).focus(); } }, 'Discard this mock…')),
    );
  }
  return h('section', { class: 'screen mock', 'aria-label': 'Mock exam' }, ...body);
}

export function mockReportScreen(v: MockReportView, post: Post): HTMLElement {
  const verdict = v.passed ? 'Pass' : 'Below the mark';
  const markNote = v.passPublished ? `pass mark ${v.passPercent} %` : `${v.passPercent} % mark (the old guide's; the current guide does not publish one)`;
  return h('section', { class: 'screen report', 'aria-label': 'Mock exam report' },
    h('h2', {}, 'Mock exam report'),
    h('p', { class: `score big ${v.passed ? 'right' : 'wrong'}`, role: 'status' }, `${v.percent} % · ${verdict}`),
    h('p', { class: 'muted' }, `${v.correct} of ${v.total} right · ${markNote} · ${v.blueprintTitle} · time used ${duration(v.usedMs)} of ${duration(v.durationMs)}${v.finishedBy === 'timeout' ? ' (submitted when time ran out)' : ''}`),
    h('table', { class: 'domains' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Domain'), h('th', {}, 'Right'), h('th', {}, 'Score'))),
      h('tbody', {}, ...v.perDomain.map((d) => h('tr', { class: d.percent >= v.passPercent ? 'right' : 'wrong' }, h('td', {}, d.title), h('td', {}, `${d.correct} / ${d.total}`), h('td', {}, `${d.percent} %`)))),
    ),
    h('h3', {}, 'Time per question'),
    timeBars(v.items.map((it, i) => ({ label: `Q${i + 1}`, seconds: (it.spentMs ?? 0) / 1000, right: it.feedback.correct })), `Time spent per question, ${duration(v.usedMs)} in all; filled bars were answered right`),
    h('div', { class: 'actions' },
      h('button', { class: 'primary', 'data-autofocus': '1', onclick: () => post({ type: 'show', screen: 'home' }) }, 'Done'),
      v.correct < v.total ? h('button', { class: 'secondary', 'data-action': 'drill-mock', onclick: () => post({ type: 'drillMock', mockId: v.mockId }) }, `Drill this mock's ${v.total - v.correct} mistakes`) : null),
    h('h3', {}, 'Review'),
    ...v.items.map((it, i) => h('details', { class: `review-item ${it.feedback.correct ? 'right' : 'wrong'}`, open: !it.feedback.correct },
      h('summary', {}, icon(it.feedback.correct ? 'pass' : it.selected.length ? 'error' : 'circle-large-outline'), ` ${i + 1}. ${[it.question.domain?.title, it.question.about?.topic].filter(Boolean).join(' · ')}`,
        h('span', { class: 'muted' }, ` · ${duration(it.spentMs ?? 0)}${it.flagged ? ' · flagged' : ''}${it.selected.length ? '' : ' · blank'}`)),
      questionCard(it.question, { selected: it.selected, interactive: false, feedback: it.feedback, idPrefix: `mr${i}` }),
    )),
  );
}
