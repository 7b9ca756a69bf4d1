// Today's examForecast before it was memoised (study/forecast.ts), kept verbatim as the reference
// the property test (forecastMemo.test.ts) compares the fast one with: every question simulated
// from scratch on every call, each new question on its own.
import type { PlanContent } from '../../../src/core/study/planContent';
import type { Blueprint } from '../../../src/core/content/schema';
import type { Progress } from '../../../src/core/progress/schema';
import { computeReadiness, GUESS, questionChance, readinessFromChances, type Readiness } from '../../../src/core/readiness';
import { cardRetrievability, cardsFrom, nextCard } from '../../../src/core/scheduler';
import type { Card } from 'ts-fsrs';
import { addDays, atHour, daysBetween, today as todayOf, type Clock, type Day } from '../../../src/core/study/clock';
import { DEFAULT_GOAL, goalNewQuestions, newPace, type GoalSettings } from '../../../src/core/study/dailyGoal';
import { EXAM_HOUR, STUDY_HOUR, type ExamForecast } from '../../../src/core/study/forecast';
import { studyIndexOf } from '../../../src/core/study/studyIndex';

/** The study moments from today to the day before the exam: now, then each evening. */
function studyMoments(clock: Clock, exam: Day): number[] {
  const now = clock.now();
  const today = todayOf(clock);
  const out = [now];
  for (let d = addDays(today, 1); d < exam; d = addDays(d, 1)) out.push(atHour(d, STUDY_HOUR, clock));
  return out;
}

/** The first study moment at or after `t` and before the exam, or undefined. */
function momentFrom(moments: number[], t: number, examAt: number): number | undefined {
  let lo = 0;
  let hi = moments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (moments[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  const m = moments[lo];
  return m !== undefined && m < examAt ? m : undefined;
}

interface Sim {
  moments: number[];
  examAt: number;
  reviews: number;
}

/** A card reviewed (rated Good) each time it falls due until the exam; its retrievability at the exam. */
function maintained(sim: Sim, card: Card): number {
  let c = card;
  for (;;) {
    const m = momentFrom(sim.moments, c.due.getTime(), sim.examAt);
    if (m === undefined) return cardRetrievability(c, sim.examAt);
    c = nextCard(c, m, 'good');
    sim.reviews++;
  }
}

/**
 * The expected chance at the exam of a question answered at `m` with probability `p` of a right
 * answer: right, it is maintained; wrong, it is relearnt at the next review (if one comes before
 * the exam, else it stays at the guessing rate).
 */
function expectedChance(sim: Sim, card: Card | undefined, m: number, p: number): number {
  sim.reviews++;
  const right = maintained(sim, nextCard(card, m, 'good'));
  const again = nextCard(card, m, 'again');
  const relearnAt = momentFrom(sim.moments, again.due.getTime(), sim.examAt);
  const wrong = relearnAt === undefined ? GUESS : maintained(sim, again);
  return p * right + (1 - p) * wrong;
}

/** The exam-day forecast; undefined when the exam is today or past. */
export function examForecast(bank: PlanContent, progress: Progress, blueprint: Blueprint, exam: Day, clock: Clock, settings: GoalSettings = DEFAULT_GOAL): ExamForecast | undefined {
  const now = clock.now();
  const today = todayOf(clock);
  if (daysBetween(today, exam) <= 0) return undefined;
  const examAt = atHour(exam, EXAM_HOUR, clock);
  const cards = cardsFrom(progress);
  const nowR = computeReadiness(bank, progress, blueprint, now, cards);
  const objectiveEstimate = (o: string) => {
    for (const d of nowR.domains) if (o in d.perObjective) return d.perObjective[o]!;
    return GUESS;
  };
  const stopR = readinessFromChances(bank, blueprint, (id) => {
    const c = cards.get(id);
    return c && questionChance(c, examAt);
  });

  const sim: Sim = { moments: studyMoments(clock, exam), examAt, reviews: 0 };
  const keepChance = new Map<string, number>();
  for (const [id, c] of cards) {
    const q = bank.get(id);
    if (!q) continue;
    const m = momentFrom(sim.moments, c.card.due.getTime(), examAt);
    // Not due again before the exam: nothing to do, the chance is the same as if you stop.
    if (m === undefined) keepChance.set(id, questionChance(c, examAt));
    else keepChance.set(id, expectedChance(sim, c.card, m, c.lastAnswer.correct ? cardRetrievability(c.card, m) : objectiveEstimate(q.objective)));
  }
  // New questions at the goal's pace, recomputed each day from what is left (as the goal does).
  const queue = goalNewQuestions(studyIndexOf(bank), progress, blueprint.id, Number.MAX_SAFE_INTEGER, settings).filter((id) => bank.get(id));
  let remaining = queue.length;
  let newCount = 0;
  sim.moments.forEach((m, i) => {
    const take = Math.min(remaining, newPace(remaining, addDays(today, i), exam));
    for (const id of queue.slice(newCount, newCount + take)) keepChance.set(id, expectedChance(sim, undefined, m, objectiveEstimate(bank.get(id)!.objective)));
    newCount += take;
    remaining -= take;
  });
  const keepR = readinessFromChances(bank, blueprint, (id) => keepChance.get(id));
  return summarise(exam, nowR, stopR, keepR, blueprint, { reviews: sim.reviews, newQuestions: newCount });
}

function summarise(exam: Day, nowR: Readiness, stopR: Readiness, keepR: Readiness, blueprint: Blueprint, simulated: ExamForecast['simulated']): ExamForecast {
  return {
    exam,
    overall: { today: nowR.overall.predicted, stop: stopR.overall.predicted, keep: keepR.overall.predicted, passPercent: blueprint.passPercent },
    domains: nowR.domains.map((d, i) => ({ domain: d.domain, title: d.title, weight: d.weight, today: d.predicted, stop: stopR.domains[i]!.predicted, keep: keepR.domains[i]!.predicted })),
    simulated,
  };
}
