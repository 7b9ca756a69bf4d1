import type { ExamView, ForecastView } from '../../protocol';
import { h, icon, pct } from '../dom';
import type { Post } from '../post';

// The exam part of the home panel (date control, today's goal, streak, pace) and the exam-day
// forecast table, shared by home and statistics.

/** Domain | today | exam day if you stop | if you keep the goal. */
export function forecastTable(f: ForecastView): HTMLElement {
  return h('table', { class: 'forecast' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Domain'), h('th', {}, 'Today'), h('th', {}, 'Exam day if you stop'), h('th', {}, 'If you keep the goal'))),
    h('tbody', {},
      ...f.domains.map((d) => h('tr', {}, h('td', {}, d.title), h('td', {}, pct(d.today)), h('td', {}, pct(d.stop)), h('td', {}, pct(d.keep)))),
      h('tr', { class: 'overall' }, h('td', {}, 'Overall'), h('td', {}, pct(f.overall.today)), h('td', {}, pct(f.overall.stop)), h('td', {}, pct(f.overall.keep))),
    ));
}

export function examSection(v: ExamView, post: Post): HTMLElement {
  const input = h('input', { type: 'date', name: 'examDate', min: v.min, value: v.date ?? '', 'aria-label': 'Exam date', required: true });
  const form = h('form', { class: 'exam-date' },
    h('label', {}, icon('calendar'), ' Exam date ', input),
    h('button', { type: 'submit', class: 'secondary' }, v.date ? 'Change' : 'Set exam date'),
    v.date ? h('button', { type: 'button', class: 'link', onclick: () => post({ type: 'setExamDate', date: null }) }, 'Not booked') : null,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (/^\d{4}-\d{2}-\d{2}$/.test(input.value)) post({ type: 'setExamDate', date: input.value });
  });
  if (!v.date) {
    return h('section', { class: 'exam', 'aria-label': 'Exam date' },
      h('p', { class: 'muted' }, 'Booked the exam? Set its date for a daily goal, a dated plan and your predicted score on the day.'), form);
  }
  const g = v.goal;
  const total = g ? g.newTarget + g.reviewTarget + (g.mockDue ? 1 : 0) : 0;
  const done = g ? Math.min(g.newDone, g.newTarget) + Math.min(g.reviewsDone, g.reviewTarget) + (g.mockDue && g.mockDone ? 1 : 0) : 0;
  return h('section', { class: 'exam', 'aria-label': 'Exam date and today\'s goal' },
    h('h3', {}, v.heading ?? 'Exam'),
    g ? h('div', { class: 'goal' },
      h('p', { class: `goal-status${g.met ? ' met' : ''}`, role: 'status' }, icon(g.met ? 'pass-filled' : 'target'), g.met ? " Today's goal met: " : " Today's goal: ", g.line),
      h('progress', { max: Math.max(1, total), value: g.met ? Math.max(1, total) : done, 'aria-label': `Today's goal: ${done} of ${total} done` }),
      h('p', { class: 'streak' }, `${v.streak}-day goal streak`, h('span', { class: 'muted' }, ' (days in a row with the goal met)')),
      v.pace ? h('p', { class: 'pace muted' }, v.pace) : null,
      g.met ? null : h('button', { class: 'primary', 'data-action': 'startGoal', onclick: () => post({ type: 'startGoal' }) }, icon('play'), " Start today's goal"),
    ) : h('p', {}, v.streak ? `${v.streak}-day goal streak.` : ''),
    v.forecast ? h('details', { class: 'exam-forecast' },
      h('summary', {}, `Predicted score on the exam day: ${pct(v.forecast.overall.stop)} if you stop now, ${pct(v.forecast.overall.keep)} if you keep the goal`),
      forecastTable(v.forecast)) : null,
    form,
  );
}
