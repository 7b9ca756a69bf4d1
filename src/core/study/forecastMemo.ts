import type { Card } from 'ts-fsrs';
import { GUESS, questionChance } from '../readiness';
import { cardRetrievability, nextCard, type CardState } from '../scheduler';

// The exam-day simulation's outcome per question, memoised (forecast.ts runs it on every build of
// the Study Plan tree, in the shared extension host). A question answered at a study moment has an
// outcome that depends only on its card, that moment, the moments after it and the exam instant:
// - every new question answered at the same moment has the same outcome (a new card is the same
//   card whatever the question), so it is simulated once per moment;
// - an answered question's card is the same object from one build to the next until the question
//   is answered again (the progress store's CardIndex keeps it), so its outcome is kept on the card
//   (a WeakMap: cards replayed from a plain state are dropped with it) with a key naming the
//   moments from its own on and the exam instant. The first moment is `now`, so an outcome simulated
//   from it is kept only until the clock moves; the evenings after it are the same all day;
// - a question answered now (due or overdue, or one of today's new questions) is simulated again
//   on each build, but only for its first two reviews: from there on its card was last reviewed on
//   a study evening and is looked up by value (tail());
// - the chance at the exam if you stop is kept on each card state.
// Each simulated review is counted as before, so `reviews` is the same as simulating everything,
// and the memos stay small: WeakMaps on the cards, the rest only for the last call's moments.
// test/unit/forecastMemo.test.ts compares every call with the simulation without memos.

/** A question answered at a moment: its chance at the exam if right and if wrong, and the reviews simulated. */
export interface Outcome {
  right: number;
  wrong: number;
  /** The answer itself and every review after it, both ways. */
  reviews: number;
}

/** The study moments (now, then each evening before the exam) and a key for each. */
export interface Simulation {
  moments: readonly number[];
  examAt: number;
  /** keys[i] names moments[i..] and examAt: all an outcome at moments[i] depends on. */
  keys: readonly number[];
}

/** Key ids by the text they stand for, as of the last simulation (so ids carry over between calls). */
let knownKeys = new Map<string, number>();
let nextKeyId = 0;
/** New-question outcomes by key id, for the last simulation's keys only. */
let newOutcomes = new Map<number, Outcome>();

/** The simulation over `moments` (ascending) until `examAt`, with ids for its keys. */
export function simulation(moments: readonly number[], examAt: number): Simulation {
  const keys: number[] = new Array<number>(moments.length);
  const known = new Map<string, number>();
  const outcomes = new Map<number, Outcome>();
  let text = `${examAt}`;
  for (let i = moments.length - 1; i >= 0; i--) {
    text = `${moments[i]!},${text}`;
    const id = known.get(text) ?? knownKeys.get(text) ?? nextKeyId++;
    known.set(text, id);
    keys[i] = id;
    const o = newOutcomes.get(id);
    if (o) outcomes.set(id, o);
  }
  // Ids of texts not seen in this call are never handed out again, so what they keyed is dead.
  knownKeys = known;
  newOutcomes = outcomes;
  // Tails this simulation does not use are dropped after it (their moments are behind, or their
  // cards were answered again).
  lastTails = tails;
  tails = new Map();
  return { moments, examAt, keys };
}

