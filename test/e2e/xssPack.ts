// Writes the XSS corpus (test/fixtures/xss/payloads.ts) as a question pack for the end-to-end
// test: every payload in every user-text field of a question (stem, a fenced code block in the
// stem, option texts, explanations, the version note) and hostile URLs in `docs:`. Payloads are
// packed several to a question so that the walk through the real panel stays short. The pack is
// checked with the loader and compiler `node dist/cli.js lint` and the extension use; a question
// the checks refuse is split (into halves, down to one payload in every field, then one payload
// in one field), so that one payload the checks refuse takes no other with it and a payload that
// cannot be written in one field still reaches the others. What the checks refuse everywhere is
// counted, not hidden. The whole corpus is over the parse cost the extension allows the packs it
// loads at once, so it is written as several pack folders, loaded one after another.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompiledContentSchema, type CompiledContent } from '../../src/core/content/compiled';
import { MAX_PACK_COST } from '../../src/core/content/limits';
import { compilePack } from '../../src/core/content/pack';
import { DIFFICULTIES, type Difficulty, type Question } from '../../src/core/content/schema';
import { screenSource } from '../../src/core/content/sourceScreen';
import { DiagnosticSink } from '../../src/core/diagnostics';
import { loadPacks } from '../../src/node/packLoader';
import { DOCS_PAYLOADS, PAYLOADS, type Payload } from '../fixtures/xss/payloads';
import { uniqueStem } from '../unit/helpers/packTemplates';

/** The objective and difficulty of every pack question; with the bank's questions on the objective. */
export interface PackTarget {
  objective: string;
  difficulty: Difficulty;
  bankQuestions: number;
}

/** A user-text field of a question. */
export type Field = 'stem' | 'code' | 'option' | 'explanation' | 'note';
export const FIELDS: readonly Field[] = ['stem', 'code', 'option', 'explanation', 'note'];

export interface PackQuestion {
  id: string;
  /** The marker its stem starts with, to recognise it in the panel. */
  marker: string;
  /** Indexes into `payloads` and the fields each is in. */
  placed: { payload: number; fields: Field[] }[];
  /** Hostile docs URLs (indexes into `docs`). */
  docs: number[];
}

export interface XssPack {
  /** Where the pack's questions sit (a set filtered on it holds them alone). */
  target: PackTarget;
  /** The payloads as written into the pack (URLs pointed at the listener). */
  payloads: Payload[];
  docs: string[];
  /** The pack's folders (each within the limits the extension puts on the packs it loads at once), with the questions the checks accept in each: the ones the panel must show. */
  folders: { dir: string; questions: PackQuestion[] }[];
  /** Payloads no field could hold (the checks refused every question they were in), with the first reason. */
  refused: { payload: Payload; why: string }[];
  /** Docs URLs the checks refused. */
  refusedDocs: { url: string; why: string }[];
  /** How many (payload, field) placements the accepted questions hold, and how many reach the panel unchanged. */
  placements: number;
  verbatim: number;
}

/** Payloads per question and characters of payload per question, at most. */
const PER_QUESTION = 24;
const CHARS_PER_QUESTION = 3000;

/**
 * Points every host a payload names at `origin` (http://127.0.0.1:PORT), keeping the scheme, so
 * a request that escapes reaches the test's listener: https stays https (the sanitizer lets https
 * through, so what keeps such a URL from loading is the element it sits in), and relative
 * `src=x`-style values become absolute.
 */
