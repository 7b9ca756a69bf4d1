// The straightforward computeStats (one filter over all answers per domain, objective and week, a
// Date per answer) that src/core/stats.ts replaced with one pass: kept as the reference the
// property test (statsOnePass.test.ts) compares the fast one with.
import { OUTSIDE, type Bank } from '../../../src/core/bank';
import type { Blueprint } from '../../../src/core/content/schema';
import { countedMocks, mockReport } from '../../../src/core/engine/mock';
import type { Progress } from '../../../src/core/progress/schema';

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

function row(id: string, title: string, answers: Progress['answers']): AccuracyRow {
  const correct = answers.filter((a) => a.correct).length;
  return { id, title, answered: answers.length, correct, ...(answers.length ? { accuracy: correct / answers.length } : {}) };
}

/** Accuracy per domain and objective, answers per day, the streak and the mock history. */
export function computeStats(bank: Bank, progress: Progress, blueprint: Blueprint, now: number, tzOffsetMinutes = 0, days = 30, weeks = 8): Stats {
  const answers = progress.answers.filter((a) => bank.get(a.q));
  const domainOfAnswer = (a: Progress['answers'][number]) => bank.domainOf(bank.get(a.q)!.objective, blueprint)?.id ?? OUTSIDE;
  const weekStarts = Array.from({ length: weeks }, (_, i) => now - (weeks - i) * 7 * DAY);
  const perDomain = blueprint.domains.map((d) => {
    const mine = answers.filter((a) => domainOfAnswer(a) === d.id);
    const weekly = weekStarts.map((start) => {
      const inWeek = mine.filter((a) => a.at >= start && a.at < start + 7 * DAY);
      return inWeek.length ? inWeek.filter((a) => a.correct).length / inWeek.length : null;
    });
    return { ...row(d.id, d.title, mine), weight: d.weight, weekly };
  });
  const perObjective = bank.content.objectives
    .filter((o) => bank.domainOf(o.id, blueprint))
    .map((o) => ({ ...row(o.id, o.title, answers.filter((a) => bank.get(a.q)!.objective === o.id)), domain: bank.domainOf(o.id, blueprint)!.id }));

  const byDay = new Map<string, { answers: number; correct: number }>();
  for (const a of answers) {
    const k = dayKey(a.at, tzOffsetMinutes);
    const v = byDay.get(k) ?? { answers: 0, correct: 0 };
    v.answers++;
    if (a.correct) v.correct++;
    byDay.set(k, v);
  }
  const daily = Array.from({ length: days }, (_, i) => {
    const day = dayKey(now - (days - 1 - i) * DAY, tzOffsetMinutes);
    return { day, ...(byDay.get(day) ?? { answers: 0, correct: 0 }) };
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
    answered: answers.length, correct: answers.filter((a) => a.correct).length, perDomain, perObjective, daily,
    streak: { current, best }, mocks, weeks: weekStarts.map((t) => dayKey(t, tzOffsetMinutes)),
  };
}
