import { strict as assert } from 'node:assert';
import { seededRandom } from '../../src/core/engine/random';
import { mergeProgress } from '../../src/core/progress/merge';
import { deltaAsProgress, DeltaSchema, emptyProgress, ProgressSchema, type Delta, type Progress } from '../../src/core/progress/schema';
import { handle, render, type AppContext, type Screen } from '../../src/core/quizApp';
import { fixedClock } from '../../src/core/study/clock';
import { FromWebviewSchema, ToWebviewSchema, type FromWebview } from '../../src/protocol';
import * as classicProgress from './helpers/classicProgressSchema';
import * as classicProtocol from './helpers/classicProtocol';
import { bank } from './helpers/facts';
import { diligent, simulate } from './helpers/learners';

// The protocol and the progress schema moved from classic zod to zod/mini (tree-shakable, for the
// bundle size). helpers/classic*.ts keep the classic schemas as they were; this test feeds both the
// same corpus of real messages and progress states, and thousands of mutants of them (a field
// dropped, replaced by a value of another kind or just out of range, an extra key), and asserts both
// accept exactly the same inputs and give the same data.

interface Parser { safeParse(v: unknown): { success: boolean; data?: unknown } }

const BAD_VALUES: unknown[] = [
  undefined, null, '', 'x', 'F', 'A', 'a'.repeat(200), 'a'.repeat(201), 'x'.repeat(20_000), 'x'.repeat(20_001), '2026-13-01', '2026-02-30', 'https://x', 'http://x', 'https://a b',
  0, -1, 1, 1.5, 5, 6, 500, 501, 86_400_001, 253_402_300_800_000, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 2,
  true, false, [], ['A'], ['A', 'B', 'C', 'D', 'E', 'A'], {}, { x: 1 }, { A: 'x' }, { '': 1 },
];

type Path = (string | number)[];

/** Every path into a JSON value (objects and arrays), depth first. */
function paths(v: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...prefix, k], out);
  return out;
}

function setAt(root: unknown, path: Path, f: (parent: Record<string | number, unknown>, key: string | number) => void): unknown {
  const copy = structuredClone(root);
  if (!path.length) return copy;
  let parent = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  f(parent, path.at(-1)!);
  return copy;
}

/** Mutants of a value: at sampled paths, the value dropped, replaced, or given an extra key. */
function* mutants(value: unknown, seed: number, perValue: number): Generator<unknown> {
  const random = seededRandom(seed);
  const all = paths(value);
  for (let i = 0; i < perValue; i++) {
    const path = all[Math.floor(random() * all.length)]!;
    const bad = BAD_VALUES[Math.floor(random() * BAD_VALUES.length)];
    const kind = random();
    if (!path.length) yield bad;
    else if (kind < 0.15) yield setAt(value, path, (p, k) => { if (Array.isArray(p)) p.splice(Number(k), 1); else delete p[k]; });
    else if (kind < 0.25) yield setAt(value, path, (p, k) => { const x = p[k]; if (x && typeof x === 'object' && !Array.isArray(x)) (x as Record<string, unknown>).extra = bad; });
    else yield setAt(value, path, (p, k) => { p[k] = bad; });
  }
}

function assertSame(name: string, classic: Parser, mini: Parser, corpus: unknown[], perValue: number): void {
  let accepted = 0;
  let refused = 0;
  corpus.forEach((value, i) => {
    assert.ok(classic.safeParse(value).success, `${name}: corpus item ${i} is valid for the classic schema`);
    for (const m of [value, ...mutants(value, i + 1, perValue)]) {
      const a = classic.safeParse(m);
      const b = mini.safeParse(m);
      assert.equal(b.success, a.success, `${name}: classic ${a.success ? 'accepts' : 'refuses'} but mini does not: ${JSON.stringify(m)?.slice(0, 400)}`);
      if (a.success) {
        assert.deepEqual(b.data, a.data, `${name}: same data`);
        accepted++;
      } else refused++;
    }
  });
  // Both kinds must be exercised, or the comparison proves nothing.
  assert.ok(accepted > corpus.length && refused > corpus.length, `${name}: ${accepted} accepted, ${refused} refused`);
}

