// npm run bench (third part): the extension's share of one answer, Enter to feedback, with 0,
// 2,000 and 10,000 answers of history. Per answer it runs what the extension host runs:
//   the submit intent (quizApp.handle), the store (journal append to a real file, the in-memory
//   state, the synced snapshot as globalState would serialise it), and what the host builds after
//   the change: the question view it posts (serialised as postMessage does) and the status bar's
//   due count, without and with an exam date (today's goal in the tooltip).
// A due snapshot write runs after the feedback (once the host is idle) and is measured apart.
// Picking an option costs the extension nothing: the webview shows it and sends it with Submit.
// Prints median and p90 per history size. Figures, not pass/fail; target ≤ 10 ms, flat in history.
import { mkdtempSync, rmSync, appendFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bank } from '../src/core/bank';
import { keysOf } from '../src/core/engine/grading';
import { seededRandom } from '../src/core/engine/random';
import { mergeProgress } from '../src/core/progress/merge';
import { emptyProgress, type Answer, type Progress } from '../src/core/progress/schema';
import { ProgressStore, SNAPSHOT_EVERY, type ProgressBackend } from '../src/core/progress/store';
import { handle, render, type AppContext, type Screen } from '../src/core/quizApp';
import { planTree } from '../src/core/plan';
import { cardsFrom, dueQuestions } from '../src/core/scheduler';
import { fixedClock } from '../src/core/study/clock';
import { examForecast } from '../src/core/study/forecast';
import { dailyGoal } from '../src/core/study/dailyGoal';
import { studyIndexOf } from '../src/core/study/studyIndex';
import type { FromWebview } from '../src/protocol';
import { quizContent } from './distContent';

const bank = new Bank(quizContent());
const index = studyIndexOf(bank);
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1, 18);
const SAMPLES = 150;
/**
 * The webview keeps the selection and sends it with Submit (no message per pick). Set
 * BENCH_SELECT_MESSAGES=1 to measure the old way, one 'select' round trip per picked option.
 */
const LOCAL_PICKS = !process.env.BENCH_SELECT_MESSAGES;

/** globalState and a journal file, as VscodeProgressBackend keeps them. */
class BenchBackend implements ProgressBackend {
  snapshot: unknown;
  constructor(private readonly file: string, snapshot: Progress) {
    this.snapshot = snapshot;
    appendFileSync(file, '');
  }
  readSnapshot(): unknown {
    return this.snapshot;
  }
  writeSnapshot(value: Progress): Promise<void> {
    // The extension host serialises the whole value for the main process on every update.
    JSON.stringify(value);
    this.snapshot = value;
    return Promise.resolve();
  }
  appendJournal(lines: string): Promise<void> {
    return appendFile(this.file, lines, 'utf8');
  }
  readJournals(): Promise<{ name: string; text: string }[]> {
    return Promise.resolve([]);
  }
  backup(): Promise<boolean> {
    return Promise.resolve(false);
  }
}

/** A learner's history: `n` answers over the last 60 days, about 75 % right. */
function history(n: number): Progress {
  const random = seededRandom(n + 1);
  const qs = bank.questions;
  const answers: Answer[] = [];
  for (let i = 0; i < n; i++) {
    const q = qs[Math.floor(random() * qs.length)]!;
    const right = random() < 0.75;
    answers.push({ id: `h${i}`, q: q.id, at: NOW - 60 * DAY + Math.floor((i / Math.max(1, n)) * 59 * DAY), choices: right ? keysOf(q) : [q.choices.find((c) => !c.correct)!.id], correct: right, ms: 20_000, mode: 'practice' });
  }
  return mergeProgress(emptyProgress(), { ...emptyProgress(), answers });
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return `median ${at(0.5).toFixed(2)} ms  p90 ${at(0.9).toFixed(2)} ms  max ${s[s.length - 1]!.toFixed(2)} ms`;
};

