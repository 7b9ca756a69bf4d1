import type { StatsView } from '../../protocol';
import { READINESS_MIN } from '../../protocolLimits';
import { dailyBars, intervalBars, weeklyLines } from '../charts';
import { h, pct } from '../dom';
import type { Post } from '../post';
import { forecastTable } from './examPanel';

export function statsScreen(v: StatsView, post: Post): HTMLElement {
  const r = v.readiness;
  return h('section', { class: 'screen stats', 'aria-label': 'Statistics' },
    h('header', { class: 'screen-head' },
      h('button', { class: 'link', 'data-autofocus': '1', onclick: () => post({ type: 'show', screen: 'home' }) }, '← Home'),
      h('span', { class: 'session-title' }, `Statistics · ${v.blueprintTitle}`)),
    h('p', {}, `${v.answered} answers, ${pct(v.answered ? v.correct / v.answered : undefined)} right · streak ${v.streak.current} day${v.streak.current === 1 ? '' : 's'} (best ${v.streak.best})`),
    h('h3', {}, 'Readiness'),
    ...(v.answered < READINESS_MIN
      ? [h('p', { class: 'muted' }, `Readiness and the chance of passing appear after ${READINESS_MIN} answers (${v.answered} so far): fewer say more about luck than about you.`)]
      : [
          h('p', {}, `Predicted exam score ${pct(r.overall.predicted)} (90 % interval ${pct(r.overall.low)}–${pct(r.overall.high)}), chance of reaching ${r.overall.passPercent} %: ${pct(r.overall.passProbability)}.${r.overall.thin ? ' Some domains have few answers, so the interval is wide.' : ''}`),
          intervalBars(r.domains.map((d) => ({ title: d.title, value: d.predicted, low: d.low, high: d.high, thin: d.thin })), r.overall.passPercent / 100, `Predicted score per domain: ${r.domains.map((d) => `${d.title} ${pct(d.predicted)}`).join('; ')}`),
          h('ul', { class: 'legend' }, ...r.domains.map((d) => h('li', {}, `${d.title}: ${pct(d.predicted)} (${d.answered} answered${d.thin ? ', thin' : ''})`))),
        ]),
    ...(v.exam ? [h('h3', {}, `Readiness on the exam day · ${v.exam.heading}`),
      h('p', {}, `If you stop now: ${pct(v.exam.forecast.overall.stop)}; if you keep the daily goal: ${pct(v.exam.forecast.overall.keep)} (today ${pct(v.exam.forecast.overall.today)}).`),
      forecastTable(v.exam.forecast)] : []),
    h('h3', {}, 'Accuracy per domain, by week'),
    weeklyLines(v.perDomain.map((d) => ({ title: d.title, values: d.weekly })), v.weeks, `Weekly accuracy per domain: ${v.perDomain.map((d) => `${d.title} ${pct(d.accuracy)}`).join('; ')}`, 0.7),
    h('ul', { class: 'legend series' }, ...v.perDomain.map((d, i) => h('li', { class: `c${i + 1}` }, `${d.title}: ${pct(d.accuracy)} of ${d.answered}`))),
    h('h3', {}, 'Answers per day (last 30 days)'),
    dailyBars(v.daily, `Answers per day over the last 30 days; ${v.daily.reduce((s, d) => s + d.answers, 0)} in all`),
    h('h3', {}, 'Mock exams'),
    v.mocks.length
      ? weeklyLines([{ title: 'Mock score', values: v.mocks.map((m) => m.percent / 100) }], v.mocks.map((m) => new Date(m.at).toISOString().slice(0, 10)), `Mock exam scores: ${v.mocks.map((m) => `${m.percent} %`).join(', ')}`, r.overall.passPercent / 100)
      : h('p', { class: 'muted' }, 'No mock exam yet.'),
    v.mocks.length ? h('ul', {}, ...v.mocks.map((m) => h('li', {}, h('button', { class: 'link', onclick: () => post({ type: 'openMockReport', mockId: m.id }) }, `${new Date(m.at).toLocaleString()}: ${m.percent} % ${m.passed ? '(pass)' : ''}`)))) : null,
    h('h3', {}, 'Per objective'),
    h('table', { class: 'objectives' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Objective'), h('th', {}, 'Answered'), h('th', {}, 'Accuracy'))),
      h('tbody', {}, ...v.perObjective.map((o) => h('tr', {}, h('td', {}, `${o.id} ${o.title}`), h('td', {}, String(o.answered)), h('td', {}, pct(o.accuracy)))))),
  );
}
