import { OUTSIDE, type Bank } from './bank';
import type { Blueprint } from './content/schema';
import { countedMocks, mockReport } from './engine/mock';
import type { Progress } from './progress/schema';

export interface AccuracyRow {
  id: string;
  title: string;
  answered: number;
  correct: number;
  /** 0..1, or undefined with no answers. */
  accuracy?: number;
}

export interface Stats {
  answered: number;
  correct: number;
  perDomain: (AccuracyRow & { weight: number; weekly: (number | null)[] })[];
  perObjective: (AccuracyRow & { domain: string })[];
  /** Last `days` days, oldest first: answers and right answers per local day. */
  daily: { day: string; answers: number; correct: number }[];
  streak: { current: number; best: number };
  mocks: { id: string; at: number; blueprint: string; percent: number; passed: boolean; finishedBy: string }[];
  weeks: string[];
}

const DAY = 86_400_000;

/** Local calendar day of a time, given the offset of local time from UTC in minutes. */
export function dayKey(t: number, tzOffsetMinutes: number): string {
  return new Date(t + tzOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** How many answers were given on the local day of `t`: a range check, not a date per answer. */
export function answeredOnDayOf(progress: Progress, t: number, tzOffsetMinutes: number): number {
  const offset = tzOffsetMinutes * 60_000;
  const start = Math.floor((t + offset) / DAY) * DAY - offset;
  let n = 0;
  for (const a of progress.answers) if (a.at >= start && a.at < start + DAY) n++;
  return n;
}

/** Answers and right answers. */
interface Tally { answers: number; correct: number }
const tally = (): Tally => ({ answers: 0, correct: 0 });
const count = (t: Tally, correct: boolean) => {
  t.answers++;
  if (correct) t.correct++;
};
function row(id: string, title: string, t: Tally): AccuracyRow {
  return { id, title, answered: t.answers, correct: t.correct, ...(t.answers ? { accuracy: t.correct / t.answers } : {}) };
}

/**
 * Accuracy per domain and objective, answers per day, the streak and the mock history. One pass
 * over the answers (the home screen shows it on every open, and a diligent learner has thousands):
 * each answer is counted into its objective, domain, week and day.
 */
export function computeStats(bank: Bank, progress: Progress, blueprint: Blueprint, now: number, tzOffsetMinutes = 0, days = 30, weeks = 8): Stats {
  const weekStarts = Array.from({ length: weeks }, (_, i) => now - (weeks - i) * 7 * DAY);
  const firstWeek = weekStarts[0] ?? now;
  const byDomain = new Map(blueprint.domains.map((d) => [d.id, { all: tally(), weekly: weekStarts.map(tally) }]));
  const byObjective = new Map<string, Tally>();
  // Local days as whole day numbers (a Date per answer would cost more than the rest of the pass).
  const dayNumber = (t: number) => Math.floor((t + tzOffsetMinutes * 60_000) / DAY);
  const byDayNumber = new Map<number, Tally>();
  const total = tally();
  for (const a of progress.answers) {
    const q = bank.get(a.q);
    if (!q) continue;
    count(total, a.correct);
    let o = byObjective.get(q.objective);
    if (!o) byObjective.set(q.objective, (o = tally()));
    count(o, a.correct);
    const domain = byDomain.get(bank.domainOf(q.objective, blueprint)?.id ?? OUTSIDE);
    if (domain) {
      count(domain.all, a.correct);
      const week = a.at >= firstWeek ? Math.floor((a.at - firstWeek) / (7 * DAY)) : -1;
      if (week >= 0 && week < weeks) count(domain.weekly[week]!, a.correct);
    }
    const n = dayNumber(a.at);
    let d = byDayNumber.get(n);
    if (!d) byDayNumber.set(n, (d = tally()));
    count(d, a.correct);
  }
  const perDomain = blueprint.domains.map((d) => {
    const t = byDomain.get(d.id)!;
    return { ...row(d.id, d.title, t.all), weight: d.weight, weekly: t.weekly.map((w) => (w.answers ? w.correct / w.answers : null)) };
  });
  const perObjective = bank.content.objectives
    .filter((o) => bank.domainOf(o.id, blueprint))
    .map((o) => ({ ...row(o.id, o.title, byObjective.get(o.id) ?? tally()), domain: bank.domainOf(o.id, blueprint)!.id }));

  const byDay = new Map<string, Tally>();
  for (const [n, t] of byDayNumber) byDay.set(dayKey(n * DAY - tzOffsetMinutes * 60_000, tzOffsetMinutes), t);
  const daily = Array.from({ length: days }, (_, i) => {
    const day = dayKey(now - (days - 1 - i) * DAY, tzOffsetMinutes);
    return { day, ...(byDay.get(day) ?? tally()) };
  });

  // Streak: consecutive days with an answer, ending today (or yesterday, if today has none yet).
  const active = new Set(byDay.keys());
  let current = 0;
  let cursor = now;
  if (!active.has(dayKey(cursor, tzOffsetMinutes))) cursor -= DAY;
  while (active.has(dayKey(cursor, tzOffsetMinutes))) {
    current++;
    cursor -= DAY;
  }
  let best = 0;
  let run = 0;
  let prev: number | undefined;
  for (const k of [...active].sort()) {
    const t = Date.parse(k + 'T00:00:00Z');
    run = prev !== undefined && t - prev === DAY ? run + 1 : 1;
    best = Math.max(best, run);
    prev = t;
  }

  const mocks = countedMocks(progress.mocks)
    .sort((a, b) => a.startedAt - b.startedAt)
    .map((m) => {
      const r = mockReport(m, bank);
      return { id: m.id, at: m.finishedAt!, blueprint: m.blueprint, percent: r.percent, passed: r.passed, finishedBy: r.finishedBy };
    });

  return {
    answered: total.answers, correct: total.correct, perDomain, perObjective, daily,
    streak: { current, best }, mocks, weeks: weekStarts.map((t) => dayKey(t, tzOffsetMinutes)),
  };
}
