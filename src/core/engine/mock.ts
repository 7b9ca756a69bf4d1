import type { Bank } from '../bank';
import type { Blueprint, Question } from '../content/schema';
import type { Answer, Mock } from '../progress/schema';
import { isCorrect, pick } from './grading';
import { shuffled } from './random';
import { nextStamp } from './session';

// The mock exam as pure state transitions over an injected clock. The clock is wall time: like the
// real exam, it keeps running while the window is closed, unless the learner paused (allowed only
// when pausing is turned on).

/** How many mocks back a question counts as recently seen. */
export const RECENT_MOCKS = 3;

/** Splits `total` questions over weights by the largest-remainder method. */
export function apportion(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left-- <= 0) break;
    counts[i]!++;
  }
  return counts;
}

export interface MockDraw {
  questionIds: string[];
  /** Domains that had fewer questions than their share (their places go to other domains). */
  shortfall: { domain: string; wanted: number; had: number }[];
}

/**
 * Draws a mock: each domain gets its share of the blueprint's question count; questions from the
 * last RECENT_MOCKS mocks are used only when a domain runs out of fresh ones.
 */
export function drawMock(bank: Bank, blueprint: Blueprint, previous: readonly Mock[], random: () => number): MockDraw {
  const recent = new Set(
    [...previous].sort((a, b) => b.startedAt - a.startedAt).slice(0, RECENT_MOCKS).flatMap((m) => m.questionIds),
  );
  const counts = apportion(blueprint.domains.map((d) => d.weight), blueprint.questions);
  const chosen: string[] = [];
  const shortfall: MockDraw['shortfall'] = [];
  const spare: string[] = [];
  blueprint.domains.forEach((d, i) => {
    const pool = bank.questions.filter((q) => d.objectives.includes(q.objective)).map((q) => q.id);
    const fresh = shuffled(pool.filter((id) => !recent.has(id)), random);
    const stale = shuffled(pool.filter((id) => recent.has(id)), random);
    const ordered = [...fresh, ...stale];
    const want = counts[i]!;
    chosen.push(...ordered.slice(0, want));
    spare.push(...ordered.slice(want));
    if (ordered.length < want) shortfall.push({ domain: d.id, wanted: want, had: ordered.length });
  });
  // A domain short of questions gives its places to the others, fresh questions first.
  const missing = blueprint.questions - chosen.length;
  if (missing > 0) chosen.push(...[...spare.filter((id) => !recent.has(id)), ...spare.filter((id) => recent.has(id))].slice(0, missing));
  return { questionIds: shuffled(chosen, random), shortfall };
}

export function startMock(id: string, blueprint: Blueprint, questionIds: string[], now: number, orders?: Record<string, string[]>): Mock {
  return {
    id, blueprint: blueprint.id, questionIds, index: 0, answers: {}, flagged: [], spent: {}, since: now,
    startedAt: now, durationMs: blueprint.minutes * 60_000, pausedTotal: 0, updatedAt: now,
    ...(orders && Object.keys(orders).length ? { orders } : {}),
  };
}

/** Milliseconds left on the clock (never below zero). */
export function remainingMs(m: Mock, now: number): number {
  const end = m.finishedAt ?? m.pausedAt ?? now;
  return Math.max(0, m.durationMs - (end - m.startedAt - m.pausedTotal));
}

const open = (m: Mock) => !m.finishedAt && m.pausedAt === undefined;

/** Books the time spent on the current question up to `now`. */
function book(m: Mock, now: number): Mock {
  const id = m.questionIds[m.index]!;
  if (!open(m)) return m;
  return { ...m, spent: { ...m.spent, [id]: (m.spent[id] ?? 0) + Math.max(0, now - m.since) }, since: now, updatedAt: nextStamp(m.updatedAt, now) };
}

/** Applies a pick to the current question's answer. */
export function mockSelect(m: Mock, q: Question, letter: string, now: number): Mock {
  if (!open(m) || m.questionIds[m.index] !== q.id) return m;
  return { ...m, answers: { ...m.answers, [q.id]: pick(q, m.answers[q.id] ?? [], letter) }, updatedAt: nextStamp(m.updatedAt, now) };
}

export function mockToggleFlag(m: Mock, now: number): Mock {
  if (!open(m)) return m;
  const id = m.questionIds[m.index]!;
  const flagged = m.flagged.includes(id) ? m.flagged.filter((f) => f !== id) : [...m.flagged, id];
  return { ...m, flagged, updatedAt: nextStamp(m.updatedAt, now) };
}

/** Abandons a running mock: it ends without recording answers and never counts in statistics. */
export function mockDiscard(m: Mock, now: number): Mock {
  if (m.finishedAt) return m;
  return { ...m, finishedAt: now, finishedBy: 'user', discarded: true, pausedAt: undefined, updatedAt: nextStamp(m.updatedAt, now) };
}