describe('zod/mini schemas accept and refuse exactly what the classic ones did', () => {
  const b = bank();

  /** Real views and intents: the panel driven through practice, review, a mock and the stats. */
  function panelCorpus(): { toWebview: unknown[]; fromWebview: FromWebview[] } {
    let progress: Progress = emptyProgress();
    let screen: Screen = { name: 'home' };
    let now = Date.UTC(2026, 0, 10, 15);
    let n = 0;
    const random = seededRandom(5);
    const ctx = (): AppContext => ({ bank: b, progress, now, newId: () => `e${n++}`, random, clock: fixedClock(now, 0), settings: { blueprint: 'current', setSize: 3, order: 'random', feedback: 'immediate', allowPause: true, tzOffsetMinutes: 0 } });
    const toWebview: unknown[] = [{ type: 'focus' }];
    const fromWebview: FromWebview[] = [];
    const send = (intent: FromWebview) => {
      fromWebview.push(intent);
      const o = handle(intent, screen, ctx());
      for (const d of o.deltas) progress = mergeProgress(progress, deltaAsProgress(d as Delta));
      screen = o.screen;
      now += 30_000;
      toWebview.push({ type: 'render', view: render(screen, ctx()) });
    };
    const view = () => (toWebview.at(-1) as { view: { screen: string; question?: { id: string; choices: { id: string }[] }; mockId?: string } }).view;
    send({ type: 'setExamDate', date: '2026-03-01' });
    send({ type: 'show', screen: 'setup' });
    send({ type: 'startPractice', domains: [], objectives: [], symbols: [], difficulties: ['easy', 'hard'], order: 'random', size: 3, feedback: 'immediate' });
    for (let i = 0; i < 3; i++) {
      const q = view().question!;
      send({ type: 'select', questionId: q.id, choice: q.choices[0]!.id });
      send({ type: 'submit', questionId: q.id, selected: [q.choices[0]!.id] });
      send({ type: 'flag', questionId: q.id });
      send({ type: 'next' });
    }
    send({ type: 'startMock' });
    const mockId = view().mockId!;
    for (let i = 0; i < 3; i++) {
      const q = view().question!;
      send({ type: 'mockSelect', questionId: q.id, choice: q.choices[1]!.id });
      send({ type: 'mockFlag' });
      send({ type: 'mockGoto', index: i + 1 });
    }
    send({ type: 'mockPause' });
    send({ type: 'mockResume' });
    send({ type: 'mockSubmit' });
    send({ type: 'openMockReport', mockId });
    send({ type: 'show', screen: 'stats' });
    send({ type: 'show', screen: 'home' });
    fromWebview.push(
      { type: 'ready' }, { type: 'endSession' }, { type: 'rate', answerId: 'e1', rating: 'good' }, { type: 'startReview' },
      { type: 'startDrill', kind: 'unseen' }, { type: 'resume' }, { type: 'mockDiscard' }, { type: 'drillMock', mockId },
      { type: 'openDocs', url: 'https://mlflow.org/docs/latest/index.html' }, { type: 'openInEditor' }, { type: 'practiceWorkspace' },
      { type: 'setExamDate', date: null }, { type: 'startGoal' }, { type: 'renderError', screen: 'question', questionId: 'q1', message: 'boom' }, { type: 'painted', screen: 'home' },
    );
    return { toWebview, fromWebview };
  }

  const { toWebview, fromWebview } = panelCorpus();

  it('messages from the webview', () => {
    assertSame('FromWebview', classicProtocol.FromWebviewSchema, FromWebviewSchema, fromWebview, 120);
  });

  it('messages to the webview (every screen the panel drew)', () => {
    const screens = new Set(toWebview.map((m) => (m as { view?: { screen: string } }).view?.screen));
    assert.ok(['home', 'setup', 'question', 'mock', 'mockReport', 'stats'].every((s) => screens.has(s)), [...screens].join());
    assertSame('ToWebview', classicProtocol.ToWebviewSchema, ToWebviewSchema, toWebview, 60);
  });

  it('progress states and journal deltas', () => {
    const run = simulate(b, { start: '2026-01-05', exam: '2026-01-26', behaviour: diligent });
    const p = run.progress;
    // A filter with its defaulted arrays left out, as older states stored it.
    const session = Object.values(p.sessions)[0];
    const partial = session ? { ...p, sessions: { ...p.sessions, [session.id]: { ...session, filter: { blueprint: 'current' } } } } : p;
    const small = { ...p, answers: p.answers.slice(0, 4) };
    assertSame('Progress', classicProgress.ProgressSchema, ProgressSchema, [emptyProgress(), small, partial], 400);
    const deltas: Delta[] = [
      ...p.answers.slice(0, 3).map((a): Delta => ({ t: 'answer', a })),
      ...Object.values(p.mocks).slice(0, 1).map((m): Delta => ({ t: 'mock', m })),
      ...Object.values(p.sessions).slice(0, 1).map((s): Delta => ({ t: 'session', s })),
      { t: 'rating', id: 'a1', r: { rating: 'hard', at: 5 } },
      { t: 'flag', q: 'q1', f: { flagged: true, at: 5 } },
      { t: 'tick', id: 'w1', tick: { checked: true, at: 5, by: 'auto' } },
      { t: 'exam', e: { date: '2026-02-28', at: 5 } },
    ];
    assertSame('Delta', classicProgress.DeltaSchema, DeltaSchema, deltas, 150);
  });
});
