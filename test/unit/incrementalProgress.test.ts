import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { plainRecord } from './helpers/plainRecord';
import { applyDelta } from '../../src/core/progress/applyDelta';
import { mergeProgress } from '../../src/core/progress/merge';
import { deltaAsProgress, emptyProgress, type Answer, type Delta, type Progress, type Session } from '../../src/core/progress/schema';
import { ProgressStore, type ProgressBackend } from '../../src/core/progress/store';
import { cardsFrom, replayAll } from '../../src/core/scheduler';
import { CardIndex } from '../../src/core/scheduling/cardIndex';
import { applyDelta as apply1 } from '../../src/core/progress/applyDelta';
import { fixedClock } from '../../src/core/study/clock';
import { dailyGoal } from '../../src/core/study/dailyGoal';
import { studyIndex, studyIndexData, studyIndexOf } from '../../src/core/study/studyIndex';
import { bank } from './helpers/facts';

// The answer path's incremental state must be exactly what a full merge and a full replay give:
// the store applies each change in place of a merge (applyDelta) and keeps the scheduler's cards
// per answer (CardIndex). Out-of-order times, duplicate ids with differing copies, ratings, imports
// and another window's writes are all thrown at it.

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;
const stamp = fc.integer({ min: T0, max: T0 + 200 * HOUR });
const idArb = fc.constantFrom('a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9', 'a10', 'a11', 'a12');
const ratingArb = plainRecord({ rating: fc.constantFrom('again' as const, 'hard' as const, 'good' as const, 'easy' as const), at: stamp });
const answerArb: fc.Arbitrary<Answer> = plainRecord({
  // A small id pool, so the same id comes back (sometimes with other content, as a damaged copy might).
  id: idArb, q: fc.constantFrom('q1', 'q2', 'q3'),
  // Coarse times, so equal times (ordered by id) are common, and in no particular order.
  at: fc.integer({ min: 0, max: 40 }).map((h) => T0 + h * HOUR),
  choices: fc.constantFrom(['A'], ['B']), correct: fc.boolean(), ms: fc.constant(1000), mode: fc.constant('practice' as const),
});
const sessionArb: fc.Arbitrary<Session> = plainRecord({
  id: fc.integer({ min: 0, max: 60 }).map((n) => `s${n}`), updatedAt: stamp, finished: fc.integer({ min: 0, max: 9 }).map((n) => n < 7),
}).map(({ id, updatedAt, finished }) => ({
  id, kind: 'practice' as const, title: id, feedback: 'immediate' as const, questionIds: ['q1'], index: 0, responses: {}, startedAt: T0, updatedAt,
  ...(finished ? { finishedAt: updatedAt } : {}),
}));
const deltaArb: fc.Arbitrary<Delta> = fc.oneof(
  { weight: 6, arbitrary: answerArb.map((a): Delta => ({ t: 'answer', a })) },
  { weight: 2, arbitrary: plainRecord({ id: idArb, r: ratingArb }).map(({ id, r }): Delta => ({ t: 'rating', id, r })) },
  { weight: 1, arbitrary: plainRecord({ q: fc.constantFrom('q1', 'q2'), f: plainRecord({ flagged: fc.boolean(), at: stamp }) }).map(({ q, f }): Delta => ({ t: 'flag', q, f })) },
  { weight: 1, arbitrary: plainRecord({ id: fc.constantFrom('w1.a', 'w1.b'), tick: plainRecord({ checked: fc.boolean(), at: stamp, by: fc.constant('user' as const) }) }).map(({ id, tick }): Delta => ({ t: 'tick', id, tick })) },
  { weight: 2, arbitrary: sessionArb.map((s): Delta => ({ t: 'session', s })) },
  { weight: 1, arbitrary: plainRecord({ date: fc.constantFrom('2026-07-01', null), at: stamp }).map((e): Delta => ({ t: 'exam', e })) },
);

const merged = (deltas: Delta[]): Progress => deltas.reduce((p, d) => mergeProgress(p, deltaAsProgress(d)), emptyProgress());

/** One window's storage in memory; `other` is a second window's journal, written behind its back. */
class MemoryBackend implements ProgressBackend {
  snapshot: unknown;
  journal = '';
  other = '';
  readSnapshot() { return this.snapshot; }
  async writeSnapshot(v: Progress) { this.snapshot = v; }
  async appendJournal(lines: string) { this.journal += lines; }
  async readJournals() { return [{ name: 'me', text: this.journal }, { name: 'other', text: this.other }]; }
  async backup() { return true; }
}

