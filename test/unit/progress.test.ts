import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { plainRecord } from './helpers/plainRecord';
import { exportDocument, readExport } from '../../src/core/progress/exportFile';
import { mergeProgress } from '../../src/core/progress/merge';
import { migrate, MIGRATIONS } from '../../src/core/progress/migrations';
import { recoverProgress } from '../../src/core/progress/recover';
import { emptyProgress, PROGRESS_VERSION, type Answer, type Progress } from '../../src/core/progress/schema';
import { ProgressStore, type ProgressBackend } from '../../src/core/progress/store';

const T0 = 1_700_000_000_000;
const answerArb = plainRecord({
  id: fc.uuid(), q: fc.constantFrom('q1', 'q2', 'q3', 'q4'), at: fc.integer({ min: T0, max: T0 + 1e9 }),
  choices: fc.constantFrom<string[]>(['A'], ['B'], ['A', 'C']), correct: fc.boolean(), ms: fc.integer({ min: 0, max: 600_000 }), mode: fc.constantFrom('practice' as const, 'review' as const),
});
const stamp = fc.integer({ min: T0, max: T0 + 1e6 });
const progressArb: fc.Arbitrary<Progress> = plainRecord({
  answers: fc.array(answerArb, { maxLength: 8 }),
  ticks: fc.dictionary(fc.constantFrom('w1.a', 'w1.b', 'objective:c1.01'), plainRecord({ checked: fc.boolean(), at: stamp, by: fc.constantFrom('user' as const, 'auto' as const) }), { noNullPrototype: true }),
  flags: fc.dictionary(fc.constantFrom('q1', 'q2'), plainRecord({ flagged: fc.boolean(), at: stamp }), { noNullPrototype: true }),
  ratings: fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), plainRecord({ rating: fc.constantFrom('again' as const, 'hard' as const, 'good' as const, 'easy' as const), at: stamp }), { noNullPrototype: true }),
}).map((x) => mergeProgress(emptyProgress(), { ...emptyProgress(), ...x }));

describe('progress: merge', () => {
  it('is commutative, associative and idempotent, and keeps every answer', () => {
    fc.assert(fc.property(progressArb, progressArb, progressArb, (a, b, c) => {
      assert.deepEqual(mergeProgress(a, b), mergeProgress(b, a));
      assert.deepEqual(mergeProgress(mergeProgress(a, b), c), mergeProgress(a, mergeProgress(b, c)));
      assert.deepEqual(mergeProgress(a, a), a);
      const ids = new Set(mergeProgress(a, b).answers.map((x) => x.id));
      for (const x of [...a.answers, ...b.answers]) assert.ok(ids.has(x.id));
    }), { numRuns: 300 });
  });

  it('the later tick wins', () => {
    const a = { ...emptyProgress(), ticks: { i: { checked: true, at: 2, by: 'user' as const } } };
    const b = { ...emptyProgress(), ticks: { i: { checked: false, at: 1, by: 'user' as const } } };
    assert.equal(mergeProgress(a, b).ticks.i!.checked, true);
    assert.equal(mergeProgress(b, a).ticks.i!.checked, true);
  });
});