export function pointAt(md: string, origin: string): string {
  const host = new URL(origin).host;
  return md
    .replace(/\b(https?):\/\/(?:www\.)?(?:example\.com|evil\.example)/gi, `$1://${host}`)
    .replace(/\/\/evil\.example/gi, `//${host}`)
    .replace(/\bwww\.example\.com/gi, `http://${host}`)
    .replace(/\b(?:example\.com|evil\.example)\b/gi, host)
    .replace(/\b(src|href|poster|background|data|action|formaction|srcset)=("?)(x|1)\2(?=[\s>/])/g, `$1=$2https://${host}/relative-$3$2`);
}

/** Each line of `text` with a prefix (blank lines get it without trailing spaces). */
const prefixed = (text: string, prefix: string): string => text.split('\n').map((l) => (l ? prefix + l : prefix.trimEnd())).join('\n');

/** A code fence longer than any run of backticks in `text`. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(longest + 1);
}

const LANGS = ['python', 'sql', '', 'no-such-language'];

interface Draft {
  /** 0: several payloads in every field; 1: one payload (or one docs URL) in every field; 2: one payload in one field. */
  level: 0 | 1 | 2;
  text: string;
  cost: number;
  id: string;
  marker: string;
  /** Payload indexes and where each goes. */
  placed: { payload: number; fields: Field[] }[];
  docs: number[];
  seed: number;
}

/** The Markdown of one question: the payloads in the fields the draft names; plain text elsewhere. */
function questionMarkdown(d: Draft, target: PackTarget, payloads: readonly Payload[], docs: readonly string[]): string {
  const inField = (f: Field) => d.placed.filter((p) => p.fields.includes(f)).map((p) => payloads[p.payload]!.md);
  const docsLine = ['https://mlflow.org/docs/latest/', ...d.docs.map((i) => docs[i]!)].join(', ');
  const stem = [`${d.marker}: ${uniqueStem(d.seed)}`, ...inField('stem')];
  const code = inField('code');
  if (code.length) {
    const body = code.join('\n');
    const fence = fenceFor(body);
    stem.push(`${fence}${LANGS[d.seed % LANGS.length]}\n${body}\n${fence}`);
  }
  // Options and explanations: the payloads dealt round the four options, the explanations
  // shifted by one, so that each payload is in one option and in one explanation.
  const options = inField('option');
  const explanations = inField('explanation');
  const optionLines = ['A', 'B', 'C', 'D'].map((letter, k) => {
    const text = [`Option ${letter} of ${d.marker}`, ...options.filter((_, i) => i % 4 === k)].join('\n\n');
    const why = [`Why option ${letter} of ${d.marker} is ${k === 0 ? 'right' : 'wrong'}.`, ...explanations.filter((_, i) => (i + 1) % 4 === k)].join('\n\n');
    // A blank line before the explanation: an HTML block in the option would run on into it.
    return `- [${k === 0 ? 'x' : ' '}] ${prefixed(text, '  ').trimStart()}\n\n${prefixed(why, '  > ')}`;
  });
  const note = [`**Versions:** the note of ${d.marker}.`, ...inField('note')].join('\n\n');
  return [
    `# XSS corpus ${d.id}`,
    `## ${d.id}`,
    `- objective: ${target.objective}\n- difficulty: ${target.difficulty}\n- type: single\n- symbols: none\n- docs: ${docsLine}`,
    stem.join('\n\n'),
    optionLines.join('\n'),
    prefixed(note, '> '),
  ].join('\n\n') + '\n';
}

/** The compiled bank the pack is checked against: dist/content.json, as the CLI and the extension load it. */
function bank(root: string): CompiledContent {
  const file = join(root, 'dist', 'content.json');
  if (!existsSync(file)) throw new Error(`${file} not found: build first`);
  return CompiledContentSchema.parse({ ...JSON.parse(readFileSync(file, 'utf8')), ...JSON.parse(readFileSync(join(root, 'dist', 'reference.json'), 'utf8')) });
}

/**
 * An objective of the current exam guide (the practice screen offers those) and a difficulty no
 * bank question on it has: a set filtered on both holds the pack's questions alone.
 */
function packTarget(content: CompiledContent): PackTarget {
  for (const o of content.objectives.filter((x) => x.guide === 'current')) {
    const mine = content.questions.filter((q) => q.objective === o.id);
    const difficulty = DIFFICULTIES.find((d) => !mine.some((q) => q.difficulty === d));
    if (mine.length && difficulty) return { objective: o.id, difficulty, bankQuestions: mine.length };
  }
  throw new Error('every objective of the current guide has bank questions of every difficulty: no set can hold the pack alone');
}

/** The payloads in an order that mixes their kinds, so that no question is all one kind (and no two stems are near-duplicates). */
function interleaved(payloads: readonly Payload[]): number[] {
  const byGroup = new Map<string, number[]>();
  payloads.forEach((p, i) => {
    const g = p.kind === 'element-handler' ? `${p.kind}:${p.id.split(':')[0]}` : p.kind;
    byGroup.set(g, [...(byGroup.get(g) ?? []), i]);
  });
  const queues = [...byGroup.values()];
  const out: number[] = [];
  for (let round = 0; out.length < payloads.length; round++) for (const q of queues) if (round < q.length) out.push(q[round]!);
  return out;
}

/** Payload indexes in groups of at most PER_QUESTION and CHARS_PER_QUESTION (a larger payload alone). */
function groups(order: number[], payloads: readonly Payload[]): number[][] {
  const out: number[][] = [];
  let cur: number[] = [];
  let chars = 0;
  for (const i of order) {
    const n = payloads[i]!.md.length;
    if (cur.length && (cur.length >= PER_QUESTION || chars + n > CHARS_PER_QUESTION)) {
      out.push(cur);
      cur = [];
      chars = 0;
    }
    cur.push(i);
    chars += n;
  }
  if (cur.length) out.push(cur);
  return out;
}

/**
 * How much of the extension's limits on the packs loaded at once (parse cost, questions) one
 * folder may use. The corpus in every field is over them, so it is written as several folders,
 * loaded one after another; a folder also stays under the practice set's 500 questions.
 */
const FOLDER_COST = MAX_PACK_COST * 0.9;
const FOLDER_QUESTIONS = 450;

/** The parse cost the pack checks give a file (0 for one they refuse before parsing). */
const costOf = (text: string): number => screenSource(text, new DiagnosticSink('x'))?.cost ?? 0;

/**
 * Writes the pack into folders `<root>-1`, `<root>-2`… under `parent` (emptied first) and checks
 * each as the extension would load it; returns what they hold.
 */
export function writeXssPack(parent: string, origin: string, projectRoot: string): XssPack {
  const payloads = PAYLOADS.map((p) => ({ ...p, md: pointAt(p.md, origin) }));
  const docs = DOCS_PAYLOADS.map((u) => pointAt(u, origin));
  const base = bank(projectRoot);
  const target = packTarget(base);
  let seq = 0;
  const draft = (level: Draft['level'], placed: Draft['placed'], docIdx: number[] = []): Draft => {
    const n = ++seq;
    const id = `xss-corpus-${String(n).padStart(4, '0')}`;
    const d: Draft = { id, marker: `XSS corpus question ${n}`, placed, docs: docIdx, seed: 7000 + n, level, text: '', cost: 0 };
    d.text = questionMarkdown(d, target, payloads, docs);
    d.cost = costOf(d.text);
    return d;
  };
  /** Where a refused draft goes next: each payload alone in every field, then each payload in one field; a docs URL alone. */
  const split = (d: Draft): Draft[] => {
    if (d.level === 2) return [];
    // A group with a docs URL: first the group without it, and the URL alone.
    if (d.docs.length && d.placed.length) return [draft(d.level, d.placed), ...d.docs.map((i) => draft(1, [], [i]))];
    // A group: its two halves, so that one payload the checks refuse takes few others with it.
    if (d.level === 0 && d.placed.length > 1) {
      const half = Math.ceil(d.placed.length / 2);
      return [d.placed.slice(0, half), d.placed.slice(half)].map((part) => draft(part.length > 1 ? 0 : 1, part));
    }
    return d.placed.flatMap((p) => p.fields.map((f) => draft(2, [{ payload: p.payload, fields: [f] }])));
  };

  // Several payloads to a question, each in every field; the hostile docs URLs spread over them.
  let live = groups(interleaved(payloads), payloads).map((g, k) => draft(0, g.map((payload) => ({ payload, fields: [...FIELDS] })), k < docs.length ? [k] : []));
  const refusedWhy = new Map<Draft, string>();
  let folders: { dir: string; drafts: Draft[]; questions: Question[] }[] = [];
  // Write, check, split what was refused, until nothing is left to split.
  for (let pass = 0; ; pass++) {
    if (pass > 12) throw new Error('the XSS pack did not settle');
    folders = binned(live).map((drafts, i) => ({ dir: join(parent, `xss-pack-${i + 1}`), drafts, questions: [] }));
    rmSync(parent, { recursive: true, force: true });
    const next: Draft[] = [];
    let refusedNow = 0;
    for (const folder of folders) {
      mkdirSync(folder.dir, { recursive: true });
      for (const d of folder.drafts) writeFileSync(join(folder.dir, `${d.id}.md`), d.text);
      const load = loadPacks([folder.dir], base, compilePack, (p) => p);
      const problems = new Map<string, string>();
      for (const p of load.diagnostics) if (p.severity === 'error' && !problems.has(p.file)) problems.set(p.file, `${p.line}: ${p.message}`);
      folder.questions = load.questions;
      const accepted = new Set(load.questions.map((q) => q.id));
      for (const d of folder.drafts) {
        if (accepted.has(d.id)) continue;
        refusedNow++;
        refusedWhy.set(d, problems.get(join(folder.dir, `${d.id}.md`)) ?? 'not accepted');
        next.push(...split(d));
      }
    }
    if (!refusedNow) break;
    live = [...live.filter((d) => !refusedWhy.has(d)), ...next];
  }

  const out: XssPack['folders'] = folders.map((f) => ({ dir: f.dir, questions: f.drafts.map((d) => ({ id: d.id, marker: d.marker, placed: d.placed, docs: d.docs })) }));
  const reached = new Set(live.flatMap((d) => d.placed.map((p) => p.payload)));
  const whyPayload = new Map<number, string>();
  for (const [d, why] of refusedWhy) for (const p of d.placed) if (d.placed.length === 1 && !whyPayload.has(p.payload)) whyPayload.set(p.payload, why);
  const refused = payloads.flatMap((p, i) => (reached.has(i) ? [] : [{ payload: p, why: whyPayload.get(i) ?? 'refused' }]));
  const docsReached = new Set(live.flatMap((d) => d.docs));
  const refusedDocs = docs.flatMap((url, i) => (docsReached.has(i) ? [] : [{ url, why: [...refusedWhy].find(([d]) => !d.placed.length && d.docs[0] === i)?.[1] ?? 'refused' }]));

  // A placement is verbatim when the field the panel gets holds the payload as written.
  let placements = 0;
  let verbatim = 0;
  for (const f of folders) for (const d of f.drafts) {
    const parsed = f.questions.find((q) => q.id === d.id)!;
    const text: Record<Field, string> = {
      stem: parsed.stem, code: parsed.stem,
      option: parsed.choices.map((c) => c.text).join('\n'),
      explanation: parsed.choices.map((c) => c.explanation).join('\n'),
      note: parsed.versionNote ?? '',
    };
    for (const p of d.placed) for (const field of p.fields) {
      placements++;
      if (text[field].includes(payloads[p.payload]!.md.trim())) verbatim++;
    }
  }
  return { target, payloads, docs, folders: out, refused, refusedDocs, placements, verbatim };
}

/** Drafts in folders, in order, each folder within FOLDER_COST and FOLDER_QUESTIONS. */
function binned(drafts: readonly Draft[]): Draft[][] {
  const out: Draft[][] = [];
  let cur: Draft[] = [];
  let cost = 0;
  for (const d of drafts) {
    if (cur.length && (cur.length >= FOLDER_QUESTIONS || cost + d.cost > FOLDER_COST)) {
      out.push(cur);
      cur = [];
      cost = 0;
    }
    cur.push(d);
    cost += d.cost;
  }
  if (cur.length) out.push(cur);
  return out;
}