type Op = { k: 'apply'; deltas: Delta[] } | { k: 'other'; deltas: Delta[] } | { k: 'refresh' } | { k: 'import'; deltas: Delta[] } | { k: 'flush' } | { k: 'syncedSnapshot'; deltas: Delta[] };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 8, arbitrary: fc.array(deltaArb, { minLength: 1, maxLength: 3 }).map((deltas): Op => ({ k: 'apply', deltas })) },
  { weight: 1, arbitrary: fc.array(deltaArb, { minLength: 1, maxLength: 4 }).map((deltas): Op => ({ k: 'other', deltas })) },
  { weight: 1, arbitrary: fc.constant<Op>({ k: 'refresh' }) },
  { weight: 1, arbitrary: fc.array(deltaArb, { maxLength: 4 }).map((deltas): Op => ({ k: 'import', deltas })) },
  { weight: 1, arbitrary: fc.constant<Op>({ k: 'flush' }) },
  { weight: 1, arbitrary: fc.array(deltaArb, { minLength: 1, maxLength: 3 }).map((deltas): Op => ({ k: 'syncedSnapshot', deltas })) },
);

describe('the answer path, incrementally (property)', () => {
  it('applying one change equals merging it in, for any merged state', () => {
    // Up to 50 sessions first, so keeping only the latest 20 finished ones is exercised too.
    fc.assert(fc.property(fc.array(sessionArb, { minLength: 10, maxLength: 50, size: 'max' }), fc.array(deltaArb, { maxLength: 40 }), fc.oneof(deltaArb, sessionArb.map((s): Delta => ({ t: 'session', s }))), (sessions, history, d) => {
      const p = merged([...sessions.map((s): Delta => ({ t: 'session', s })), ...history]);
      assert.deepStrictEqual(applyDelta(p, d).progress, mergeProgress(p, deltaAsProgress(d)));
    }), { numRuns: 2000 });
  });

  it('the store\'s state and cards equal a full merge and a full replay after every step', async () => {
    await fc.assert(fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 5 }), async (ops, every) => {
      const backend = new MemoryBackend();
      const store = new ProgressStore(backend, () => T0, { snapshotEvery: every });
      await store.load();
      void store.cards; // the index exists from the start, so every later change updates it
      let all: Delta[] = [];
      for (const op of ops) {
        if (op.k === 'apply') {
          await store.apply(...op.deltas);
          all = [...all, ...op.deltas];
        } else if (op.k === 'other') {
          backend.other += op.deltas.map((d) => JSON.stringify(d)).join('\n') + '\n';
          all = [...all, ...op.deltas];
        } else if (op.k === 'refresh') {
          await store.refresh();
        } else if (op.k === 'import') {
          await store.importState(merged(op.deltas));
          all = [...all, ...op.deltas];
        } else if (op.k === 'flush') {
          await store.flush();
        } else {
          // Settings Sync brings another machine's snapshot; the next snapshot write folds it in.
          backend.snapshot = mergeProgress(merged(op.deltas), (backend.snapshot as Progress | undefined) ?? emptyProgress());
          all = [...all, ...op.deltas];
        }
        const p = store.progress;
        assert.deepStrictEqual(store.cards, replayAll(p), 'cards kept per answer = a full replay');
        assert.deepStrictEqual(cardsFrom(p), replayAll(p), 'cardsFrom(store.progress) = a full replay');
        // Changes not yet read (another window's journal, a synced snapshot not yet folded in) are
        // a subset; what the store holds is exactly the merge of what it has seen.
        const seen = merged([...all]);
        assert.deepStrictEqual(mergeProgress(seen, p), seen, 'the store holds nothing it was not given');
      }
      await store.refresh();
      await store.flush();
      const final = merged(all);
      assert.deepStrictEqual(store.progress, mergeProgress(store.progress, final), 'after refresh and flush the store holds every change');
      assert.deepStrictEqual(store.cards, replayAll(store.progress));
    }), { numRuns: 500 });
  });

  it('a state changed in place is replayed, not served from the cache', () => {
    const p = emptyProgress();
    p.answers.push({ id: 'x', q: 'q1', at: T0, choices: ['A'], correct: true, ms: 1, mode: 'practice' });
    const before = cardsFrom(p).get('q1')!.reviews;
    p.answers.push({ id: 'y', q: 'q1', at: T0 + HOUR, choices: ['A'], correct: false, ms: 1, mode: 'practice' });
    assert.equal(before, 1);
    assert.equal(cardsFrom(p).get('q1')!.reviews, 2);
  });

  it('today\'s goal, kept from the days before today, equals the goal worked out afresh', () => {
    const b = bank();
    const ids = b.questions.slice(0, 40).map((q) => q.id);
    const DAY = 24 * HOUR;
    const start = Date.UTC(2026, 2, 1, 8);
    const stepArb = plainRecord({
      q: fc.constantFrom(...ids), correct: fc.boolean(),
      // Mostly later than the last answer; sometimes a day or more back (another window, an import).
      gap: fc.integer({ min: -2 * DAY, max: 20 * HOUR }), clockAhead: fc.integer({ min: 0, max: 2 * DAY }),
      rate: fc.constantFrom(undefined, 'again' as const, 'easy' as const), rated: fc.nat(),
    });
    fc.assert(fc.property(fc.array(stepArb, { minLength: 1, maxLength: 40 }), fc.integer({ min: -120, max: 120 }), (steps, offset) => {
      const index = studyIndexOf(b);
      let p: Progress = { ...emptyProgress(), exam: { date: '2026-04-20', at: start - DAY } };
      let t = start;
      let clockAt = start;
      steps.forEach((st, i) => {
        t = Math.max(start - 5 * DAY, t + st.gap);
        clockAt = Math.max(clockAt, t) + st.clockAhead;
        const id = `a${i}`;
        p = apply1(p, { t: 'answer', a: { id, q: st.q, at: t, choices: ['A'], correct: st.correct, ms: 1, mode: 'practice' } }).progress;
        // A rating given now, to this answer or an earlier one (perhaps one before today).
        if (st.rate) p = apply1(p, { t: 'rating', id: `a${st.rated % (i + 1)}`, r: { rating: st.rate, at: t + 1 } }).progress;
        const clock = fixedClock(clockAt, offset);
        const kept = dailyGoal(index, p, 'current', clock);
        const afresh = dailyGoal(studyIndex(studyIndexData(b.content)), p, 'current', clock);
        assert.deepStrictEqual(kept, afresh);
      });
    }), { numRuns: 1000 });
  });
});

