import { createEmptyCard, fsrs, generatorParameters, Rating, type Card, type Grade } from 'ts-fsrs';
import type { Answer, Progress, RatingName } from './progress/schema';

// Spaced repetition with FSRS (ts-fsrs). Cards are never stored: each question's card is replayed
// from its answers in time order, so the schedule always agrees with the answer history and merges
// of answers from other windows need no card merging.

// One 10-minute learning step: a wrong answer comes back in the same sitting, a right first answer
// in about two days (ts-fsrs' default steps would bring a right answer back after 10 minutes,
// which in a 370-question bank only repeats what the learner already knows). No fuzz, so a
// schedule can be checked.
export const SCHEDULER_PARAMETERS = generatorParameters({ enable_fuzz: false, learning_steps: ['10m'], relearning_steps: ['10m'] });
const scheduler = fsrs(SCHEDULER_PARAMETERS);

const GRADES: Record<RatingName, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

/** The rating an answer counts as: the learner's own if given, else wrong = Again, right = Good. */
export function ratingOf(a: Answer, overrides: Progress['ratings']): RatingName {
  const own = overrides[a.id];
  if (own && a.correct) return own.rating; // "I guessed" may rate a right answer Again
  if (own && !a.correct) return 'again';
  return a.correct ? 'good' : 'again';
}

export interface CardState {
  card: Card;
  reviews: number;
  lastAnswer: Answer;
}

/**
 * Cards kept up to date by whoever owns a state (the progress store keeps them per answer, see
 * scheduling/cardIndex.ts), so the surfaces that ask for the cards of the store's state on every
 * change (status bar, plan, home) do not replay the whole history. Keyed by the state object; the
 * answers array and ratings record are checked too, so a state changed in place is replayed anew.
 */
const known = new WeakMap<Progress, { answers: Progress['answers']; count: number; ratings: Progress['ratings']; cards: () => Map<string, CardState> }>();

/** Tells cardsFrom the cards of `progress` (computed on first use); the state must not change after. */
export function rememberCards(progress: Progress, cards: () => Map<string, CardState>): void {
  known.set(progress, { answers: progress.answers, count: progress.answers.length, ratings: progress.ratings, cards });
}

/** Each answered question's FSRS card after replaying its answers (the caller must not change the map). */
export function cardsFrom(progress: Progress): Map<string, CardState> {
  const k = known.get(progress);
  if (k && k.answers === progress.answers && k.count === progress.answers.length && k.ratings === progress.ratings) return k.cards();
  return replayAll(progress);
}

/** Every card replayed from the answers in time order. */
export function replayAll(progress: Progress): Map<string, CardState> {
  const cards = new Map<string, CardState>();
  const answers = [...progress.answers].sort((x, y) => x.at - y.at);
  for (const a of answers) replayAnswer(cards, a, progress.ratings);
  return cards;
}

/** Replays one more answer into `cards` (answers must come in time order). */
export function replayAnswer(cards: Map<string, CardState>, a: Answer, ratings: Progress['ratings']): void {
  const prior = cards.get(a.q);
  cards.set(a.q, { card: nextCard(prior?.card, a.at, ratingOf(a, ratings)), reviews: (prior?.reviews ?? 0) + 1, lastAnswer: a });
}

/** A card after one more answer rated `rating` at `at` (a new card when there is none yet). */
export function nextCard(card: Card | undefined, at: number, rating: RatingName): Card {
  return scheduler.next(card ?? createEmptyCard(new Date(at)), new Date(at), GRADES[rating]).card;
}

/** Probability of recall of a bare card at `at`. */
export function cardRetrievability(card: Card, at: number): number {
  return scheduler.get_retrievability(card, new Date(at), false);
}

/** Question ids due for review at `now`, most overdue first. */
export function dueQuestions(cards: Map<string, CardState>, now: number, known?: (id: string) => boolean): string[] {
  return [...cards.entries()]
    .filter(([id, c]) => c.card.due.getTime() <= now && (!known || known(id)))
    .sort((a, b) => a[1].card.due.getTime() - b[1].card.due.getTime())
    .map(([id]) => id);
}

/** Probability (0..1) that the learner still recalls the answer at `now`. */
export function retrievability(c: CardState, now: number): number {
  return scheduler.get_retrievability(c.card, new Date(now), false);
}
