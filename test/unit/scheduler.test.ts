import { strict as assert } from 'node:assert';
import { cardsFrom, dueQuestions, ratingOf } from '../../src/core/scheduler';
import { emptyProgress, type Answer } from '../../src/core/progress/schema';

const DAY = 86_400_000;
const T0 = 1_700_000_000_000;
const answer = (id: string, q: string, at: number, correct: boolean): Answer => ({ id, q, at, choices: ['A'], correct, ms: 1000, mode: 'practice' });

describe('spaced repetition (ts-fsrs)', () => {
  it('brings a wrong answer back within the day and a right one later', () => {
    const p = emptyProgress();
    p.answers.push(answer('1', 'wrong', T0, false), answer('2', 'right', T0, true));
    const cards = cardsFrom(p);
    assert.equal(cards.get('wrong')!.card.due.getTime() - T0, 10 * 60_000, 'wrong: due in ten minutes');
    assert.ok(cards.get('right')!.card.due.getTime() - T0 >= DAY, 'right: not before tomorrow');
    assert.ok(cards.get('right')!.card.due.getTime() > cards.get('wrong')!.card.due.getTime(), 'right: later than wrong');
    assert.deepEqual(dueQuestions(cards, T0 + DAY / 2), ['wrong']);
  });

  it('lets known questions fade out: intervals grow with each right answer', () => {
    const p = emptyProgress();
    let t = T0;
    const intervals: number[] = [];
    for (let i = 0; i < 5; i++) {
      p.answers.push(answer(String(i), 'q', t, true));
      const due = cardsFrom(p).get('q')!.card.due.getTime();
      intervals.push(due - t);
      t = due;
    }
    for (let i = 1; i < intervals.length; i++) assert.ok(intervals[i]! > intervals[i - 1]!, `interval ${i} grows: ${intervals.map((x) => Math.round(x / DAY)).join(', ')} days`);
  });

  it('maps answers to ratings: wrong = Again, right = Good unless the learner says Hard, Easy or guessed', () => {
    const right = answer('r', 'q', T0, true);
    const wrong = answer('w', 'q', T0, false);
    assert.equal(ratingOf(wrong, {}), 'again');
    assert.equal(ratingOf(right, {}), 'good');
    assert.equal(ratingOf(right, { r: { rating: 'easy', at: T0 } }), 'easy');
    assert.equal(ratingOf(right, { r: { rating: 'again', at: T0 } }), 'again');
    assert.equal(ratingOf(wrong, { w: { rating: 'easy', at: T0 } }), 'again', 'a wrong answer cannot be rated easy');
    const p = emptyProgress();
    p.answers.push(right);
    const good = cardsFrom(p).get('q')!.card.due.getTime();
    p.ratings.r = { rating: 'easy', at: T0 };
    assert.ok(cardsFrom(p).get('q')!.card.due.getTime() > good, 'Easy schedules later than Good');
  });

  it('replays answers in time order whatever their order in storage', () => {
    const a = emptyProgress();
    a.answers.push(answer('1', 'q', T0, true), answer('2', 'q', T0 + DAY, false));
    const b = emptyProgress();
    b.answers.push(answer('2', 'q', T0 + DAY, false), answer('1', 'q', T0, true));
    assert.equal(cardsFrom(a).get('q')!.card.due.getTime(), cardsFrom(b).get('q')!.card.due.getTime());
  });
});
