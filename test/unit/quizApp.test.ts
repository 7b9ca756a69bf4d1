import { strict as assert } from 'node:assert';
import { keysOf } from '../../src/core/engine/grading';
import { seededRandom } from '../../src/core/engine/random';
import { deltaAsProgress, emptyProgress, type Delta, type Progress } from '../../src/core/progress/schema';
import { mergeProgress } from '../../src/core/progress/merge';
import { handle, initialScreen, render, tick, type AppContext, type Screen } from '../../src/core/quizApp';
import { FromWebviewSchema, ToWebviewSchema, type FromWebview } from '../../src/protocol';
import { bank } from './helpers/facts';

/** Drives the quiz app as the controller does: apply each outcome's deltas, keep the screen. */
function driver(settings: Partial<AppContext['settings']> = {}) {
  let progress: Progress = emptyProgress();
  let screen: Screen = { name: 'home' };
  let now = 1_700_000_000_000;
  let n = 0;
  const random = seededRandom(11);
  const b = bank();
  const ctx = (): AppContext => ({ bank: b, progress, now, newId: () => `id${n++}`, random, settings: { blueprint: 'current', setSize: 5, order: 'random', feedback: 'immediate', allowPause: false, tzOffsetMinutes: 0, ...settings } });
  const apply = (deltas: Delta[]) => { for (const d of deltas) progress = mergeProgress(progress, deltaAsProgress(d)); };
  return {
    b,
    send(intent: FromWebview) {
      const o = handle(FromWebviewSchema.parse(intent), screen, ctx());
      apply(o.deltas);
      screen = o.screen;
      return o;
    },
    view() { const m = ToWebviewSchema.parse({ type: 'render', view: render(screen, ctx()) }); if (m.type !== 'render') throw new Error('not a render'); return m.view; },
    advance(ms: number) { now += ms; const o = tick(screen, ctx()); if (o) { apply(o.deltas); screen = o.screen; } },
    get progress() { return progress; },
    reopen() { screen = initialScreen(ctx()); },
  };
}

