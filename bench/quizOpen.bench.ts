// npm run bench: opening the quiz, host side, as far as Node can show it. Uses the built bundles
// (run `node esbuild.config.mjs --production` first for the shipped figures). Prints:
//   quiz bundle     requiring dist/quiz.js (the quiz app, engine, protocol schemas), cold
//   content         reading dist/content.json (the quiz part), checking its hash, parsing it, indexing the bank
//                   (what src/vscode/content.ts does the first time a surface needs the bank)
//   first view      initialScreen + render of the home screen at 0 / 2,000 / 10,000 answers:
//                   the first is cold (it replays every answer, and loads dist/fsrs.js), then the
//                   median of 7 more with the cards remembered as the progress store does after
//                   loading (through dist/scheduler.js, the one copy extension.js and quiz.js share)
//   webview parse   compiling dist/webview/main.js and markdown.js with V8 (vm.Script), as a
//                   stand-in for the webview's parse: main.js runs on open, markdown.js on the
//                   first question
// Figures, not pass/fail.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { Bank } from '../src/core/bank';
import type { QuizContent } from '../src/core/content/compiled';
import type { AppContext } from '../src/core/quizApp';
import { seededRandom } from '../src/core/engine/random';
import { emptyProgress, type Answer, type Progress } from '../src/core/progress/schema';

const ROOT = join(__dirname, '..');
const dist = (...p: string[]) => join(ROOT, 'dist', ...p);
if (!existsSync(dist('quiz.js'))) execFileSync(process.execPath, [join(ROOT, 'esbuild.config.mjs'), '--production'], { cwd: ROOT, stdio: 'inherit' });

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const kb = (f: string) => `${(statSync(f).size / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

let t = process.hrtime.bigint();
const quiz = require(dist('quiz.js')) as typeof import('../src/quiz');
const scheduler = require(dist('scheduler.js')) as typeof import('../src/core/scheduler');
console.log(`quiz bundle   dist/quiz.js ${kb(dist('quiz.js'))}: required in ${ms(t).toFixed(1)} ms`);

t = process.hrtime.bigint();
const text = readFileSync(dist('content.json'), 'utf8');
const trusted = createHash('sha256').update(text).digest('hex') === readFileSync(dist('content.sha256'), 'utf8').trim();
const bank = new Bank(JSON.parse(text) as QuizContent);
console.log(`content       ${kb(dist('content.json'))} read, hash ${trusted ? 'matches' : 'DOES NOT match'}, bank of ${bank.content.questions.length} questions in ${ms(t).toFixed(1)} ms`);

/** N answers over the last 90 days, on random questions of the bank, 70% right. */
function progressWith(n: number): Progress {
  const random = seededRandom(n + 1);
  const p = emptyProgress();
  const now = Date.UTC(2026, 5, 1);
  const ids = bank.content.questions.map((q) => q.id);
  const answers: Answer[] = [];
  for (let i = 0; i < n; i++) {
    const correct = random() < 0.7;
    answers.push({ id: `a${i}`, q: ids[Math.floor(random() * ids.length)]!, at: now - 90 * 86_400_000 + Math.floor((i / Math.max(1, n)) * 90 * 86_400_000), choices: ['A'], correct, ms: 20_000, mode: 'practice' });
  }
  p.answers = answers;
  return p;
}

for (const n of [0, 2_000, 10_000]) {
  const progress = progressWith(n);
  const now = Date.UTC(2026, 5, 1, 12);
  const ctx: AppContext = {
    bank, progress, now, newId: () => 'x', random: seededRandom(3),
    settings: { blueprint: 'current', setSize: 10, order: 'random', feedback: 'immediate', allowPause: true, tzOffsetMinutes: 0 },
  };
  const once = () => {
    const t0 = process.hrtime.bigint();
    const view = quiz.render(quiz.initialScreen(ctx), ctx);
    if (view.screen !== 'home') throw new Error(`expected the home screen, got ${view.screen}`);
    return { time: ms(t0), bytes: JSON.stringify({ type: 'render', view }).length };
  };
  const first = once();
  const cards = scheduler.replayAll(progress);
  scheduler.rememberCards(progress, () => cards);
  const warm = median(Array.from({ length: 7 }, () => once().time));
  console.log(`first view    ${String(n).padStart(6)} answers: ${first.time.toFixed(1).padStart(7)} ms first, ${warm.toFixed(1).padStart(7)} ms median with the store's cards; message ${(first.bytes / 1024).toFixed(1)} KB`);
}

for (const name of ['main.js', 'markdown.js']) {
  const file = dist('webview', name);
  if (!existsSync(file)) continue;
  const code = readFileSync(file, 'utf8');
  const t0 = process.hrtime.bigint();
  new Script(code, { filename: name });
  console.log(`webview parse dist/webview/${name} ${kb(file)}: compiled in ${ms(t0).toFixed(1)} ms`);
}
