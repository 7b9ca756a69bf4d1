import { strict as assert } from 'node:assert';
import { apportion, drawMock, mockGoto, mockPause, mockReport, mockResume, mockSelect, mockSubmit, mockTick, mockToggleFlag, remainingMs, startMock, RECENT_MOCKS } from '../../src/core/engine/mock';
import { seededRandom } from '../../src/core/engine/random';
import { keysOf } from '../../src/core/engine/grading';
import { bank } from './helpers/facts';

const MIN = 60_000;
const T0 = 1_700_000_000_000;

describe('mock exam', () => {
  const b = bank();
  const current = b.blueprint('current');
  const old = b.blueprint('old');

  it('splits questions over domains by weight (largest remainder)', () => {
    assert.deepEqual(apportion([38, 19, 31, 12], 48), [18, 9, 15, 6]);
    assert.deepEqual(apportion([29, 29, 33, 9], 45), [13, 13, 15, 4]);
    assert.deepEqual(apportion([29, 24, 33, 14], 45), [13, 11, 15, 6]);
    assert.deepEqual(apportion([29, 29, 22, 20], 45), [13, 13, 10, 9]);
  });

  it('draws the blueprint\'s count, per domain by weight, without duplicates', () => {
    for (const bp of [current, old, b.blueprint('guide-a'), b.blueprint('guide-b')]) {
      const draw = drawMock(b, bp, [], seededRandom(1));
      assert.equal(draw.questionIds.length, bp.questions);
      assert.equal(new Set(draw.questionIds).size, bp.questions);
      if (!draw.shortfall.length) {
        const counts = apportion(bp.domains.map((d) => d.weight), bp.questions);
        bp.domains.forEach((d, i) => assert.equal(draw.questionIds.filter((id) => d.objectives.includes(b.get(id)!.objective)).length, counts[i], `${bp.id}/${d.id}`));
      }
    }
  });

  it('does not repeat questions from the last mocks while fresh ones remain', () => {
    const random = seededRandom(7);
    const previous = [];
    for (let i = 0; i < RECENT_MOCKS; i++) {
      const m = startMock(`m${i}`, current, drawMock(b, current, previous, random).questionIds, T0 + i * 1000);
      previous.push(m);
    }
    const recent = new Set(previous.flatMap((m) => m.questionIds));
    const next = drawMock(b, current, previous, random);
    for (const d of current.domains) {
      const pool = b.questions.filter((q) => d.objectives.includes(q.objective));
      const fresh = pool.filter((q) => !recent.has(q.id)).length;
      const picked = next.questionIds.filter((id) => d.objectives.includes(b.get(id)!.objective));
      const repeats = picked.filter((id) => recent.has(id)).length;
      assert.equal(repeats, Math.max(0, picked.length - fresh), `${d.id}: repeats only once fresh questions run out`);
    }
  });

  it('keeps the clock on wall time: after a reload the remaining time is right', () => {
    const m = startMock('m', current, drawMock(b, current, [], seededRandom(2)).questionIds, T0);
    assert.equal(m.durationMs, 90 * MIN);
    const saved = JSON.parse(JSON.stringify(mockGoto(m, 3, T0 + 10 * MIN)));
    // The window reloads 2 minutes later: the clock kept running.
    assert.equal(remainingMs(saved, T0 + 12 * MIN), 78 * MIN);
    assert.equal(saved.index, 3);
  });

  it('pauses only the clock it is asked to, and resumes it', () => {
    let m = startMock('m', current, ['a', 'b'], T0);
    m = mockPause(m, T0 + 5 * MIN);
    assert.equal(remainingMs(m, T0 + 50 * MIN), 85 * MIN);
    m = mockResume(m, T0 + 50 * MIN);
    assert.equal(remainingMs(m, T0 + 51 * MIN), 84 * MIN);
  });

  it('auto-submits at time-out, stopping the clock where the time ran out', () => {
    const ids = drawMock(b, current, [], seededRandom(3)).questionIds;
    let m = startMock('m', current, ids, T0);
    const q = b.get(ids[0]!)!;
    m = mockSelect(m, q, keysOf(q)[0]!, T0 + MIN);
    assert.equal(mockTick(m, b, T0 + 89 * MIN, (id) => `m:${id}`).mock, m, 'not yet');
    const { mock, answers } = mockTick(m, b, T0 + 95 * MIN, (id) => `m:${id}`);
    assert.equal(mock.finishedBy, 'timeout');
    assert.equal(mock.finishedAt, T0 + 90 * MIN);
    assert.equal(answers.length, 1);
    assert.equal(answers[0]!.mode, 'mock');
  });

  it('flags, jumps, and reports score, pass and per-domain results with time per question', () => {
    const ids = drawMock(b, current, [], seededRandom(4)).questionIds;
    let m = startMock('m', current, ids, T0);
    let t = T0;
    ids.forEach((id, i) => {
      const q = b.get(id)!;
      const keys = keysOf(q);
      // Right on even questions, wrong (or blank) on odd ones.
      if (i % 2 === 0) for (const k of keys) m = mockSelect(m, q, k, (t += 1000));
      else m = mockSelect(m, q, q.choices.find((c) => !c.correct)!.id, (t += 1000));
      if (i === 5) m = mockToggleFlag(m, t);
      if (i + 1 < ids.length) m = mockGoto(m, i + 1, (t += 60_000));
    });
    assert.deepEqual(m.flagged, [ids[5]]);
    const done = mockSubmit(m, b, t + 1000, 'user', (id) => `m:${id}`).mock;
    const r = mockReport(done, b);
    assert.equal(r.total, 48);
    assert.equal(r.correct, 24);
    assert.equal(r.percent, 50);
    assert.equal(r.passed, false);
    assert.equal(r.passPublished, false, 'the current guide publishes no mark');
    assert.equal(r.perDomain.reduce((s, d) => s + d.total, 0), 48);
    assert.ok(r.questions.every((x, i) => i === 47 || x.spentMs >= 60_000), 'time per question is booked');
  });

  it('ignores picks once submitted', () => {
    const ids = drawMock(b, current, [], seededRandom(5)).questionIds;
    const m = mockSubmit(startMock('m', current, ids, T0), b, T0 + 1000, 'user', (id) => id).mock;
    assert.equal(mockSelect(m, b.get(ids[0]!)!, 'A', T0 + 2000), m);
  });
});
