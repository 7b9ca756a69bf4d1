import { strict as assert } from 'node:assert';
import { EXPORT_FORMAT, FUTURE_TOLERANCE_MS, importSummary, MAX_IMPORT_CHARS, MAX_IMPORT_RECORDS, readExport } from '../../src/core/progress/exportFile';
import { mergeProgress } from '../../src/core/progress/merge';
import { recoverProgress } from '../../src/core/progress/recover';
import { emptyProgress, type Progress } from '../../src/core/progress/schema';
import { progressAsDeltas, replayJournal } from '../../src/core/progress/store';
import { planTree, whatNext } from '../../src/core/plan';
import { render, type AppContext } from '../../src/core/quizApp';
import { computeReadiness } from '../../src/core/readiness';
import { computeStats } from '../../src/core/stats';
import { bank } from './helpers/facts';

// Progress files travel between machines and people: an import is hostile input. Each case ends in
// a clear refusal or a merge that keeps only valid records, never pollutes a prototype, and leaves
// every screen able to draw.

const NOW = 1_763_900_000_000;
const envelope = (progressJson: string) => `{"format":"${EXPORT_FORMAT}","progress":${progressJson}}`;
const answer = (id: string, q: string, at = NOW - 60_000) => ({ id, q, at, choices: ['A'], correct: true, ms: 1000, mode: 'practice' });
const tick = (at = NOW - 60_000) => ({ checked: true, at, by: 'user' });

/** Nothing reached Object.prototype, and no record map got a prototype of its own. */
function assertNoPollution(p?: Progress): void {
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.hasOwn(Object.prototype, 'polluted'), false);
  assert.equal(({}).constructor, Object);
  assert.equal(Object.prototype.toString.call([]), '[object Array]');
  if (!p) return;
  for (const k of ['ratings', 'flags', 'ticks', 'mocks', 'sessions'] as const) {
    assert.equal(Object.getPrototypeOf(p[k]), Object.prototype, `${k} keeps the plain prototype`);
    assert.equal(Object.hasOwn(p[k], '__proto__'), false, `${k} holds no __proto__ record`);
  }
}

/** Every surface that reads progress: home, stats, review, plan, readiness and what-next. */
function assertScreensDraw(p: Progress): void {
  const b = bank();
  const bp = b.blueprint('current');
  const ctx: AppContext = { bank: b, progress: p, now: NOW, newId: () => 'id', random: () => 0.5, settings: { blueprint: 'current', setSize: 5, order: 'random', feedback: 'immediate', allowPause: false, tzOffsetMinutes: 0 } };
  for (const name of ['home', 'stats', 'setup'] as const) render({ name }, ctx);
  computeStats(b, p, bp, NOW);
  planTree(b, p, bp, NOW);
  whatNext(b, p, bp, NOW, computeReadiness(b, p, bp, NOW));
}

