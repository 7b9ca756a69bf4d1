// npm run bench: the hover path on a generated 10,000-line Python file. Measures, per hover,
//   warm         the document unchanged since the last hover (cached model)
//   after edit   the first hover after an edit (one number changed: the cache updates the model)
//   naive        a full re-parse on every hover (no cache), for comparison
// and prints median and p99 of each, with the ratios. Then the first hover after an edit, the
// cache updating the previous version's model incrementally vs a full re-parse of the new text:
// single-character typing at random places, characters that change the tokenizer's state (a
// quote, bracket, newline, comment, backslash: typed, then deleted), and pasted blocks.
// Figures, not pass/fail.
import { Bank } from '../src/core/bank';
import { bankHoverContent } from '../src/core/hover/hoverIndex';
import { HoverService } from '../src/core/hoverService';
import { seededRandom as random } from '../src/core/engine/random';
import { buildDocumentModel } from '../src/core/python/documentModel';
import { compiledContent } from './distContent';
import { hoverTargets, samplePython } from './pythonSample';

const content = compiledContent();
const bank = new Bank(content);

const text = samplePython(10_000);
const lines = text.split('\n');
const targets = hoverTargets(text);

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { median: q(0.5), p99: q(0.99), n: s.length };
}
const ms = (x: number) => (x < 0.1 ? `${(x * 1000).toFixed(1)} µs` : `${x.toFixed(3)} ms`);

const service = new HoverService(bankHoverContent(bank, content));
const pick = (i: number) => targets[(i * 7919) % targets.length]!;
let hits = 0;

// Warm: one version, many hovers (after one untimed hover builds the model).
service.hover('doc', 1, () => text, pick(0));
const warm: number[] = [];
for (let i = 0; i < 20_000; i++) {
  const t0 = performance.now();
  if (service.hover('doc', 1, () => text, pick(i))) hits++;
  warm.push(performance.now() - t0);
}

// After an edit: each hover is the first on a new document version.
const edited: number[] = [];
for (let i = 0; i < 60; i++) {
  const t = text.replace('numFolds=3', `numFolds=${3 + (i % 5)}`);
  const t0 = performance.now();
  service.hover('doc', 100 + i, () => t, pick(i));
  edited.push(performance.now() - t0);
}

// Naive: tokenize and rebuild the model on every hover.
const naive: number[] = [];
const resolver = service.resolver;
for (let i = 0; i < 60; i++) {
  const t0 = performance.now();
  resolver.symbolAt(buildDocumentModel(text), pick(i));
  naive.push(performance.now() - t0);
}

const w = stats(warm);
const e = stats(edited);
const n = stats(naive);
console.log(`hover path on a generated ${lines.length.toLocaleString()}-line Python file (${(text.length / 1024).toFixed(0)} KB), ${targets.length} hover targets, ${((hits / warm.length) * 100).toFixed(0)} % with a card`);
console.log('');
console.log('case                          runs      median         p99');
console.log(`warm (cached model)         ${String(w.n).padStart(6)}  ${ms(w.median).padStart(10)}  ${ms(w.p99).padStart(10)}`);
console.log(`first hover after an edit   ${String(e.n).padStart(6)}  ${ms(e.median).padStart(10)}  ${ms(e.p99).padStart(10)}`);
console.log(`naive full re-parse         ${String(n.n).padStart(6)}  ${ms(n.median).padStart(10)}  ${ms(n.p99).padStart(10)}`);
console.log('');
console.log(`naive / warm:        median ${(n.median / w.median).toFixed(0)}x, p99 ${(n.p99 / w.p99).toFixed(0)}x`);
console.log(`naive / after edit:  median ${(n.median / e.median).toFixed(2)}x, p99 ${(n.p99 / e.p99).toFixed(2)}x`);
console.log(`targets: warm median < 0.1 ms: ${w.median < 0.1 ? 'yes' : 'NO'}; warm p99 < 1 ms: ${w.p99 < 1 ? 'yes' : 'NO'}`);