/** The index of the first study moment at or after `t` and before the exam, or -1. */
export function momentIndex(sim: Simulation, t: number): number {
  const { moments } = sim;
  let lo = 0;
  let hi = moments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (moments[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo < moments.length && moments[lo]! < sim.examAt ? lo : -1;
}

/** Work in progress on one outcome: reviews counted, and the earliest moment looked at. */
interface Run {
  sim: Simulation;
  reviews: number;
  earliest: number;
}

/**
 * A card reviewed (rated Good) each time it falls due until the exam; its retrievability at the
 * exam. With `byValue`, the rest of the chain from the second review on is looked up by the card's
 * value (see tail()).
 */
function maintained(run: Run, card: Card, byValue: boolean): number {
  let c = card;
  for (let n = 0; ; n++) {
    const i = at(run, c.due.getTime());
    if (i < 0) return cardRetrievability(c, run.sim.examAt);
    if (byValue && n === 1) return tail(run, c, i);
    c = nextCard(c, run.sim.moments[i]!, 'good');
    run.reviews++;
  }
}

/** A chain's rest from a card due at moments[i]: its retrievability at the exam and the reviews it took. */
interface Tail {
  chance: number;
  reviews: number;
}
/** Tails by key (the moments from the card's own on, and the card's value), of this simulation and the last. */
let tails = new Map<string, Tail>();
let lastTails = new Map<string, Tail>();

/** The card's every field (dates as instants): what the scheduler reads, so equal texts give equal steps. */
function cardText(c: Card): string {
  let s = '';
  for (const [k, v] of Object.entries(c)) s += `${k}=${v instanceof Date ? v.getTime() : String(v)};`;
  return s;
}

/**
 * The rest of a chain answered at `now` (the first moment), from its second review on. The card
 * answered now, and the card after its first review, carry `now` in them (last review, due); the
 * card after the second review was last reviewed on a study evening and usually has the same value
 * from one build to the next, so its rest is kept by value, not simulated again.
 */
function tail(run: Run, c: Card, i: number): number {
  const key = `${run.sim.keys[i]!}|${cardText(c)}`;
  let t = tails.get(key) ?? lastTails.get(key);
  let keep = true;
  if (!t) {
    const rest: Run = { sim: run.sim, reviews: 0, earliest: i };
    t = { chance: maintained(rest, c, false), reviews: rest.reviews };
    if (rest.earliest < run.earliest) run.earliest = rest.earliest;
    keep = rest.earliest >= i; // see simulate()
  }
  if (keep) tails.set(key, t);
  run.reviews += t.reviews;
  return t.chance;
}

function at(run: Run, t: number): number {
  const i = momentIndex(run.sim, t);
  if (i >= 0 && i < run.earliest) run.earliest = i;
  return i;
}

/**
 * A question answered at moments[i]: right, it is maintained; wrong, it is relearnt at the next
 * review (if one comes before the exam, else it stays at the guessing rate). `earliest` tells
 * whether any moment before i was looked at (a card due before the moment it was answered, which
 * the scheduler does not make; the key would not name that moment, so such an outcome is not kept).
 */
function simulate(sim: Simulation, card: Card | undefined, i: number): { outcome: Outcome; earliest: number } {
  const m = sim.moments[i]!;
  const run: Run = { sim, reviews: 1, earliest: i };
  // An outcome at the first moment is keyed with `now` (kept only while the clock stands still);
  // the rests of its chains are looked up by value.
  const byValue = i === 0;
  const right = maintained(run, nextCard(card, m, 'good'), byValue);
  const again = nextCard(card, m, 'again');
  const wrong = at(run, again.due.getTime()) < 0 ? GUESS : maintained(run, again, byValue);
  return { outcome: { right, wrong, reviews: run.reviews }, earliest: run.earliest };
}

/** The outcome of a new question answered at moments[i] (the same for every new question). */
export function newQuestionOutcome(sim: Simulation, i: number): Outcome {
  const key = sim.keys[i]!;
  const known = newOutcomes.get(key);
  if (known) return known;
  const { outcome, earliest } = simulate(sim, undefined, i);
  if (earliest >= i) newOutcomes.set(key, outcome);
  return outcome;
}

/** What is kept per card: the key of its last outcome, the outcome, and its retrievability at that moment. */
interface Kept {
  key: number;
  outcome: Outcome;
  recall: number;
}
const byCard = new WeakMap<Card, Kept>();

/**
 * The outcome of an answered question's card reviewed at moments[i], and the card's retrievability
 * at that moment (the chance of a right answer when its last answer was right).
 */
export function reviewOutcome(sim: Simulation, card: Card, i: number): { outcome: Outcome; recall: number } {
  const key = sim.keys[i]!;
  const kept = byCard.get(card);
  if (kept && kept.key === key) return kept;
  const { outcome, earliest } = simulate(sim, card, i);
  const fresh = { key, outcome, recall: cardRetrievability(card, sim.moments[i]!) };
  if (earliest >= i) byCard.set(card, fresh);
  return fresh;
}

/** Each card state's chance at the exam if you stop, for the exam instant it was taken at. */
const atExam = new WeakMap<CardState, { examAt: number; chance: number }>();

/** questionChance(c, examAt), kept on the card state (the store's index keeps it until the question is answered again). */
export function examChance(c: CardState, examAt: number): number {
  const kept = atExam.get(c);
  if (kept && kept.examAt === examAt) return kept.chance;
  const chance = questionChance(c, examAt);
  atExam.set(c, { examAt, chance });
  return chance;
}
