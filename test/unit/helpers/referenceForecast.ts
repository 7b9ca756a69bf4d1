// Today's examForecast before it was memoised (study/forecast.ts), kept verbatim as the reference
// the property test (forecastMemo.test.ts) compares the fast one with: every question simulated
// from scratch on every call, each new question on its own; readiness from the chances as it was too.
import type { PlanContent } from '../../../src/core/study/planContent';
import type { Blueprint } from '../../../src/core/content/schema';
import type { Progress } from '../../../src/core/progress/schema';
import { DOMAIN_PRIOR, GUESS, OBJECTIVE_PRIOR, questionChance, THIN, type DomainReadiness, type Readiness } from '../../../src/core/readiness';
import { cardRetrievability, cardsFrom, nextCard, type CardState } from '../../../src/core/scheduler';
import type { Card } from 'ts-fsrs';
import { addDays, atHour, daysBetween, today as todayOf, type Clock, type Day } from '../../../src/core/study/clock';
import { DEFAULT_GOAL, goalNewQuestions, newPace, type GoalSettings } from '../../../src/core/study/dailyGoal';
import { EXAM_HOUR, STUDY_HOUR, type ExamForecast } from '../../../src/core/study/forecast';
import { studyIndexOf } from '../../../src/core/study/studyIndex';

const Z90 = 1.645;
function normalCdf(x: number): number {
  // Abramowitz-Stegun 7.1.26 approximation of erf.
  const t = 1 / (1 + 0.3275911 * Math.abs(x / Math.SQRT2));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-((x / Math.SQRT2) ** 2));
  return x >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}
const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** readiness.ts readinessFromChances as it was (every question scanned per objective). */
export function readinessFromChances(bank: Pick<PlanContent, 'questions'>, blueprint: Blueprint, chanceOf: (questionId: string) => number | undefined): Readiness {
  const domains = blueprint.domains.map((d): DomainReadiness => {
    const perObjective = d.objectives.map((o) => {
      let sum = 0;
      let n = 0;
      for (const q of bank.questions) {
        if (q.objective !== o) continue;
        const c = chanceOf(q.id);
        if (c === undefined) continue;
        sum += c;
        n++;
      }
      return { sum, n };
    });
    const answered = perObjective.reduce((s, x) => s + x.n, 0);
    const seen = perObjective.filter((x) => x.n).length;
    const domainMean = (perObjective.reduce((s, x) => s + x.sum, 0) + DOMAIN_PRIOR * GUESS) / (answered + DOMAIN_PRIOR);
    const masteries = perObjective.map((x) => (x.sum + OBJECTIVE_PRIOR * domainMean) / (x.n + OBJECTIVE_PRIOR));
    const predicted = masteries.length ? masteries.reduce((a, b) => a + b, 0) / masteries.length : GUESS;
    // Answers behind the estimate, discounted for objectives nobody has practised yet.
    const nEff = DOMAIN_PRIOR + answered * (d.objectives.length ? (seen + 1) / (d.objectives.length + 1) : 1);
    const se = Math.sqrt((predicted * (1 - predicted)) / nEff);
    return {
      domain: d.id, title: d.title, weight: d.weight, predicted,
      low: clamp01(predicted - Z90 * se), high: clamp01(predicted + Z90 * se),
      answered, objectivesSeen: seen, objectives: d.objectives.length, thin: answered < THIN,
      perObjective: Object.fromEntries(d.objectives.map((o, i) => [o, masteries[i]!])),
    };
  });
  const total = domains.reduce((s, d) => s + d.weight, 0) || 1;
  const predicted = domains.reduce((s, d) => s + (d.weight / total) * d.predicted, 0);
  const seModel = Math.sqrt(domains.reduce((s, d) => s + ((d.weight / total) * ((d.high - d.low) / (2 * Z90))) ** 2, 0));
  const seExam = Math.sqrt((predicted * (1 - predicted)) / blueprint.questions);
  const se = Math.sqrt(seModel ** 2 + seExam ** 2);
  const pass = blueprint.passPercent / 100;
  return {
    blueprint: blueprint.id,
    overall: {
      predicted, low: clamp01(predicted - Z90 * se), high: clamp01(predicted + Z90 * se),
      passProbability: se > 0 ? 1 - normalCdf((pass - predicted) / se) : predicted >= pass ? 1 : 0,
      passPercent: blueprint.passPercent, thin: domains.some((d) => d.thin),
    },
    domains,
  };
}

/** computeReadiness as it was, over the reference readinessFromChances. */
function computeReadiness(bank: Pick<PlanContent, 'questions'>, blueprint: Blueprint, now: number, cards: Map<string, CardState>): Readiness {
  return readinessFromChances(bank, blueprint, (id) => {
    const c = cards.get(id);
    return c && questionChance(c, now);
  });
}

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
  const nowR = computeReadiness(bank, blueprint, now, cards);
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