async function run(n: number, withExam: boolean): Promise<{ enter: number[]; pick: number[]; snapshot: number[]; plan: number[]; moving: number[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'mlap-answers-bench-'));
  const start = history(n);
  if (withExam) start.exam = { date: '2026-07-15', at: NOW - 61 * DAY };
  // As the extension makes it: a due snapshot write waits for the host to be idle.
  const store = new ProgressStore(new BenchBackend(join(dir, 'w.jsonl'), start), () => NOW, { idle: () => new Promise((resolve) => setTimeout(resolve, 0)) });
  await store.load();
  let now = NOW;
  let ids = 0;
  const settings: AppContext['settings'] = { blueprint: 'current', setSize: SAMPLES + 10, order: 'in-order', feedback: 'immediate', allowPause: false, tzOffsetMinutes: 0 };
  const ctx = (): AppContext => ({ bank, progress: store.progress, now, settings, newId: () => `b${ids++}`, random: seededRandom(3), clock: fixedClock(now, 0) });
  let screen = { name: 'home' } as Screen; // assigned in step(); `as` keeps TS from narrowing it to home
  // What the host does after each change: post the view, update the status bar.
  let posted = 0;
  store.onDidChange(() => {
    posted += JSON.stringify({ type: 'render', view: render(screen, ctx()) }).length;
    const due = dueQuestions(cardsFrom(store.progress), now, (id) => !!bank.get(id)).length;
    const goal = withExam ? dailyGoal(index, store.progress, 'current', fixedClock(now, 0)) : undefined;
    posted += due + (goal?.goal?.newTarget ?? 0);
  });
  const step = async (intent: FromWebview): Promise<void> => {
    const o = handle(intent, screen, ctx());
    screen = o.screen;
    if (o.deltas.length) await store.apply(...o.deltas);
  };
  await step({ type: 'startPractice', domains: [], objectives: [], symbols: [], difficulties: [], order: 'in-order', size: SAMPLES + 10, feedback: 'immediate' });
  const enter: number[] = [];
  const pick: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    now += 30_000;
    if (screen.name !== 'session') throw new Error(`the practice set did not start (screen ${screen.name})`);
    const s = store.progress.sessions[screen.id]!;
    const q = bank.get(s.questionIds[s.index]!)!;
    const keys = keysOf(q);
    let t = performance.now();
    if (!LOCAL_PICKS) for (const k of keys) await step({ type: 'select', questionId: q.id, choice: k });
    pick.push((performance.now() - t) / keys.length);
    t = performance.now();
    await step({ type: 'submit', questionId: q.id, ...(LOCAL_PICKS ? { selected: keys } : {}) });
    enter.push(performance.now() - t);
    await step({ type: 'next' });
  }
  // The snapshot write itself (every 25 answers, after the feedback), measured on its own.
  const snapshot: number[] = [];
  for (let i = 0; i < 5; i++) {
    await store.apply({ t: 'flag', q: bank.questions[i]!.id, f: { flagged: true, at: now + i } });
    const t = performance.now();
    await store.flush();
    snapshot.push(performance.now() - t);
  }
  // The Study Plan tree, rebuilt after each change only while its view is open (not part of the
  // figure above): measured on its own, as a figure to watch.
  const plan: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    posted += planTree(bank, store.progress, bank.blueprint('current'), now, true, { clock: fixedClock(now, 0), forecast: examForecast }).length;
    plan.push(performance.now() - t);
  }
  // The tree as the extension rebuilds it: after each answer, with the clock moving on. The loop
  // above builds it five times at one instant; here each build has a new `now`, so what the
  // forecast keeps between builds helps only where it does not depend on the instant (questions
  // due now are simulated again on every build).
  const moving: number[] = [];
  for (let i = 0; i < 20; i++) {
    now += 30_000;
    const q = bank.questions[(i * 37) % bank.questions.length]!;
    const right = i % 4 !== 0;
    await store.apply({ t: 'answer', a: { id: `m${i}`, q: q.id, at: now, choices: right ? keysOf(q) : [q.choices.find((c) => !c.correct)!.id], correct: right, ms: 20_000, mode: 'practice' } });
    const t = performance.now();
    posted += planTree(bank, store.progress, bank.blueprint('current'), now, true, { clock: fixedClock(now, 0), forecast: examForecast }).length;
    moving.push(performance.now() - t);
  }
  if (posted < 0) console.log(posted);
  rmSync(dir, { recursive: true, force: true });
  return { enter, pick, snapshot, plan, moving };
}

async function main(): Promise<void> {
  console.log(`answers: the extension's work per answer (${SAMPLES} answers per row; bank of ${bank.questions.length} questions)`);
  await run(500, false); // warm-up
  for (const withExam of [false, true]) {
    for (const n of [0, 2_000, 10_000]) {
      const r = await run(n, withExam);
      const label = `${String(n).padStart(6)} answers${withExam ? ', exam date set' : ''}`;
      console.log(`  ${label.padEnd(34)} Enter→feedback ${stats(r.enter)}`);
      if (!LOCAL_PICKS) console.log(`  ${''.padEnd(34)} option pick    ${stats(r.pick)}`);
      if (!withExam) console.log(`  ${''.padEnd(34)} snapshot write ${stats(r.snapshot)} (every ${SNAPSHOT_EVERY} answers, once idle)`);
      console.log(`  ${''.padEnd(34)} plan tree      ${stats(r.plan)} (only while the Study Plan view is open)`);
      if (withExam) console.log(`  ${''.padEnd(34)} plan tree      ${stats(r.moving)} (rebuilt after each answer, the clock 30 s on)`);
    }
  }
}

void main();