describe('progress: bad state', () => {
  const answer: Answer = { id: 'a1', q: 'q1', at: T0, choices: ['A'], correct: true, ms: 10, mode: 'practice' };
  const valid = { ...emptyProgress(), answers: [answer], ticks: { 'w1.a': { checked: true, at: T0, by: 'user' as const } } };

  it('valid state loads as it is', () => {
    const r = recoverProgress(JSON.parse(JSON.stringify(valid)));
    assert.equal(r.damaged, false);
    assert.deepEqual(r.progress, mergeProgress(emptyProgress(), valid));
  });

  it('invalid shape: keeps every record that is valid on its own, flags it for backup', () => {
    const r = recoverProgress({ version: 1, answers: [answer, { id: 'broken', q: 5 }], ticks: { 'w1.a': valid.ticks['w1.a'], bad: { checked: 'yes' } }, mocks: 'nope' });
    assert.equal(r.damaged, true);
    assert.deepEqual(r.progress.answers.map((a) => a.id), ['a1']);
    assert.ok(r.progress.ticks['w1.a']);
    assert.match(r.problems.join(' '), /damaged records were left out/);
  });

  it('newer version: keeps what this version understands, flags it for backup', () => {
    const r = recoverProgress({ ...valid, version: PROGRESS_VERSION + 3, futureField: { x: 1 } });
    assert.equal(r.damaged, true);
    assert.deepEqual(r.progress.answers.map((a) => a.id), ['a1']);
    assert.match(r.problems[0]!, /newer version/);
  });

  it('truncated JSON: recovers the complete records', () => {
    const text = JSON.stringify({ ...valid, answers: [answer, { ...answer, id: 'a2' }] });
    const r = recoverProgress(text.slice(0, text.indexOf('"a2"') + 10));
    assert.equal(r.damaged, true);
    assert.deepEqual(r.progress.answers.map((a) => a.id), ['a1']);
    assert.ok(r.progress.ticks['w1.a'] === undefined || r.progress.ticks['w1.a'].checked);
    const cut = JSON.stringify(valid);
    const later = recoverProgress(cut.slice(0, cut.length - 3));
    assert.ok(later.progress.ticks['w1.a'], 'a tick before the cut is recovered by its key');
  });

  it('foreign keys: keeps the data, flags it for backup', () => {
    const r = recoverProgress({ ...valid, somethingElse: 1 });
    assert.equal(r.damaged, true);
    assert.deepEqual(r.progress.answers.map((a) => a.id), ['a1']);
    assert.match(r.problems[0]!, /fields this version does not know/);
  });

  it('not an object at all: starts empty, flags it for backup', () => {
    const r = recoverProgress(42);
    assert.equal(r.damaged, true);
    assert.equal(r.progress.answers.length, 0);
  });

  it('walks the migration chain from an older version', () => {
    const chain = { ...MIGRATIONS, 0: (o: Record<string, unknown>) => ({ ...o, answers: (o.log as unknown[]) ?? [], log: undefined }) };
    const up = migrate({ log: [answer] }, 0, chain);
    assert.equal(up?.version, PROGRESS_VERSION);
    const r = recoverProgress({ log: [answer], ratings: {}, flags: {}, ticks: {}, mocks: {}, sessions: {} }, chain);
    assert.deepEqual(r.progress.answers.map((a) => a.id), ['a1']);
    assert.equal(migrate({}, -5, {}), undefined, 'a missing step is reported, not guessed');
  });

  it('export files round-trip, and bad ones are refused with a reason', () => {
    const back = readExport(exportDocument(mergeProgress(emptyProgress(), valid), T0));
    assert.deepEqual(back.progress, mergeProgress(emptyProgress(), valid));
    assert.match(readExport('{"x":1}').problems[0]!, /not an ML Associate Prep progress export/);
    assert.match(readExport('garbage').problems[0]!, /not JSON/);
  });
});

/** Two windows on one machine: a shared globalState with lagging views, and journal files. */
class World {
  snapshot: unknown = undefined;
  journals = new Map<string, string>();
  backups: string[] = [];
}
class WindowBackend implements ProgressBackend {
  view: unknown;
  constructor(private readonly world: World, readonly id: string) {
    this.view = world.snapshot;
  }
  sync() {
    this.view = this.world.snapshot;
  }
  readSnapshot() {
    return this.view;
  }
  async writeSnapshot(v: Progress) {
    const copy = JSON.parse(JSON.stringify(v));
    this.world.snapshot = copy;
    this.view = copy;
  }
  async appendJournal(lines: string) {
    this.world.journals.set(this.id, (this.world.journals.get(this.id) ?? '') + lines);
  }
  async readJournals() {
    return [...this.world.journals.entries()].map(([name, text]) => ({ name, text }));
  }
  async backup(name: string) {
    if (this.world.backups.includes(name)) return false;
    this.world.backups.push(name);
    return true;
  }
}