// First hover after an edit: incremental update (the cache) vs a full re-parse.
/**
 * One edit sequence (the same each call): single characters typed at random places, characters
 * that change the tokenizer's state typed then deleted, blocks pasted at line starts. `measure`
 * gets each new text and a hover offset in it.
 */
function editSequence(measure: (kind: string, text: string, offset: number, i: number) => void) {
  const rnd = random(13);
  let doc = text;
  /** Hover targets of the current text: the base targets shifted by the edits before them. */
  const shifts: { at: number; by: number }[] = [];
  const target = (i: number) => {
    let o = pick(i);
    for (const s of shifts) if (s.at <= o) o += s.by;
    return Math.max(0, Math.min(doc.length, o));
  };
  const edit = (kind: string, at: number, del: number, ins: string, i: number) => {
    doc = doc.slice(0, at) + ins + doc.slice(at + del);
    shifts.push({ at, by: ins.length - del });
    measure(kind, doc, target(i), i);
  };
  const TYPED = 'abcdefghijklmnopqrstuvwxyz_0123456789 .,=+';
  for (let i = 0; i < 1000; i++) edit('typing', Math.floor(rnd() * doc.length), 0, TYPED[Math.floor(rnd() * TYPED.length)]!, i);
  for (let i = 0; i < 200; i++) {
    const at = Math.floor(rnd() * doc.length);
    const ins = ['(', '"', '"""', '\n', '#', '\\', '[', "'"][i % 8]!;
    edit('state', at, 0, ins, 2 * i);
    edit('state', at, ins.length, '', 2 * i + 1);
  }
  const block = samplePython(40).split('\n').slice(6, 32).join('\n') + '\n';
  for (let i = 0; i < 24; i++) edit('paste', doc.lastIndexOf('\n', Math.floor(rnd() * doc.length)) + 1, 0, block, i);
}

const incremental: Record<string, number[]> = { typing: [], state: [], paste: [] };
const full: Record<string, number[]> = { typing: [], state: [], paste: [] };
// Pass 1: the cache, each hover the first on a new version (the previous version's model is updated).
const editService = new HoverService(bankHoverContent(bank, content));
let version = 1;
editService.hover('edited', version, () => text, pick(0));
editSequence((kind, current, offset) => {
  const t0 = performance.now();
  editService.hover('edited', ++version, () => current, offset);
  incremental[kind]!.push(performance.now() - t0);
});
// Pass 2 (apart, so its garbage does not land on pass 1): a full re-parse of every 4th version.
let timedFull = 0;
editSequence((kind, current, offset, i) => {
  if (i % 4 !== 0) return;
  timedFull++;
  const t0 = performance.now();
  resolver.symbolAt(buildDocumentModel(current), offset);
  full[kind]!.push(performance.now() - t0);
});

console.log('');
console.log(`first hover after an edit on ${lines.length.toLocaleString()} lines: incremental model update (cache) vs full re-parse (${timedFull} full re-parses timed)`);
console.log('edit                                    runs   incr. median  incr. p99   full median   full p99');
for (const [kind, label] of [['typing', 'one character typed at a random place'], ['state', 'quote/bracket/newline/# typed, deleted'], ['paste', '26-line block pasted at a line start']] as const) {
  const a = stats(incremental[kind]!);
  const f = stats(full[kind]!);
  console.log(`${label.padEnd(38)} ${String(a.n).padStart(5)}  ${ms(a.median).padStart(12)} ${ms(a.p99).padStart(11)}  ${ms(f.median).padStart(11)} ${ms(f.p99).padStart(11)}`);
}
const typed = stats(incremental.typing!);
console.log(`targets (typing): median <= 5 ms: ${typed.median <= 5 ? 'yes' : 'NO'}; p99 <= 20 ms: ${typed.p99 <= 20 ? 'yes' : 'NO'}`);