describe('the cards built in slices (after the progress loads)', () => {
  it('equal the cards built at once, whatever the slice size', async () => {
    await fc.assert(fc.asyncProperty(fc.array(deltaArb, { maxLength: 60 }), fc.integer({ min: 1, max: 20 }), async (deltas, slice) => {
      const p = merged(deltas);
      let pauses = 0;
      const index = await CardIndex.ofInSlices(p, async () => { pauses++; }, slice);
      assert.deepStrictEqual(index.cards, CardIndex.of(p).cards);
      // One pause per `slice` answers replayed, roughly: a long history is never one block.
      assert.ok(pauses >= Math.floor(p.answers.length / (slice + 12)), `${pauses} pauses for ${p.answers.length} answers in slices of ${slice}`);
    }), { numRuns: 300 });
  });

  it('the store keeps them, and later answers update them, as a full replay would', async () => {
    await fc.assert(fc.asyncProperty(fc.array(deltaArb, { minLength: 1, maxLength: 40 }), fc.array(deltaArb, { maxLength: 10 }), async (before, after) => {
      const backend = new MemoryBackend();
      backend.snapshot = merged(before);
      const store = new ProgressStore(backend, () => T0);
      await store.load();
      let pauses = 0;
      // Two callers at once (the status bar and the quiz) share one build.
      await Promise.all([store.prepareCards(async () => { pauses++; }), store.prepareCards(async () => { pauses++; })]);
      assert.deepStrictEqual(store.cards, replayAll(store.progress));
      await store.apply(...after);
      assert.deepStrictEqual(store.cards, replayAll(store.progress));
      assert.deepStrictEqual(cardsFrom(store.progress), replayAll(store.progress));
    }), { numRuns: 200 });
  });

  it('a state that changes during the build is not given the old state\'s cards', async () => {
    const backend = new MemoryBackend();
    backend.snapshot = merged(Array.from({ length: 700 }, (_, i): Delta => ({ t: 'answer', a: { id: `x${i}`, q: `q${i % 3}`, at: T0 + i * HOUR, choices: ['A'], correct: i % 2 === 0, ms: 1000, mode: 'practice' } })));
    const store = new ProgressStore(backend, () => T0);
    await store.load();
    let applied = false;
    await store.prepareCards(async () => {
      if (applied) return;
      applied = true;
      await store.apply({ t: 'answer', a: { id: 'late', q: 'q1', at: T0 + 100 * HOUR, choices: ['B'], correct: false, ms: 1000, mode: 'practice' } });
    });
    assert.ok(store.progress.answers.some((a) => a.id === 'late'));
    assert.deepStrictEqual(store.cards, replayAll(store.progress));
  });
});

describe('the store says when its progress has been read', () => {
  it('whenLoaded() resolves after load() has read the saved answers, not before', async () => {
    const backend = new MemoryBackend();
    backend.snapshot = merged([{ t: 'answer', a: { id: 'x1', q: 'q1', at: T0, choices: ['A'], correct: true, ms: 1000, mode: 'practice' } }]);
    const store = new ProgressStore(backend, () => T0);
    let seen: number | undefined;
    const waiting = store.whenLoaded().then(() => (seen = store.progress.answers.length));
    await new Promise((r) => setImmediate(r));
    assert.equal(seen, undefined, 'nothing read yet, so not resolved');
    await store.load();
    await waiting;
    assert.equal(seen, 1);
  });
});
