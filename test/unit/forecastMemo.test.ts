import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { plainRecord } from './helpers/plainRecord';
import { bank as loadBank } from './helpers/facts';
import { examForecast as referenceForecast } from './helpers/referenceForecast';
import { mergeProgress } from '../../src/core/progress/merge';
import { emptyProgress, type Answer, type Progress } from '../../src/core/progress/schema';
import { ProgressStore, type ProgressBackend } from '../../src/core/progress/store';
import { addDays, atHour, dayOf, fixedClock, type Clock } from '../../src/core/study/clock';
import { examForecast, STUDY_HOUR } from '../../src/core/study/forecast';

// examForecast keeps simulated outcomes between calls (study/forecastMemo.ts): per card object
// (the store's CardIndex keeps a card until its question is answered again) and per study moment
// for new questions. Whatever it keeps, each call must give exactly what simulating everything
// anew gives (the reference, today's code before the memo): bit for bit, on every call of a
// sequence of answers through a ProgressStore while the clock moves (across midnight, across the
// exam day), in time zones that change, and for two clocks that share every study moment but
// not the exam instant (so the memo's key must name the exam too).

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

class MemoryBackend implements ProgressBackend {
  constructor(public snapshot: unknown) {}
  readSnapshot() { return this.snapshot; }
  async writeSnapshot(v: Progress) { this.snapshot = v; }
  async appendJournal() { /* the journal is not read back in this test */ }
  async readJournals() { return []; }
  async backup() { return true; }
}

