// npm run bench: opening the quiz, host side, as far as Node can show it. Uses the built bundles
// (run `node esbuild.config.mjs --production` first for the shipped figures). Prints:
//   quiz bundle     requiring dist/quiz.js (the quiz app, engine, protocol schemas), cold
//   content         reading dist/content.json (the quiz part), checking its hash, parsing it, indexing the bank
//                   (what src/vscode/content.ts does the first time a surface needs the bank)
//   cards           the scheduler's cards replayed in slices (CardIndex.ofInSlices, as the store
//                   builds them before the status bar's and the quiz's first count): slices, total,
//                   the longest slice (the longest the host is blocked by it)
//   first view      initialScreen + render of the home screen at 0 / 2,000 / 10,000 answers, with
//                   the cards built above handed over as the progress store does (through
//                   dist/scheduler.js, the one copy extension.js and quiz.js share): the first render
//                   (cold code), then the median of 7 more
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
import { CardIndex } from '../src/core/scheduling/cardIndex';
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

async function main(): Promise<void> {
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
  // What the extension does first (status bar, quiz): the cards replayed in slices, a turn between.
  const slices: number[] = [];
  let sliceStart = process.hrtime.bigint();
  const built = process.hrtime.bigint();
  const index = await CardIndex.ofInSlices(progress, async () => {
    slices.push(ms(sliceStart));
    await new Promise((r) => setImmediate(r));
    sliceStart = process.hrtime.bigint();
  });
  slices.push(ms(sliceStart));
  console.log(`cards         ${String(n).padStart(6)} answers: replayed in ${slices.length} slices, ${ms(built).toFixed(1)} ms in all, longest slice ${Math.max(...slices).toFixed(1)} ms`);
  // The store hands its cards to cardsFrom (dist/scheduler.js, the copy quiz.js uses), as here.
  scheduler.rememberCards(progress, () => index.cards);
  const first = once();
  const warm = median(Array.from({ length: 7 }, () => once().time));
  console.log(`first view    ${String(n).padStart(6)} answers: ${first.time.toFixed(1).padStart(7)} ms first, ${warm.toFixed(1).padStart(7)} ms median; message ${(first.bytes / 1024).toFixed(1)} KB`);
}

for (const name of ['main.js', 'markdown.js']) {
  const file = dist('webview', name);
  if (!existsSync(file)) continue;
  const code = readFileSync(file, 'utf8');
  const t0 = process.hrtime.bigint();
  new Script(code, { filename: name });
  console.log(`webview parse dist/webview/${name} ${kb(file)}: compiled in ${ms(t0).toFixed(1)} ms`);
}
}
main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