describe('progress import: hostile files', () => {
  const known = () => bank().content.questions[0]!.id;

  it('__proto__, constructor and prototype keys at every level: valid records merged, nothing polluted', () => {
    const a = JSON.stringify(answer('ok-1', known()));
    const progress = `{"version":1,"__proto__":{"polluted":"top"},"constructor":{"prototype":{"polluted":"ctor"}},
      "answers":[${a},{"__proto__":{"polluted":"answer"},"id":"ok-2","q":"${known()}","at":${NOW - 1000},"choices":["B"],"correct":false,"ms":1,"mode":"review"},{"constructor":{"prototype":{"polluted":"answer-ctor"}}}],
      "ratings":{"__proto__":{"rating":"easy","at":1},"ok-1":{"rating":"hard","at":${NOW - 500}}},
      "flags":{"__proto__":{"flagged":true,"at":5},"constructor":{"flagged":true,"at":5}},
      "ticks":{"__proto__":${JSON.stringify(tick())},"constructor":${JSON.stringify(tick())},"prototype":${JSON.stringify(tick())},"hasOwnProperty":${JSON.stringify(tick())},"w1.ml-cluster":${JSON.stringify(tick())}},
      "mocks":{"__proto__":{"polluted":"mock"}},"sessions":{"constructor":{"prototype":{"polluted":"session"}}}}`;
    for (const text of [envelope(progress), envelope(progress).slice(0, -40)]) {
      const r = readExport(text, NOW);
      assert.ok(r.progress, r.problems.join('; '));
      assertNoPollution(r.progress);
      assert.deepEqual(r.progress.answers.map((x) => x.id).sort(), ['ok-1', 'ok-2']);
      assert.ok(r.problems.length, 'the left-out records are reported');
      assert.ok(r.progress.ticks['w1.ml-cluster']);
      // Through everything an import goes on to do: summary, merge, journal lines and their replay.
      const merged = mergeProgress(emptyProgress(), r.progress);
      importSummary(emptyProgress(), r.progress);
      const journal = progressAsDeltas(merged).map((d) => JSON.stringify(d)).join('\n');
      const replayed = replayJournal(journal);
      assert.equal(replayed.bad, 0);
      assertNoPollution(merged);
      assertNoPollution(replayed.progress);
      assertScreensDraw(merged);
    }
  });

  it('a journal line keyed __proto__ neither pollutes nor replaces a prototype', () => {
    const r = replayJournal(`{"t":"tick","id":"__proto__","tick":${JSON.stringify(tick())}}\n{"t":"flag","q":"__proto__","f":{"flagged":true,"at":3}}\n{"t":"rating","id":"constructor","r":{"rating":"easy","at":3}}`);
    assertNoPollution(r.progress);
    assert.equal((r.progress.ticks as Record<string, unknown>).checked, undefined);
  });

  it('10^6 records are refused whole, before any is validated', () => {
    const cases: [string, string][] = [
      ['1,000,000 answers', envelope(`{"version":1,"answers":[${Array(1_000_000).fill('{}').join(',')}],"ticks":{}}`)],
      ['1,000,000 answers that are not objects', envelope(`{"version":1,"answers":[${Array(1_000_000).fill('0').join(',')}]}`)],
      ['1,000,000 ticks', envelope(`{"version":1,"answers":[],"ticks":{${Array.from({ length: 1_000_000 }, (_, i) => `"t${i}":${JSON.stringify(tick())}`).join(',')}}}`)],
      ['1,000,000 answers, not JSON', `${envelope(`{"version":1,"answers":[${Array(1_000_000).fill('{}').join(',')}]}`)} NaN`],
    ];
    for (const [name, text] of cases) {
      const t = performance.now();
      const r = readExport(text, NOW);
      const ms = performance.now() - t;
      assert.equal(r.progress, undefined, name);
      assert.match(r.problems[0]!, /the file holds (1,000,000 records|over 200,000 objects), more than the 100,000 (records )?a progress file can hold/, name);
      console.log(`      ${name} (${(text.length / 1e6).toFixed(1)} MB): refused in ${ms.toFixed(0)} ms: ${r.problems[0]}`);
    }
    assert.match(readExport(' '.repeat(MAX_IMPORT_CHARS + 1), NOW).problems[0]!, /larger than 64 MB/);
  });

  it('refuses a huge list inside one record before parsing it', () => {
    // One session whose question list holds 5,000,000 ids: no braces to count, 25 MB of values.
    const session = `{"id":"s","kind":"practice","title":"t","feedback":"immediate","index":0,"responses":{},"startedAt":1,"updatedAt":1,"questionIds":[${Array(5_000_000).fill('"q"').join(',')}]}`;
    const t = performance.now();
    const r = readExport(envelope(`{"version":1,"answers":[],"sessions":{"s":${session}}}`), NOW);
    const ms = performance.now() - t;
    assert.equal(r.progress, undefined);
    assert.match(r.problems[0]!, /^the file holds over 4,000,000 values, more than a progress file of 100,000 records can hold$/);
    console.log(`      5,000,000 question ids in one session: refused in ${ms.toFixed(0)} ms`);
  });

  it('exactly the limit is read; one record more is refused', () => {
    const ticks = (n: number) => envelope(`{"version":1,"answers":[],"ratings":{},"flags":{},"ticks":{${Array.from({ length: n }, (_, i) => `"t${i}":${JSON.stringify(tick())}`).join(',')}},"mocks":{},"sessions":{}}`);
    assert.equal(Object.keys(readExport(ticks(MAX_IMPORT_RECORDS), NOW).progress!.ticks).length, MAX_IMPORT_RECORDS);
    assert.equal(readExport(ticks(MAX_IMPORT_RECORDS + 1), NOW).progress, undefined);
  });

  it('NaN and Infinity: the file is read as damaged, the valid records kept, the others reported', () => {
    const text = envelope(`{"version":1,"answers":[${JSON.stringify(answer('fine', known()))},{"id":"nan","q":"${known()}","at":NaN,"choices":["A"],"correct":true,"ms":1,"mode":"practice"},{"id":"inf","q":"${known()}","at":1e999,"choices":["A"],"correct":true,"ms":1,"mode":"practice"}],"ticks":{"w1.a":{"checked":true,"at":NaN,"by":"user"}}}`);
    const r = readExport(text, NOW);
    assert.deepEqual(r.progress?.answers.map((a) => a.id), ['fine']);
    assert.deepEqual(r.progress?.ticks, {});
    assert.match(r.problems[0]!, /not complete JSON/);
    const inf = readExport(envelope(`{"version":1,"answers":[${JSON.stringify(answer('fine', known()))},{"id":"inf","q":"x","at":1e999,"choices":["A"],"correct":true,"ms":1,"mode":"practice"}],"ratings":{},"flags":{},"ticks":{},"mocks":{},"sessions":{}}`), NOW);
    assert.deepEqual(inf.progress?.answers.map((a) => a.id), ['fine']);
    assert.match(inf.problems.join(' '), /1 damaged record was left out/);
  });

  it('future dates: records stamped after tomorrow are left out and reported; clock skew within a day is kept', () => {
    const year3000 = Date.UTC(3000, 0, 1);
    const text = envelope(JSON.stringify({
      version: 1,
      answers: [answer('now', known()), answer('skew', known(), NOW + FUTURE_TOLERANCE_MS - 1), answer('y3000', known(), year3000), answer('beyond-date', known(), 9e15)],
      ratings: { now: { rating: 'easy', at: year3000 } }, flags: {}, ticks: { 'w1.ml-cluster': tick(year3000), 'w1.a': tick() }, mocks: {}, sessions: {},
    }));
    const r = readExport(text, NOW);
    assert.deepEqual(r.progress?.answers.map((a) => a.id), ['now', 'skew']);
    assert.deepEqual(Object.keys(r.progress!.ticks), ['w1.a']);
    assert.deepEqual(r.progress!.ratings, {});
    assert.match(r.problems.join(' '), /3 records were dated in the future \(after 2025-11-24\) and left out/);
    assert.match(r.problems.join(' '), /1 damaged record was left out/, 'a stamp beyond any calendar date is no valid time');
    assertScreensDraw(mergeProgress(emptyProgress(), r.progress!));
  });

  it('a stored stamp beyond the calendar is dropped as damage instead of breaking every screen', () => {
    const r = recoverProgress({ ...emptyProgress(), answers: [answer('ok', known()), answer('bad', known(), 8.64e15 + 1)] });
    assert.equal(r.damaged, true);
    assert.deepEqual(r.progress.answers.map((a) => a.id), ['ok']);
    assertScreensDraw(r.progress);
  });

  it('unknown question ids are merged (a pack may bring them back) and every screen still draws', () => {
    const text = envelope(JSON.stringify({ version: 1, answers: [answer('u1', 'no-such-question'), answer('u2', 'x'.repeat(200)), answer('k1', known())], ratings: { u1: { rating: 'again', at: NOW } }, flags: { 'no-such-question': { flagged: true, at: NOW } }, ticks: { 'no-such-plan-item': tick() }, mocks: {}, sessions: {} }));
    const r = readExport(text, NOW);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.progress?.answers.map((a) => a.id).sort(), ['k1', 'u1', 'u2']);
    assertScreensDraw(mergeProgress(emptyProgress(), r.progress!));
  });
});