describe('the exam-day forecast, memoised (property)', function () {
  this.timeout(120_000);
  const b = loadBank();
  const bp = b.blueprint('current');
  // A few questions of every objective (so objectives are both practised and left), and one the bank lacks.
  const pool = [...b.questions.filter((_, i) => i % 11 === 0).map((q) => q.id), 'not-in-the-bank'];
  const choicesOf = (q: string, right: boolean) => {
    const question = b.get(q);
    if (!question) return ['A'];
    return right ? question.choices.filter((c) => c.correct).map((c) => c.id) : [question.choices.find((c) => !c.correct)!.id];
  };

  const answerArb = plainRecord({ q: fc.constantFrom(...pool), back: fc.integer({ min: 0, max: 25 * DAY }), correct: fc.boolean() });
  const stepArb = plainRecord({
    // Seconds (the next answer), hours, or about a day (past midnight, towards and past the exam).
    advance: fc.oneof(fc.integer({ min: 0, max: 120_000 }), fc.integer({ min: 1, max: 12 }).map((h) => h * HOUR + 17), fc.integer({ min: 20, max: 30 }).map((h) => h * HOUR)),
    answer: fc.option(plainRecord({ q: fc.constantFrom(...pool), correct: fc.boolean() }), { nil: undefined }),
    rating: fc.option(fc.constantFrom('again' as const, 'hard' as const, 'easy' as const), { nil: undefined }),
  });
  const zoneArb = plainRecord({
    offset: fc.constantFrom(0, 60, -300, 330, 600, -600),
    // A daylight-saving change some hours into the run, or none.
    changeAfter: fc.integer({ min: 0, max: 400 }).map((h) => h * HOUR),
    change: fc.constantFrom(0, 60, -60),
  });

  it('gives what simulating everything gives, on every call of a sequence through the store', async () => {
    // What the sequences reached, so the property cannot pass by testing less than it says.
    const reached = { midnight: 0, examDay: 0 };
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 0, max: 7 * 24 * 60 }).map((min) => Date.UTC(2026, 2, 25) + min * 60_000),
      fc.array(answerArb, { maxLength: 80 }),
      fc.array(stepArb, { minLength: 1, maxLength: 12 }),
      fc.integer({ min: 1, max: 12 }),
      zoneArb,
      async (t0, history, steps, examIn, zone) => {
        const offset = (t: number) => zone.offset + (t >= t0 + zone.changeAfter ? zone.change : 0);
        const exam = addDays(dayOf(t0, fixedClock(t0, offset)), examIn);
        // The twin zone agrees until after the last study evening, then jumps ten hours back: the
        // same study moments, an exam instant ten hours later.
        const lastEvening = atHour(addDays(exam, -1), STUDY_HOUR, fixedClock(t0, offset));
        const twin = (t: number) => offset(t) - (t > lastEvening + HOUR ? 600 : 0);

        const start = emptyProgress();
        start.answers = history.map((h, i): Answer => ({ id: `h${i}`, q: h.q, at: t0 - h.back, choices: choicesOf(h.q, h.correct), correct: h.correct, ms: 1000, mode: 'practice' }));
        start.exam = { date: exam, at: t0 - 26 * DAY };
        let now = t0;
        const store = new ProgressStore(new MemoryBackend(mergeProgress(emptyProgress(), start)), () => now);
        await store.load();
        void store.cards; // the index from the start, so its cards carry over from one change to the next

        const check = (clock: Clock, what: string) => {
          const expected = referenceForecast(b, store.progress, bp, exam, clock);
          assert.deepStrictEqual(examForecast(b, store.progress, bp, exam, clock), expected, `${what}: first call`);
          assert.deepStrictEqual(examForecast(b, store.progress, bp, exam, clock), expected, `${what}: again at the same instant`);
          // A plain state (not the store's): its cards are replayed, new objects the memo has not seen.
          const plain = { ...store.progress, answers: [...store.progress.answers] };
          assert.deepStrictEqual(examForecast(b, plain, bp, exam, clock), expected, `${what}: from a plain state`);
        };
        check(fixedClock(now, offset), 'at the start');
        let n = 0;
        for (const s of steps) {
          if (dayOf(now + s.advance, fixedClock(now, offset)) !== dayOf(now, fixedClock(now, offset))) reached.midnight++;
          now += s.advance;
          if (dayOf(now, fixedClock(now, offset)) >= exam) reached.examDay++;
          if (s.answer) {
            const id = `s${n++}`;
            await store.apply({ t: 'answer', a: { id, q: s.answer.q, at: now, choices: choicesOf(s.answer.q, s.answer.correct), correct: s.answer.correct, ms: 1000, mode: 'practice' } });
            if (s.rating && s.answer.correct) await store.apply({ t: 'rating', id, r: { rating: s.rating, at: now } });
          }
          check(fixedClock(now, offset), `after ${n} answers at ${new Date(now).toISOString()}, exam ${exam}`);
          check(fixedClock(now, twin), `twin zone, after ${n} answers at ${new Date(now).toISOString()}, exam ${exam}`);
        }
      },
    ), { numRuns: 60 });
    assert.ok(reached.midnight > 0 && reached.examDay > 0, JSON.stringify(reached));
  });

  it('is exercised: the sequences above simulate reviews and new questions, and reach the exam day', () => {
    // Guards the property against testing nothing: a learner with a history and an exam ahead.
    const t0 = Date.UTC(2026, 2, 25, 12);
    const p = emptyProgress();
    p.answers = pool.slice(0, 20).map((q, i): Answer => ({ id: `h${i}`, q, at: t0 - (i + 1) * 3 * HOUR, choices: choicesOf(q, i % 3 !== 0), correct: i % 3 !== 0, ms: 1000, mode: 'practice' }));
    const clock = fixedClock(t0, 0);
    const f = examForecast(b, p, bp, '2026-04-05', clock)!;
    assert.deepStrictEqual(f, referenceForecast(b, p, bp, '2026-04-05', clock));
    assert.ok(f.simulated.reviews > 100 && f.simulated.newQuestions > 10, JSON.stringify(f.simulated));
    assert.equal(examForecast(b, p, bp, '2026-03-25', clock), undefined, 'nothing on the exam day');
  });
});
