import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Answer, Progress } from '../../src/core/progress/schema';
import { ProgressStore } from '../../src/core/progress/store';
import { api } from './helpers';

// Progress under faults, in the real extension host: a SIGKILL right after an answer, two windows
// answering at once, a hostile import. The runner (test/runner/runIntegration.mjs) does what a
// suite cannot do to itself: it kills this host from outside and opens a second window. The two
// talk through files in MLAP_FAULT_DIR.

const QUESTION = 'manual-log-metric-per-epoch';
const faultDir = () => {
  const d = process.env.MLAP_FAULT_DIR;
  assert.ok(d, 'the runner sets MLAP_FAULT_DIR');
  return d;
};
const answer = (id: string, at = Date.now()): Answer => ({ id, q: QUESTION, at, choices: ['C'], correct: true, ms: 1500, mode: 'practice' });
/** Written whole or not at all: the runner polls for these files. */
const publish = (name: string, value: unknown) => {
  writeFileSync(join(faultDir(), `${name}.tmp`), JSON.stringify(value));
  renameSync(join(faultDir(), `${name}.tmp`), join(faultDir(), name));
};
const read = <T>(name: string): T => JSON.parse(readFileSync(join(faultDir(), name), 'utf8')) as T;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, what: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Nothing reached Object.prototype, and no record map of the progress got a prototype of its own. */
function assertNoPollution(p: Progress): void {
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype was polluted');
  assert.equal(Object.hasOwn(Object.prototype, 'polluted'), false);
  assert.equal(({}).constructor, Object);
  assert.equal(([] as unknown as Record<string, unknown>).polluted, undefined);
  for (const k of ['ratings', 'flags', 'ticks', 'mocks', 'sessions'] as const) {
    assert.equal(Object.getPrototypeOf(p[k]), Object.prototype, `progress.${k} keeps the plain prototype`);
    assert.equal(Object.hasOwn(p[k], '__proto__'), false, `progress.${k} holds no __proto__ record`);
  }
}

type Import = { imported: boolean; message: string };
const importFile = (file: string) => vscode.commands.executeCommand<Import>('mlAssociatePrep.importProgress', vscode.Uri.file(file), { confirm: false });

interface Killed { pid: number; answers: string[]; lastInSnapshot: boolean }
interface Done { window: string; ids: string[]; first: number; last: number; snapshotHeld: number }

