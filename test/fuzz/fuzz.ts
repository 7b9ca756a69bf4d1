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
import { bankHoverContent } from '../../src/core/hover/hoverIndex';

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
const service = new HoverService(bankHoverContent(new Bank(content), content));

interface Target<T> {
  name: 'resolver' | 'pack';
  arbitrary: fc.Arbitrary<T>;
  /** `nth`: a number no earlier run had (the resolver's cache version). */
  run: (input: T, nth: number) => void;
  text: (input: T) => string;
}
const show = (text: string) => `${text.length} chars: ${JSON.stringify(text.slice(0, 100))}${text.length > 100 ? '…' : ''}`;
const inputAt = <T>(t: Target<T>, i: number): T => fc.sample(t.arbitrary, { seed: seed + i, numRuns: 1 })[0]!;

/** Runs number: the resolver's document cache is keyed by version, so each run gets a new one. */
let runs = 0;

/** Times one run of an input; an exception is thrown on. */
function timed<T>(t: Target<T>, input: T): number {
  const t0 = performance.now();
  t.run(input, ++runs);
  return performance.now() - t0;
}

/** Runs one target over its inputs; prints its figures and returns its exception count. */
function fuzz<T>(t: Target<T>): number {
  const first = replay === undefined ? 0 : Number(replay);
  const end = replay === undefined ? count : first + 1;
  const started = performance.now();
  let exceptions = 0;
  let worst = { ms: -1, i: 0, text: '' };
  // The slowest inputs, timed again below: a garbage-collection pause of the generator's own
  // garbage can land in any run, so an input is judged by its fastest of three runs.
  const slowest: { ms: number; i: number }[] = [];
  for (let i = first; i < end; i++) {
    const input = inputAt(t, i);
    const t0 = performance.now();
    try {
      t.run(input, ++runs);
    } catch (e) {
      exceptions++;
      if (exceptions <= 10) console.log(`${t.name} input ${i} threw: ${e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 4).join(' | ') : String(e)}\n  input ${show(t.text(input))}`);
    }
    const ms = performance.now() - t0;
    if (slowest.length < 10 || ms > slowest[slowest.length - 1]!.ms) {
      slowest.push({ ms, i });
      slowest.sort((a, b) => b.ms - a.ms);
      slowest.length = Math.min(slowest.length, 10);
    }
  }
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  for (const s of slowest) {
    const input = inputAt(t, s.i);
    let best = s.ms;
    for (let k = 0; k < 3; k++) {
      try {
        best = Math.min(best, timed(t, input));
      } catch {
        // counted above
      }
    }
    if (best > worst.ms) worst = { ms: best, i: s.i, text: t.text(input) };
  }
  console.log(`${t.name}: ${end - first} inputs, ${exceptions} exceptions, ${secs} s; slowest single run ${slowest[0]?.ms.toFixed(1)} ms (input ${slowest[0]?.i}); worst input (best of 4 runs) ${worst.ms.toFixed(1)} ms (input ${worst.i}, ${show(worst.text)})`);
  console.log(`  replay: npm run fuzz -- --seed ${seed} --target ${t.name} --replay ${worst.i}`);
  return exceptions;
}

console.log(`seed ${seed}`);
let failed = 0;
if (!only || only === 'resolver') failed += fuzz({ name: 'resolver', arbitrary: pythonInput, run: (input, nth) => runPythonInput(service, input, nth), text: (input) => input.text });
if (!only || only === 'pack') failed += fuzz({ name: 'pack', arbitrary: packish, run: (text) => runPackInput(content, text), text: (text) => text });
process.exitCode = failed ? 1 : 0;