/** Finished mocks that count: submitted by hand or by the clock, not discarded. */
export const countedMocks = (mocks: Record<string, Mock>): Mock[] => Object.values(mocks).filter((m) => m.finishedAt && !m.discarded);

/** Jumps to a question (previous / next / the question map). */
export function mockGoto(m: Mock, index: number, now: number): Mock {
  if (!open(m) || index < 0 || index >= m.questionIds.length || index === m.index) return m;
  return { ...book(m, now), index };
}

export function mockPause(m: Mock, now: number): Mock {
  if (!open(m)) return m;
  return { ...book(m, now), pausedAt: now };
}

export function mockResume(m: Mock, now: number): Mock {
  if (m.finishedAt || m.pausedAt === undefined) return m;
  const { pausedAt, ...rest } = m;
  return { ...rest, pausedTotal: m.pausedTotal + Math.max(0, now - pausedAt), since: now, updatedAt: nextStamp(m.updatedAt, now) };
}

/** Ends the mock; the answers it returns are recorded for spaced repetition and statistics. */
export function mockSubmit(m: Mock, bank: Bank, now: number, by: 'user' | 'timeout', answerId: (qid: string) => string): { mock: Mock; answers: Answer[] } {
  if (m.finishedAt) return { mock: m, answers: [] };
  // At a time-out the clock stops where the time ran out, not when we noticed.
  const stop = by === 'timeout' ? Math.min(now, m.startedAt + m.pausedTotal + m.durationMs) : now;
  const booked = m.pausedAt !== undefined ? mockResume(m, stop) : m;
  const last = book(booked, stop);
  const done = { ...last, finishedAt: stop, finishedBy: by, updatedAt: nextStamp(last.updatedAt, now) };
  const answers: Answer[] = [];
  for (const qid of done.questionIds) {
    const q = bank.get(qid);
    const sel = done.answers[qid] ?? [];
    if (!q || !sel.length) continue;
    answers.push({ id: answerId(qid), q: qid, at: stop, choices: sel, correct: isCorrect(q, sel), ms: Math.round(Math.min(done.spent[qid] ?? 0, 86_400_000)), mode: 'mock', mock: m.id, ...(m.orders?.[qid] ? { o: m.orders[qid] } : {}) });
  }
  return { mock: done, answers };
}

/** Auto-submits a mock whose time is up; otherwise returns it unchanged. */
export function mockTick(m: Mock, bank: Bank, now: number, answerId: (qid: string) => string): { mock: Mock; answers: Answer[] } {
  if (m.finishedAt || m.pausedAt !== undefined || remainingMs(m, now) > 0) return { mock: m, answers: [] };
  return mockSubmit(m, bank, now, 'timeout', answerId);
}

export interface MockReport {
  correct: number;
  total: number;
  percent: number;
  passPercent: number;
  passPublished: boolean;
  passed: boolean;
  durationMs: number;
  usedMs: number;
  finishedBy: 'user' | 'timeout';
  perDomain: { domain: string; title: string; correct: number; total: number; percent: number }[];
  questions: { id: string; domain: string; selected: string[]; correct: boolean; answered: boolean; flagged: boolean; spentMs: number }[];
}

/** Score, pass or fail, per-domain scores and per-question time of a finished mock. */
export function mockReport(m: Mock, bank: Bank): MockReport {
  const bp = bank.blueprint(m.blueprint);
  const questions = m.questionIds.map((id) => {
    const q = bank.get(id);
    const selected = m.answers[id] ?? [];
    return {
      id, domain: q ? bank.domainOf(q.objective, bp)?.id ?? 'outside' : 'outside', selected,
      correct: !!q && isCorrect(q, selected), answered: selected.length > 0, flagged: m.flagged.includes(id), spentMs: Math.round(m.spent[id] ?? 0),
    };
  });
  const correct = questions.filter((q) => q.correct).length;
  const total = questions.length;
  // Whole percentages, as everywhere else in the product; the verdict uses the exact share.
  const exact = total ? (correct / total) * 100 : 0;
  const percent = Math.round(exact);
  const perDomain = bp.domains.map((d) => {
    const qs = questions.filter((q) => q.domain === d.id);
    const c = qs.filter((q) => q.correct).length;
    return { domain: d.id, title: d.title, correct: c, total: qs.length, percent: qs.length ? Math.round((c / qs.length) * 100) : 0 };
  });
  return {
    correct, total, percent, passPercent: bp.passPercent, passPublished: bp.passPublished, passed: exact >= bp.passPercent,
    durationMs: m.durationMs, usedMs: (m.finishedAt ?? m.updatedAt) - m.startedAt - m.pausedTotal, finishedBy: m.finishedBy ?? 'user',
    perDomain, questions,
  };
}
