import type { PlanContent } from './planContent';
import type { Blueprint } from '../content/schema';
import type { Progress } from '../progress/schema';
import { computeReadiness, GUESS, readinessFromChances, type Readiness } from '../readiness';
import { cardsFrom } from '../scheduler';
import { addDays, atHour, daysBetween, today as todayOf, type Clock, type Day } from './clock';
import { DEFAULT_GOAL, goalNewQuestions, newPace, type GoalSettings } from './dailyGoal';
import { examChance, momentIndex, newQuestionOutcome, reviewOutcome, simulation } from './forecastMemo';
import { studyIndexOf } from './studyIndex';

// Readiness on the exam day, two ways (README, "Readiness on the exam day").
//
// If you stop now: each answered question's chance is taken at the exam instead of now (FSRS
// retrievability decays to that day), through the same readiness model.
//
// If you keep the daily goal: a simulation with the scheduler, day by day until the exam. Every
// review is done on the day it falls due, new questions come at the goal's pace (the objectives
// furthest from N first), and each simulated answer is right with a probability: FSRS's own
// retrievability for a review of a question last answered right, and the objective's current
// estimate (readiness per objective) for a new question or one last answered wrong. No dice are
// thrown: each question's chance on the exam day is the expected value over its first simulated
// answer (right: the card follows its reviews rated Good; wrong: rated Again, then relearnt at the
// next review), so the forecast is the same on every run.

/** The exam is taken in the morning; the learner studies in the evening (the clock's local hours). */
export const EXAM_HOUR = 9;
export const STUDY_HOUR = 18;

export interface DomainForecast {
  domain: string;
  title: string;
  weight: number;
  /** Predicted share of the domain's questions right: today, on the exam day if you stop, if you keep the goal. */
  today: number;
  stop: number;
  keep: number;
}

export interface ExamForecast {
  exam: Day;
  overall: { today: number; stop: number; keep: number; passPercent: number };
  domains: DomainForecast[];
  /** What the simulation did: reviews and new questions until the exam. */
  simulated: { reviews: number; newQuestions: number };
}

/** The study moments from today to the day before the exam: now, then each evening. */
function studyMoments(clock: Clock, exam: Day): number[] {
  const now = clock.now();
  const today = todayOf(clock);
  const out = [now];
  for (let d = addDays(today, 1); d < exam; d = addDays(d, 1)) out.push(atHour(d, STUDY_HOUR, clock));
  return out;
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
    return c && examChance(c, examAt);
  });

  // The simulation's outcomes are memoised (forecastMemo.ts): a build after one more answer
  // simulates that question in full, and the first two reviews of the questions answered now (due
  // now, or today's new ones) alone.
  const sim = simulation(studyMoments(clock, exam), examAt);
  let reviews = 0;
  const keepChance = new Map<string, number>();
  for (const [id, c] of cards) {
    const q = bank.get(id);
    if (!q) continue;
    const i = momentIndex(sim, c.card.due.getTime());
    // Not due again before the exam: nothing to do, the chance is the same as if you stop.
    if (i < 0) {
      keepChance.set(id, examChance(c, examAt));
      continue;
    }
    const { outcome, recall } = reviewOutcome(sim, c.card, i);
    const p = c.lastAnswer.correct ? recall : objectiveEstimate(q.objective);
    keepChance.set(id, p * outcome.right + (1 - p) * outcome.wrong);
    reviews += outcome.reviews;
  }
  // New questions at the goal's pace, recomputed each day from what is left (as the goal does).
  const queue = goalNewQuestions(studyIndexOf(bank), progress, blueprint.id, Number.MAX_SAFE_INTEGER, settings).filter((id) => bank.get(id));
  let remaining = queue.length;
  let newCount = 0;
  for (let i = 0; i < sim.moments.length; i++) {
    const take = Math.min(remaining, newPace(remaining, addDays(today, i), exam));
    if (take <= 0) continue;
    const outcome = newQuestionOutcome(sim, i);
    for (const id of queue.slice(newCount, newCount + take)) {
      const p = objectiveEstimate(bank.get(id)!.objective);
      keepChance.set(id, p * outcome.right + (1 - p) * outcome.wrong);
      reviews += outcome.reviews;
    }
    newCount += take;
    remaining -= take;
  }
  const keepR = readinessFromChances(bank, blueprint, (id) => keepChance.get(id));
  return summarise(exam, nowR, stopR, keepR, blueprint, { reviews, newQuestions: newCount });
}

function summarise(exam: Day, nowR: Readiness, stopR: Readiness, keepR: Readiness, blueprint: Blueprint, simulated: ExamForecast['simulated']): ExamForecast {
  return {
    exam,
    overall: { today: nowR.overall.predicted, stop: stopR.overall.predicted, keep: keepR.overall.predicted, passPercent: blueprint.passPercent },
    domains: nowR.domains.map((d, i) => ({ domain: d.domain, title: d.title, weight: d.weight, today: d.predicted, stop: stopR.domains[i]!.predicted, keep: keepR.domains[i]!.predicted })),
    simulated,
  };
}
