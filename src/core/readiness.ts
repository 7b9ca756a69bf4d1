import type { PlanContent } from './study/planContent';
import type { Blueprint } from './content/schema';
import type { Progress } from './progress/schema';
import { cardsFrom, retrievability, type CardState } from './scheduler';

// Readiness: a predicted exam score per domain and overall, with an honest interval.
//
// For each question the learner has answered, the chance of getting it right now is its FSRS
// retrievability if the last answer was right, and the guessing rate if it was wrong. Estimates
// are shrunk in two levels so thin data cannot look like mastery: a domain's mean blends its
// answers with DOMAIN_PRIOR pseudo-answers at the guessing rate; each objective blends its own
// answers with OBJECTIVE_PRIOR pseudo-answers at that domain mean (an objective never practised
// gets the domain mean, not a coin flip, and not a perfect score either). A domain's score is the
// mean over its objectives (the exam samples across objectives); the overall score weights domains
// by the blueprint. The interval combines the uncertainty of the estimate (how many answers stand
// behind it) with the luck of a 48-question draw.

/** Chance of a right answer by guessing a four-option question. */
export const GUESS = 0.25;
/** Pseudo-answers at the guessing rate mixed into a domain's mean. */
export const DOMAIN_PRIOR = 5;
/** Pseudo-answers at the domain mean mixed into each objective's estimate. */
export const OBJECTIVE_PRIOR = 2;
/** Fewer answers than this in a domain and its estimate is marked as thin. */
export const THIN = 10;
const Z90 = 1.645;

export interface DomainReadiness {
  domain: string;
  title: string;
  weight: number;
  /** Predicted share of this domain's exam questions answered right (0..1). */
  predicted: number;
  low: number;
  high: number;
  answered: number;
  /** Objectives of the domain with at least one answered question, of all of them. */
  objectivesSeen: number;
  objectives: number;
  thin: boolean;
  /** Each objective's own estimate (0..1): the chance of a right answer on one of its questions. */
  perObjective: Record<string, number>;
}

export interface Readiness {
  blueprint: string;
  overall: { predicted: number; low: number; high: number; passProbability: number; passPercent: number; thin: boolean };
  domains: DomainReadiness[];
}

/** Probability a question is answered right now, from its card and last answer. */
export function questionChance(c: CardState, now: number): number {
  return c.lastAnswer.correct ? retrievability(c, now) : GUESS;
}

function normalCdf(x: number): number {
  // Abramowitz-Stegun 7.1.26 approximation of erf.
  const t = 1 / (1 + 0.3275911 * Math.abs(x / Math.SQRT2));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-((x / Math.SQRT2) ** 2));
  return x >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Predicted exam score per domain and overall under a blueprint. */
export function computeReadiness(bank: Pick<PlanContent, 'questions'>, progress: Progress, blueprint: Blueprint, now: number, cards: Map<string, CardState> = cardsFrom(progress)): Readiness {
  return readinessFromChances(bank, blueprint, (id) => {
    const c = cards.get(id);
    return c && questionChance(c, now);
  });
}

/** Question ids per objective, in bank order (the order the sums add in), once per question list. */
const grouped = new WeakMap<readonly { id: string; objective: string }[], { length: number; ids: Map<string, string[]> }>();
function questionsByObjective(questions: readonly { id: string; objective: string }[]): Map<string, string[]> {
  const kept = grouped.get(questions);
  if (kept && kept.length === questions.length) return kept.ids;
  const ids = new Map<string, string[]>();
  for (const q of questions) {
    const list = ids.get(q.objective);
    if (list) list.push(q.id);
    else ids.set(q.objective, [q.id]);
  }
  grouped.set(questions, { length: questions.length, ids });
  return ids;
}

/**
 * The same prediction from any chance per question (undefined: not answered). The exam-day
 * forecast (study/forecast.ts) feeds it the chances it simulates.
 */
export function readinessFromChances(bank: Pick<PlanContent, 'questions'>, blueprint: Blueprint, chanceOf: (questionId: string) => number | undefined): Readiness {
  const byObjective = questionsByObjective(bank.questions);
  const domains = blueprint.domains.map((d): DomainReadiness => {
    const perObjective = d.objectives.map((o) => {
      let sum = 0;
      let n = 0;
      for (const id of byObjective.get(o) ?? []) {
        const c = chanceOf(id);
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