export function registerFaultsSuite(mode: 'kill' | 'killed' | 'two-windows' | 'two-windows-verify' | 'hostile-import'): void {
  describe(`progress under faults (${mode})`, () => {
    if (mode === 'kill') {
      it('answers, then the host is killed (SIGKILL, from outside) the instant the last answer is announced', async function () {
        this.timeout(90_000);
        const { store, backend } = await api();
        const ids: string[] = [];
        for (let i = 0; i < 10; i++) {
          const a = answer(`fault-kill-${i}`);
          await store.apply({ t: 'answer', a });
          ids.push(a.id);
        }
        const last = answer('fault-kill-last');
        store.onDidChange((p) => {
          if (!p.answers.some((a) => a.id === last.id)) return;
          // The store announces an answer (the quiz draws its feedback on this) once the journal
          // holds it and before the synced snapshot is written. The host freezes here, as a crash
          // at this instant would leave it, and asks the runner for the SIGKILL.
          publish('kill.json', { pid: process.pid, answers: [...ids, last.id], lastInSnapshot: JSON.stringify(backend.readSnapshot() ?? null).includes(last.id) } satisfies Killed);
          const end = Date.now() + 60_000;
          while (Date.now() < end) {
            // frozen until the SIGKILL lands
          }
        });
        await store.apply({ t: 'answer', a: last });
        assert.fail('the extension host was still alive 60 s after asking to be killed');
      });
    }

    if (mode === 'killed') {
      it('after the SIGKILL and a restart, every answer is there, the last one read back from the journal', async () => {
        const { store, backend } = await api();
        const killed = read<Killed>('kill.json');
        const have = new Set(store.progress.answers.map((a) => a.id));
        const missing = killed.answers.filter((id) => !have.has(id));
        console.log(`  faults: ${killed.answers.length} answers given before the SIGKILL of pid ${killed.pid}, ${killed.answers.length - missing.length} there after the restart; the last was ${killed.lastInSnapshot ? '' : 'not '}in the synced snapshot when killed`);
        assert.deepEqual(missing, [], 'answers lost to the SIGKILL');
        assert.equal(killed.lastInSnapshot, false, 'the kill came after the snapshot write: the test did not test the journal');
        assert.ok(JSON.stringify(backend.readSnapshot()).includes(killed.answers.at(-1)!), 'loading folds the journaled answer back into the synced snapshot');
      });
    }

    if (mode === 'two-windows') {
      it('answers at the same moment as another window on the same profile, and sees its answers', async function () {
        this.timeout(120_000);
        const { store, backend } = await api();
        const me = `w${process.pid}`;
        publish(`ready-${me}`, Date.now());
        const files = (prefix: string) => readdirSync(faultDir()).filter((f) => f.startsWith(prefix) && !f.endsWith('.tmp'));
        await until(() => files('ready-').length >= 2, 'the other window to be ready', 90_000);
        // Both start at one agreed instant (same machine, same clock), not when each saw the other.
        const start = Math.max(...files('ready-').map((f) => read<number>(f))) + 500;
        await sleep(start - Date.now());
        const ids: string[] = [];
        const first = Date.now();
        for (let i = 0; i < 25; i++) {
          const a = answer(`fault-${me}-${i}`);
          await store.apply({ t: 'answer', a });
          ids.push(a.id);
        }
        await store.apply({ t: 'flag', q: `fault-flag-${me}`, f: { flagged: true, at: Date.now() } });
        const last = Date.now();
        const snapshotHeld = ((backend.readSnapshot() as Progress | undefined)?.answers ?? []).filter((a) => a.id.startsWith('fault-w')).length;
        publish(`done-${me}.json`, { window: me, ids, first, last, snapshotHeld } satisfies Done);
        await until(() => files('done-').length >= 2, 'the other window to finish', 60_000);
        await store.refresh();
        const others = files('done-').map((f) => read<Done>(f)).filter((d) => d.window !== me);
        assert.equal(others.length, 1);
        const have = new Set(store.progress.answers.map((a) => a.id));
        assert.deepEqual(others[0]!.ids.filter((id) => !have.has(id)), [], 'the other window\'s answers, seen from this one');
        assert.ok(store.progress.flags[`fault-flag-${others[0]!.window}`]?.flagged);
      });
    }

    if (mode === 'two-windows-verify') {
      it('after both windows answered at once and a reload, both windows\' answers are kept', async () => {
        const { store } = await api();
        const done = readdirSync(faultDir()).filter((f) => f.startsWith('done-') && f.endsWith('.json')).map((f) => read<Done>(f));
        assert.equal(done.length, 2, 'two windows answered');
        const [a, b] = done as [Done, Done];
        const overlap = Math.min(a.last, b.last) - Math.max(a.first, b.first);
        const have = new Set(store.progress.answers.map((x) => x.id));
        const missing = [...a.ids, ...b.ids].filter((id) => !have.has(id));
        console.log(`  faults: two windows answered ${a.ids.length} + ${b.ids.length} times, overlapping for ${overlap} ms; each window's view of the synced snapshot held ${a.snapshotHeld} and ${b.snapshotHeld} of them; after the reload ${a.ids.length + b.ids.length - missing.length} are there`);
        assert.ok(overlap > 0, `the windows did not answer at the same time (${overlap} ms)`);
        assert.deepEqual(missing, [], 'answers lost between two windows');
        for (const d of done) assert.ok(store.progress.flags[`fault-flag-${d.window}`]?.flagged, `the flag of ${d.window}`);
      });
    }

    if (mode === 'hostile-import') {
      const known = { ...answer('fault-import-known', Date.now() - 60_000) };
      const unknown = { ...answer('fault-import-unknown', Date.now() - 50_000), q: 'no-such-question-in-any-pack' };
      const tick = (at: number) => ({ checked: true, at, by: 'user' });

      it('a file with __proto__, constructor and prototype keys, future dates and unknown question ids: valid records merged, nothing polluted', async () => {
        const { store } = await api();
        const file = join(faultDir(), 'hostile.json');
        const progress = `{"version":1,"__proto__":{"polluted":"top"},"constructor":{"prototype":{"polluted":"ctor"}},
          "answers":[${JSON.stringify(known)},${JSON.stringify(unknown).replace('{', '{"__proto__":{"polluted":"answer"},')},${JSON.stringify(answer('fault-import-y3000', Date.UTC(3000, 0, 1)))},${JSON.stringify(answer('fault-import-beyond', 9e15))}],
          "ratings":{"__proto__":{"rating":"easy","at":1}},"flags":{"constructor":{"flagged":true,"at":5},"__proto__":{"flagged":true,"at":5}},
          "ticks":{"__proto__":${JSON.stringify(tick(1))},"prototype":${JSON.stringify(tick(1))},"hasOwnProperty":${JSON.stringify(tick(1))},"fault.future-tick":${JSON.stringify(tick(Date.UTC(3000, 0, 1)))}},
          "mocks":{"__proto__":{"polluted":"mock"}},"sessions":{"constructor":{"prototype":{"polluted":"session"}}}}`;
        writeFileSync(file, `{"format":"ml-associate-prep-progress","__proto__":{"polluted":"envelope"},"progress":${progress}}`);
        const result = await importFile(file);
        assert.equal(result.imported, true, result.message);
        const ids = new Set(store.progress.answers.map((a) => a.id));
        assert.ok(ids.has(known.id) && ids.has(unknown.id), 'the valid records are merged, unknown question ids included');
        assert.ok(!ids.has('fault-import-y3000') && !ids.has('fault-import-beyond'), 'future-dated answers are left out');
        assert.equal(store.progress.ticks['fault.future-tick'], undefined, 'a tick dated in 3000 would win every later change');
        assertNoPollution(store.progress);
        // The surfaces that read progress still work with it.
        const { plan } = await api();
        assert.ok((await plan.getChildren()).length > 0);
        await vscode.commands.executeCommand('mlAssociatePrep.showStats');
        await vscode.commands.executeCommand('mlAssociatePrep.whatNext');
      });

      it('a file with NaN in it: the valid records are merged, the damaged one is not', async () => {
        const { store } = await api();
        const file = join(faultDir(), 'nan.json');
        writeFileSync(file, `{"format":"ml-associate-prep-progress","progress":{"version":1,"answers":[${JSON.stringify(answer('fault-import-fine'))},${JSON.stringify(answer('fault-import-nan')).replace(/"at":\d+/, '"at":NaN')}],"ticks":{"fault.nan-tick":{"checked":true,"at":NaN,"by":"user"}}}}`);
        const result = await importFile(file);
        assert.equal(result.imported, true, result.message);
        const ids = new Set(store.progress.answers.map((a) => a.id));
        assert.ok(ids.has('fault-import-fine') && !ids.has('fault-import-nan'));
        assert.equal(store.progress.ticks['fault.nan-tick'], undefined);
      });

      it('10^6 records, and a file over 64 MB: refused with a clear message, nothing changed', async function () {
        this.timeout(120_000);
        const { store } = await api();
        const before = JSON.stringify(store.progress);
        const million = join(faultDir(), 'million.json');
        const t = `{"checked":true,"at":${Date.now() - 1000},"by":"user"}`;
        writeFileSync(million, `{"format":"ml-associate-prep-progress","progress":{"version":1,"answers":[],"ticks":{${Array.from({ length: 1_000_000 }, (_, i) => `"t${i}":${t}`).join(',')}}}}`);
        let started = Date.now();
        const r1 = await importFile(million);
        const millionMs = Date.now() - started;
        assert.equal(r1.imported, false);
        assert.match(r1.message, /^Nothing imported: the file holds over 200,000 objects, more than the 100,000 records a progress file can hold\.$/);
        const huge = join(faultDir(), 'huge.json');
        writeFileSync(huge, '');
        truncateSync(huge, 65 * 1024 * 1024); // sparse: 65 MB that take no time to write
        started = Date.now();
        const r2 = await importFile(huge);
        const hugeMs = Date.now() - started;
        assert.equal(r2.imported, false);
        assert.match(r2.message, /^Nothing imported: the file is larger than 64 MB/);
        assert.equal(JSON.stringify(store.progress), before, 'a refused file changes nothing');
        console.log(`  faults: 1,000,000 ticks (${(readFileSync(million).length / 1e6).toFixed(1)} MB) refused in ${millionMs} ms; a 65 MB file refused in ${hugeMs} ms`);
      });

      it('what the imports stored loads back cleanly, as the next start would read it', async () => {
        const { store, backend } = await api();
        const next = new ProgressStore(backend);
        const report = await next.load();
        assert.deepEqual(report.problems, []);
        assert.deepEqual(next.progress.answers.map((a) => a.id).sort(), store.progress.answers.map((a) => a.id).sort());
        assertNoPollution(next.progress);
      });
    }
  });
}