describe('quiz app', () => {
  it('takes the selection with Submit (the webview keeps it until then), by the rules a click follows', () => {
    const d = driver({ setSize: 30 });
    d.send({ type: 'startPractice', domains: [], objectives: [], symbols: [], difficulties: [], order: 'in-order', size: 30, feedback: 'immediate' });
    let v = d.view();
    if (v.screen !== 'question') throw new Error(v.screen);
    const q = d.b.get(v.question.id)!;
    const wrong = q.choices.find((c) => !c.correct)!.id;
    // Unknown letters and more options than the question asks for are not taken.
    const sent = [...keysOf(q), wrong, 'E', 'E'].filter((l) => q.choices.some((c) => c.id === l) || l === 'E');
    const o = d.send({ type: 'submit', questionId: q.id, selected: sent });
    const answer = o.deltas.find((x) => x.t === 'answer');
    if (answer?.t !== 'answer') throw new Error('no answer recorded');
    const expected = q.type === 'single' ? [sent.filter((l) => q.choices.some((c) => c.id === l)).at(-1)!] : [...keysOf(q)].sort();
    assert.deepEqual(answer.a.choices, expected);
    assert.equal(answer.a.correct, q.type !== 'single' || expected[0] === keysOf(q)[0]);
    v = d.view();
    assert.ok(v.screen === 'question' && v.submitted && v.feedback);
    // Sent again after the answer: nothing more is recorded.
    assert.deepEqual(d.send({ type: 'submit', questionId: q.id, selected: keysOf(q) }).deltas, []);
  });

  it('records nothing for a Submit with no option picked', () => {
    const d = driver();
    d.send({ type: 'startPractice', domains: [], objectives: [], symbols: [], difficulties: [], order: 'random', size: 3, feedback: 'immediate' });
    const v = d.view();
    if (v.screen !== 'question') throw new Error(v.screen);
    assert.deepEqual(d.send({ type: 'submit', questionId: v.question.id, selected: [] }).deltas, []);
    assert.deepEqual(d.send({ type: 'submit', questionId: v.question.id, selected: ['E'] }).deltas.filter((x) => x.t === 'answer').length, v.question.choices.length === 5 ? 1 : 0);
  });

  it('never sends the answer key before the question is submitted', () => {
    const d = driver();
    d.send({ type: 'startPractice', domains: [], objectives: [], symbols: [], difficulties: [], order: 'random', size: 3, feedback: 'immediate' });
    const v = d.view();
    assert.equal(v.screen, 'question');
    const text = JSON.stringify(v);
    if (v.screen !== 'question') return;
    assert.equal(v.feedback, undefined);
    const q = d.b.get(v.question.id)!;
    for (const c of q.choices) assert.ok(!text.includes(c.explanation.slice(0, 40)), 'no explanation leaks before submit');
  });

  it('shows nothing before the answer that the exam would not: no objective, difficulty, APIs or topic', () => {
    const d = driver();
    d.send({ type: 'startPractice', domains: [], objectives: [], symbols: [], difficulties: [], order: 'random', size: 3, feedback: 'immediate' });
    let v = d.view();
    if (v.screen !== 'question') throw new Error(v.screen);
    const q = d.b.get(v.question.id)!;
    assert.equal(v.question.about, undefined);
    const before = JSON.stringify(v);
    assert.ok(!before.includes(`"${q.objective}"`), 'objective id not sent before the answer');
    for (const s of q.symbols) assert.ok(!before.includes(`"${s}"`), `${s} not sent before the answer`);
    for (const k of keysOf(q)) d.send({ type: 'select', questionId: q.id, choice: k });
    d.send({ type: 'submit', questionId: q.id });
    v = d.view();
    if (v.screen !== 'question') throw new Error(v.screen);
    assert.equal(v.question.about?.objective.id, q.objective);
    assert.deepEqual(v.question.about?.symbols, q.symbols);
    // With hints turned on, practice shows them before the answer; the mock never does.
    const hinted = driver({ showHints: true });
    hinted.send({ type: 'startPractice', domains: [], objectives: [], symbols: [], difficulties: [], order: 'random', size: 3, feedback: 'immediate' });
    const hv = hinted.view();
    assert.ok(hv.screen === 'question' && hv.question.about);
    hinted.send({ type: 'show', screen: 'home' });
    hinted.send({ type: 'startMock' });
    const mv = hinted.view();
    if (mv.screen !== 'mock') throw new Error(mv.screen);
    assert.equal(mv.question.about, undefined);
    assert.equal(mv.question.domain, undefined);
  });

  it('shuffles options per attempt: the order holds through re-renders, differs on the next attempt, and the answer keeps choice ids', () => {
    const d = driver();
    const shuffleable = d.b.questions.find((q) => q.type === 'single' && q.shuffle !== false && q.choices.length === 4 && q.objective.startsWith('c'))!;
    const practiseIt = () => {
      d.send({ type: 'startPractice', domains: [], objectives: [shuffleable.objective], symbols: [], difficulties: [], order: 'in-order', size: 50, feedback: 'immediate' });
      for (let i = 0; i < 50; i++) {
        const v = d.view();
        if (v.screen !== 'question') throw new Error(v.screen);
        if (v.question.id === shuffleable.id) return v;
        d.send({ type: 'next' });
      }
      throw new Error('question not reached');
    };
    const first = practiseIt();
    const order1 = first.question.choices.map((c) => c.id);
    assert.deepEqual([...order1].sort(), shuffleable.choices.map((c) => c.id).sort());
    assert.deepEqual(d.view().screen === 'question' && (d.view() as typeof first).question.choices.map((c) => c.id), order1, 'same order on re-render');
    const key = keysOf(shuffleable)[0]!;
    d.send({ type: 'select', questionId: shuffleable.id, choice: key });
    d.send({ type: 'submit', questionId: shuffleable.id });
    const answered = d.progress.answers.at(-1)!;
    assert.deepEqual(answered.choices, [key], 'the answer records the choice id, not the position');
    assert.equal(answered.correct, true);
    assert.deepEqual(answered.o, order1, 'the order shown is stored with the answer');
    d.send({ type: 'endSession' });
    const second = practiseIt();
    assert.notDeepEqual(second.question.choices.map((c) => c.id), order1, 'the next attempt shows another order');
  });

  it('keeps the written order for a question marked shuffle: false', () => {
    const d = driver();
    const q = d.b.questions.find((x) => x.type === 'single' && x.objective.startsWith('c'))!;
    (q as { shuffle?: boolean }).shuffle = false;
    try {
      d.send({ type: 'startPractice', domains: [], objectives: [q.objective], symbols: [], difficulties: [], order: 'in-order', size: 50, feedback: 'immediate' });
      for (let i = 0; i < 50; i++) {
        const v = d.view();
        if (v.screen !== 'question') throw new Error(v.screen);
        if (v.question.id === q.id) { assert.deepEqual(v.question.choices.map((c) => c.id), q.choices.map((c) => c.id)); return; }
        d.send({ type: 'next' });
      }
      assert.fail('question not reached');
    } finally {
      delete (q as { shuffle?: boolean }).shuffle;
    }
  });

  it('practice: pick, submit, see every explanation, next; answers are recorded', () => {
    const d = driver();
    d.send({ type: 'startPractice', domains: ['model-deployment'], objectives: [], symbols: [], difficulties: [], order: 'random', size: 2, feedback: 'immediate' });
    let v = d.view();
    if (v.screen !== 'question') throw new Error(v.screen);
    assert.equal(v.question.domain?.id, 'model-deployment');
    const q = d.b.get(v.question.id)!;
    for (const k of keysOf(q)) d.send({ type: 'select', questionId: q.id, choice: k });
    d.send({ type: 'submit', questionId: q.id });
    v = d.view();
    if (v.screen !== 'question') throw new Error(v.screen);
    assert.equal(v.feedback?.correct, true);
    assert.equal(Object.keys(v.feedback!.explanations).length, q.choices.length);
    assert.equal(d.progress.answers.length, 1);
    d.send({ type: 'rate', answerId: v.feedback!.answerId!, rating: 'easy' });
    assert.equal(d.progress.ratings[v.feedback!.answerId!]?.rating, 'easy');
    d.send({ type: 'next' });
    d.send({ type: 'next' });
    assert.equal(d.view().screen, 'summary');
  });

  it('feedback at the end hides verdicts until the set is over', () => {
    const d = driver();
    d.send({ type: 'startPractice', domains: [], objectives: [], symbols: [], difficulties: [], order: 'random', size: 1, feedback: 'end' });
    const v = d.view();
    if (v.screen !== 'question') throw new Error(v.screen);
    d.send({ type: 'select', questionId: v.question.id, choice: 'A' });
    d.send({ type: 'submit', questionId: v.question.id });
    const after = d.view();
    assert.equal(after.screen === 'question' && after.feedback, undefined);
    d.send({ type: 'next' });
    const s = d.view();
    assert.equal(s.screen, 'summary');
    assert.equal(s.screen === 'summary' && s.items.length, 1);
  });

  it('mock: answer, flag, reopen on the same question with the clock right, submit, per-domain report', () => {
    const d = driver();
    d.send({ type: 'startMock' });
    let v = d.view();
    if (v.screen !== 'mock') throw new Error(v.screen);
    assert.equal(v.total, 48);
    assert.equal(JSON.stringify(v).includes('"correct"'), false, 'no keys during the mock');
    d.send({ type: 'mockSelect', questionId: v.question.id, choice: 'A' });
    d.send({ type: 'mockGoto', index: 1 });
    d.send({ type: 'mockFlag' });
    d.advance(5 * 60_000);
    d.reopen();
    v = d.view();
    if (v.screen !== 'mock') throw new Error(v.screen);
    assert.equal(v.index, 1);
    assert.equal(v.flagged, true);
    assert.equal(v.remainingMs, 85 * 60_000);
    assert.equal(v.map[0]!.answered, true);
    d.send({ type: 'mockPause' });
    assert.equal(d.view().screen === 'mock' && (d.view() as { paused: boolean }).paused, false, 'pausing is off by default');
    d.send({ type: 'mockSubmit' });
    const r = d.view();
    if (r.screen !== 'mockReport') throw new Error(r.screen);
    assert.equal(r.perDomain.length, 4);
    assert.equal(r.items.length, 48);
    assert.equal(d.progress.answers.filter((a) => a.mode === 'mock').length, 1);
  });

  it('mock: time-out submits on its own', () => {
    const d = driver();
    d.send({ type: 'startMock' });
    d.advance(91 * 60_000);
    const v = d.view();
    assert.equal(v.screen, 'mockReport');
    assert.equal(v.screen === 'mockReport' && v.finishedBy, 'timeout');
  });

  it('review starts with due questions, and says so when none are due', () => {
    const d = driver();
    d.send({ type: 'startReview' });
    assert.equal(d.view().screen, 'empty');
  });

  it('refuses to open links off the documentation sites', () => {
    const d = driver();
    assert.equal(d.send({ type: 'openDocs', url: 'https://evil.example.com/x' }).openUrl, undefined);
    assert.equal(d.send({ type: 'openDocs', url: 'https://mlflow.org/docs/latest/' }).openUrl, 'https://mlflow.org/docs/latest/');
  });
});

describe('protocol', () => {
  it('rejects unexpected messages from the webview', () => {
    for (const bad of [null, 'submit', { type: 'nope' }, { type: 'select', questionId: 'q', choice: 'Z' }, { type: 'startPractice', domains: 'all' }, { type: 'mockGoto', index: -1 }, { type: 'openDocs', url: 'javascript:alert(1)' }]) {
      assert.equal(FromWebviewSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });
});
