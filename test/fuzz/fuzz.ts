// `npm run fuzz`: the resolver and the pack parser, each on many seeded, mutated inputs (issue 14,
// item 6). Bundled by scripts/bench-bundled.mjs so the code runs as the extension runs it.
//   --seed N      first seed (default: from the clock, printed so a run can be repeated)
//   --count N     inputs per target (default 100000)
//   --target T    resolver | pack (default both)
//   --replay I    run only input I of the seed (as printed for the worst case or an exception)
// Input i of a target draws from seed + i, so one input replays without the ones before it.
import fc from 'fast-check';
import { Bank } from '../../src/core/bank';
import { compileContent } from '../../src/core/content/compile';
import { HoverService } from '../../src/core/hoverService';
import { findProjectRoot, loadCompileInput } from '../../src/node/contentSources';
import { packish, pythonInput, runPackInput, runPythonInput } from '../unit/helpers/fuzzInputs';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const seed = Number(arg('--seed') ?? (Date.now() % 1_000_000_000));
const count = Number(arg('--count') ?? 100_000);
const only = arg('--target');
const replay = arg('--replay');
if (!Number.isInteger(seed) || !Number.isInteger(count) || count < 1 || (only && only !== 'resolver' && only !== 'pack') || (replay !== undefined && !/^\d+$/.test(replay))) {
  console.error('usage: npm run fuzz -- [--seed N] [--count N] [--target resolver|pack] [--replay I]');
  process.exit(2);
}

const content = compileContent(loadCompileInput(findProjectRoot(process.cwd()))).content;
const service = new HoverService(new Bank(content));

interface Target<T> {
  name: 'resolver' | 'pack';
  arbitrary: fc.Arbitrary<T>;
  run: (input: T, i: number) => void;
  text: (input: T) => string;
}
const show = (text: string) => `${text.length} chars: ${JSON.stringify(text.slice(0, 100))}${text.length > 100 ? '…' : ''}`;
const inputAt = <T>(t: Target<T>, i: number): T => fc.sample(t.arbitrary, { seed: seed + i, numRuns: 1 })[0]!;

/** Runs one target over its inputs; prints its figures and returns its exception count. */
function fuzz<T>(t: Target<T>): number {
  const first = replay === undefined ? 0 : Number(replay);
  const end = replay === undefined ? count : first + 1;
  const started = performance.now();
  let exceptions = 0;
  let worst = { ms: -1, i: 0, text: '' };
  for (let i = first; i < end; i++) {
    const input = inputAt(t, i);
    const t0 = performance.now();
    try {
      t.run(input, i);
    } catch (e) {
      exceptions++;
      if (exceptions <= 10) console.log(`${t.name} input ${i} threw: ${e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 4).join(' | ') : String(e)}\n  input ${show(t.text(input))}`);
    }
    const ms = performance.now() - t0;
    if (ms > worst.ms) worst = { ms, i, text: t.text(input) };
  }
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${t.name}: ${end - first} inputs, ${exceptions} exceptions, worst ${worst.ms.toFixed(1)} ms (input ${worst.i}, ${show(worst.text)}), ${secs} s`);
  console.log(`  replay: npm run fuzz -- --seed ${seed} --target ${t.name} --replay ${worst.i}`);
  return exceptions;
}

console.log(`seed ${seed}`);
let failed = 0;
if (!only || only === 'resolver') failed += fuzz({ name: 'resolver', arbitrary: pythonInput, run: (input, i) => runPythonInput(service, input, i + 1), text: (input) => input.text });
if (!only || only === 'pack') failed += fuzz({ name: 'pack', arbitrary: packish, run: (text) => runPackInput(content, text), text: (text) => text });
process.exitCode = failed ? 1 : 0;
