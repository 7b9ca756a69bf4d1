import { answerOrder } from '../progress/merge';
import type { Answer, Progress } from '../progress/schema';
import { nextCard, ratingOf, type CardState } from '../scheduler';

// The scheduler's cards kept up to date answer by answer, so an answer costs one FSRS step instead
// of a replay of the whole history. A question's card depends only on its own answers and their
// ratings, so a change touches one question: a new latest answer is one more step; an answer that
// arrives out of time order, or a changed rating, replays that question alone. The result is the
// same as replaying everything (scheduler.ts cardsFrom; property-tested). Indexes are never
// changed in place: each update returns a new one (the old state's readers keep theirs).

export class CardIndex {
  private constructor(
    /** Card per answered question id. */
    readonly cards: Map<string, CardState>,
    /** Each question's answers in replay order. */
    private readonly byQuestion: Map<string, Answer[]>,
  ) {}

  /** The index of a whole state (one full replay). */
  static of(progress: Progress): CardIndex {
    const build = CardIndex.building(progress);
    let step = build.next();
    while (!step.done) step = build.next();
    return step.value;
  }

  /**
   * The same index, built in slices of about `answersPerSlice` answers with `pause()` between them:
   * a history of thousands of answers takes a few hundred milliseconds to replay, which must not
   * be one block of the extension host right after the progress loads.
   */
  static async ofInSlices(progress: Progress, pause: () => Promise<void>, answersPerSlice = 100): Promise<CardIndex> {
    const build = CardIndex.building(progress);
    let replayed = 0;
    for (let step = build.next(); ; step = build.next()) {
      if (step.done) return step.value;
      replayed += step.value;
      if (replayed >= answersPerSlice) {
        replayed = 0;
        await pause();
      }
    }
  }

  /** Replays question by question, yielding how many answers each took; returns the index. */
  private static *building(progress: Progress): Generator<number, CardIndex, void> {
    const byQuestion = new Map<string, Answer[]>();
    // The order cardsFrom replays in: by time, ties in the state's own order.
    for (const a of [...progress.answers].sort((x, y) => x.at - y.at)) {
      const list = byQuestion.get(a.q);
      if (list) list.push(a);
      else byQuestion.set(a.q, [a]);
    }
    const cards = new Map<string, CardState>();
    for (const [q, list] of byQuestion) {
      cards.set(q, replay(list, progress.ratings));
      yield list.length;
    }
    return new CardIndex(cards, byQuestion);
  }

  /**
   * The index after a new answer (an id the state did not hold) joined a merged state whose
   * ratings are `ratings`.
   */
  withAnswer(a: Answer, ratings: Progress['ratings']): CardIndex {
    const prior = this.byQuestion.get(a.q) ?? [];
    const last = prior[prior.length - 1];
    const list = [...prior, a];
    const byQuestion = new Map(this.byQuestion).set(a.q, list);
    const cards = new Map(this.cards);
    if (!last || answerOrder(last, a) <= 0) {
      const c = this.cards.get(a.q);
      cards.set(a.q, { card: nextCard(c?.card, a.at, ratingOf(a, ratings)), reviews: (c?.reviews ?? 0) + 1, lastAnswer: a });
    } else {
      list.sort(answerOrder);
      cards.set(a.q, replay(list, ratings));
    }
    return new CardIndex(cards, byQuestion);
  }

  /** The index after the rating of answer `answerId` changed (`ratings` holds the new one). */
  withRating(answerId: string, ratings: Progress['ratings']): CardIndex {
    for (const [q, list] of this.byQuestion) {
      if (!list.some((a) => a.id === answerId)) continue;
      return new CardIndex(new Map(this.cards).set(q, replay(list, ratings)), this.byQuestion);
    }
    return this; // a rating for an answer not (yet) here changes no card
  }
}

/** One question's card from its answers in order. */
function replay(list: readonly Answer[], ratings: Progress['ratings']): CardState {
  let c: CardState | undefined;
  for (const a of list) c = { card: nextCard(c?.card, a.at, ratingOf(a, ratings)), reviews: (c?.reviews ?? 0) + 1, lastAnswer: a };
  return c!;
}
