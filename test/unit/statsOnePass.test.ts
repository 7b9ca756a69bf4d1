import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { plainRecord } from './helpers/plainRecord';
import { answeredOnDayOf, computeStats, dayKey } from '../../src/core/stats';
import type { Answer, Progress } from '../../src/core/progress/schema';
import { emptyProgress } from '../../src/core/progress/schema';
import { bank } from './helpers/facts';
import { computeStats as referenceStats } from './helpers/referenceStats';

// computeStats counts every answer in one pass; the reference filters all answers once per domain,
// objective and week. Both must give the same figures for any history: answers on known and unknown
// questions, around week and day edges, in any time zone, under every blueprint.
describe('stats in one pass', () => {
  const b = bank();
  const ids = [...b.questions.map((q) => q.id), 'not-in-the-bank'];
  const DAY = 86_400_000;
  const now = Date.UTC(2026, 11, 3, 9, 30);

  const answer = plainRecord({
    q: fc.constantFrom(...ids),
    // Within ~70 days of now, often exactly on a week or day edge.
    at: fc.oneof(fc.integer({ min: now - 70 * DAY, max: now + DAY }), fc.integer({ min: 0, max: 9 }).map((w) => now - w * 7 * DAY), fc.integer({ min: 0, max: 40 }).map((d) => now - d * DAY - 1)),
    correct: fc.boolean(),
  });

  it('gives what the straightforward count gives', () => {
    fc.assert(fc.property(
      fc.array(answer, { maxLength: 300 }),
      fc.constantFrom(...b.content.blueprints.map((bp) => bp.id)),
      fc.integer({ min: -12 * 60, max: 14 * 60 }),
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 1, max: 10 }),
      (list, blueprintId, tz, days, weeks) => {
        const progress: Progress = emptyProgress();
        progress.answers = list.map((a, i): Answer => ({ id: `a${i}`, q: a.q, at: a.at, choices: ['A'], correct: a.correct, ms: 1000, mode: 'practice' }));
        const bp = b.blueprint(blueprintId);
        assert.deepEqual(computeStats(b, progress, bp, now, tz, days, weeks), referenceStats(b, progress, bp, now, tz, days, weeks));
      },
    ), { numRuns: 300 });
  });

  it('counts a learner with 5,000 answers alike', () => {
    const progress = emptyProgress();
    progress.answers = Array.from({ length: 5000 }, (_, i): Answer => ({ id: `a${i}`, q: ids[(i * 7919) % ids.length]!, at: now - ((i * 104_729) % (60 * DAY)), choices: ['A'], correct: i % 3 !== 0, ms: 1000, mode: 'practice' }));
    const bp = b.blueprint('current');
    const stats = computeStats(b, progress, bp, now, 60);
    assert.deepEqual(stats, referenceStats(b, progress, bp, now, 60));
    assert.ok(stats.answered > 4000 && stats.streak.current > 0, 'the history is counted');
  });
});

describe('answers on the local day', () => {
  it('counts what a day key per answer counts, in any time zone and at the day edges', () => {
    const DAY = 86_400_000;
    const now = Date.UTC(2026, 11, 3, 23, 59, 59, 999);
    fc.assert(fc.property(
      fc.array(fc.oneof(fc.integer({ min: now - 3 * DAY, max: now + 3 * DAY }), fc.integer({ min: -2, max: 2 }).map((d) => Math.floor(now / DAY) * DAY + d * DAY)), { maxLength: 200 }),
      fc.integer({ min: -12 * 60, max: 14 * 60 }),
      fc.integer({ min: now - 2 * DAY, max: now + 2 * DAY }),
      (times, tz, t) => {
        const progress = emptyProgress();
        progress.answers = times.map((at, i): Answer => ({ id: `a${i}`, q: 'q', at, choices: ['A'], correct: true, ms: 1, mode: 'practice' }));
        const expected = times.filter((at) => dayKey(at, tz) === dayKey(t, tz)).length;
        assert.equal(answeredOnDayOf(progress, t, tz), expected);
      },
    ), { numRuns: 500 });
  });
});