type Op =
  | { k: 'answer'; w: number; correct: boolean }
  | { k: 'sync'; w: number }
  | { k: 'reload'; w: number }
  | { k: 'corruptSnapshot'; how: 'truncate' | 'garbage' | 'newer' | 'shape' }
  | { k: 'tornWrite'; w: number }
  | { k: 'tick'; w: number; checked: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: plainRecord({ k: fc.constant('answer' as const), w: fc.integer({ min: 0, max: 1 }), correct: fc.boolean() }) },
  { weight: 2, arbitrary: plainRecord({ k: fc.constant('sync' as const), w: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 2, arbitrary: plainRecord({ k: fc.constant('reload' as const), w: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 1, arbitrary: plainRecord({ k: fc.constant('corruptSnapshot' as const), how: fc.constantFrom('truncate' as const, 'garbage' as const, 'newer' as const, 'shape' as const) }) },
  { weight: 1, arbitrary: plainRecord({ k: fc.constant('tornWrite' as const), w: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 1, arbitrary: plainRecord({ k: fc.constant('tick' as const), w: fc.integer({ min: 0, max: 1 }), checked: fc.boolean() }) },
);

describe('progress: no valid answer is ever lost (property, 1,000 sequences)', () => {
  it('answers, reloads, two-window interleavings and injected corruption', async () => {
    await fc.assert(fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 40 }), async (ops) => {
      const world = new World();
      let clock = T0;
      const now = () => ++clock;
      const backends = [new WindowBackend(world, 'w0'), new WindowBackend(world, 'w1')];
      const stores = [new ProgressStore(backends[0]!, now), new ProgressStore(backends[1]!, now)];
      await Promise.all(stores.map((s) => s.load()));
      const acknowledged = new Set<string>();
      let n = 0;
      for (const op of ops) {
        switch (op.k) {
          case 'answer': {
            const id = `a${n++}`;
            await stores[op.w]!.apply({ t: 'answer', a: { id, q: `q${n % 3}`, at: now(), choices: ['A'], correct: op.correct, ms: 5, mode: 'practice' } });
            acknowledged.add(id);
            break;
          }
          case 'tick':
            await stores[op.w]!.apply({ t: 'tick', id: 'w1.a', tick: { checked: op.checked, at: now(), by: 'user' } });
            break;
          case 'sync':
            backends[op.w]!.sync();
            break;
          case 'reload': {
            backends[op.w] = new WindowBackend(world, `w${op.w}-${n++}`);
            stores[op.w] = new ProgressStore(backends[op.w]!, now);
            await stores[op.w]!.load();
            break;
          }
          case 'corruptSnapshot': {
            const text = JSON.stringify(world.snapshot ?? emptyProgress());
            world.snapshot = op.how === 'truncate' ? text.slice(0, Math.floor(text.length / 2)) : op.how === 'garbage' ? '\u0000not json' : op.how === 'newer' ? { ...(world.snapshot as object), version: 99 } : { version: 1, answers: 'oops' };
            break;
          }
          case 'tornWrite': {
            const id = backends[op.w]!.id;
            world.journals.set(id, (world.journals.get(id) ?? '') + '{"t":"answer","a":{"id":"torn');
            break;
          }
        }
      }
      // A new window opened afterwards must see every answer whose write was acknowledged.
      const fresh = new ProgressStore(new WindowBackend(world, 'final'), now);
      await fresh.load();
      const have = new Set(fresh.progress.answers.map((a) => a.id));
      for (const id of acknowledged) assert.ok(have.has(id), `answer ${id} lost after ${JSON.stringify(ops)}`);
      for (const s of stores) for (const a of s.progress.answers) assert.ok(have.has(a.id));
    }), { numRuns: 1000 });
  });

  it('backs up damaged state and tells once, in plain words', async () => {
    const world = new World();
    world.snapshot = '{"version":1,"answers":[{"id":"x","q":"q1","at":1,"choices":["A"],"correct":true,"ms":1,"mode":"practice"},{"id":"y"';
    const store = new ProgressStore(new WindowBackend(world, 'w'), () => 5);
    const report = await store.load();
    assert.deepEqual(store.progress.answers.map((a) => a.id), ['x']);
    assert.equal(report.backups.length, 1);
    assert.match(report.problems[0]!, /not complete JSON/);
    const again = await new ProgressStore(new WindowBackend(world, 'w2'), () => 6).load();
    assert.deepEqual(again.problems, [], 'repaired: the next load is clean');
  });

  it('a damaged journal is backed up and told once, not at every start, and its valid lines count', async () => {
    const world = new World();
    const line = (id: string) => JSON.stringify({ t: 'answer', a: { id, q: 'q1', at: T0, choices: ['A'], correct: true, ms: 1, mode: 'practice' } });
    world.journals.set('other-window', `${line('j1')}\n{"t":"answer","a":{"id":"torn\n\u0000\u0000garbage\n${line('j2')}\n`);
    const first = await new ProgressStore(new WindowBackend(world, 'w1'), () => 5).load();
    assert.equal(first.backups.length, 1);
    assert.match(first.problems.join(' '), /2 damaged lines in a progress journal were skipped/);
    const second = new ProgressStore(new WindowBackend(world, 'w2'), () => 6);
    const report = await second.load();
    assert.deepEqual(second.progress.answers.map((a) => a.id), ['j1', 'j2']);
    assert.deepEqual(report, { problems: [], backups: [] }, 'the same damage, already kept, is not told again');
    assert.equal(world.backups.length, 1);
  });
});
