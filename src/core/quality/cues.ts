import type { Question } from '../content/schema';

// Test-taking cues: what a learner who knows nothing can still use to pick the key. A bank that
// rewards these cues measures the trick, not the knowledge (CONTENT.md, "Cues"). The figures here
// are what `coverage` reports and `--check` enforces, and what `lint` warns about per question.

/** Targets for the cue figures (issue 10). */
export const CUE_TARGETS = {
  /** Single-answer questions whose key is the longest option. Chance with four options is 25 %. */
  keyLongest: 0.3,
  /** ... whose key is longer than every distractor by more than STANDS_OUT. */
  keyStandsOutLong: 0.03,
  keyShortest: 0.3,
  keyStandsOutShort: 0.03,
  /** Each option position's share of multiple-select keys. */
  multiplePosition: [0.15, 0.35] as const,
  /** Expected score of the test-wise guesser on single-answer questions. */
  guesser: 0.32,
  /**
   * Keys at any one length rank (longest, second longest, ...) among four-option single-answer
   * questions: a guesser who always picks the option of that rank scores this share. Trimming
   * keys until they are "a bit shorter than the longest" only moves the cue to the second rank.
   */
  lengthRank: 0.32,
};

/** A key "stands out" when it is this much longer (or shorter) than every distractor. */
export const STANDS_OUT = 1.25;

const STOP = new Set(['the', 'a', 'an', 'of', 'to', 'and', 'or', 'in', 'on', 'is', 'are', 'for', 'with', 'which', 'what', 'that', 'this', 'it', 'be', 'by', 'as', 'at', 'from', 'its', 'not', 'no', 'so', 'if', 'than', 'then', 'does', 'do']);

/** The length a reader perceives: Markdown marks removed, white space folded. */
export function visibleLength(markdown: string): number {
  return markdown.replace(/[`*_]/g, '').replace(/\s+/g, ' ').trim().length;
}

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().split(/[^a-z0-9_]+/).filter((w) => w.length > 1 && !STOP.has(w)));
}

/** The last dotted part of a qualified name, as it would appear in an option. */
const shortName = (symbol: string) => symbol.slice(symbol.lastIndexOf('.') + 1);

export interface QuestionCues {
  id: string;
  /** The key's visible length, and the longest and shortest distractor's. */
  keyLength: number;
  longestDistractor: number;
  shortestDistractor: number;
  /** Length of the key over the longest distractor (single-answer only). */
  longRatio: number;
  /** Shortest distractor over the key's length (single-answer only). */
  shortRatio: number;
  keyLongest: boolean;
  keyShortest: boolean;
  /** How many options are longer than the key (0: the key is the longest). */
  lengthRank: number;
  /** The guesser's chance of picking the key (0..1): 1 or 0 when it picks one option, 1/k on a k-way tie. */
  guesserHit: number;
  /** Which cue the guesser used. */
  guesserRule: 'api' | 'longest' | 'stem-words';
}

/**
 * A learner who knows nothing but the tricks: picks the option that alone names an API the
 * question is tagged with, else the longest option, else the one sharing most words with the stem.
 */
export function guesserPick(q: Pick<Question, 'stem' | 'choices' | 'symbols'>): { picks: number[]; rule: QuestionCues['guesserRule'] } {
  const texts = q.choices.map((c) => c.text);
  const apiPicks = new Set<number>();
  for (const s of q.symbols) {
    const name = shortName(s);
    if (name.length < 3) continue;
    const hits = texts.map((t, i) => (t.includes(name) ? i : -1)).filter((i) => i >= 0);
    if (hits.length === 1) apiPicks.add(hits[0]!);
  }
  if (apiPicks.size === 1) return { picks: [...apiPicks], rule: 'api' };
  const lengths = texts.map(visibleLength);
  const max = Math.max(...lengths);
  const longest = lengths.map((l, i) => (l === max ? i : -1)).filter((i) => i >= 0);
  if (longest.length === 1) return { picks: longest, rule: 'longest' };
  const stem = words(q.stem);
  const overlap = longest.map((i) => [...words(texts[i]!)].filter((w) => stem.has(w)).length);
  const best = Math.max(...overlap);
  return { picks: longest.filter((_, k) => overlap[k] === best), rule: 'stem-words' };
}

/** The cue figures of one single-answer question. */
export function questionCues(q: Pick<Question, 'id' | 'stem' | 'choices' | 'symbols'>): QuestionCues {
  const key = q.choices.find((c) => c.correct)!;
  const keyLen = visibleLength(key.text);
  const others = q.choices.filter((c) => !c.correct).map((c) => visibleLength(c.text));
  const maxOther = Math.max(...others);
  const minOther = Math.min(...others);
  const { picks, rule } = guesserPick(q);
  const keyIndex = q.choices.indexOf(key);
  return {
    id: q.id,
    keyLength: keyLen,
    longestDistractor: maxOther,
    shortestDistractor: minOther,
    longRatio: keyLen / Math.max(1, maxOther),
    shortRatio: minOther / Math.max(1, keyLen),
    keyLongest: keyLen >= maxOther,
    keyShortest: keyLen <= minOther,
    lengthRank: others.filter((l) => l > keyLen).length,
    guesserHit: picks.includes(keyIndex) ? 1 / picks.length : 0,
    guesserRule: rule,
  };
}

export interface CueReport {
  singles: number;
  keyLongest: number;
  keyStandsOutLong: number;
  keyShortest: number;
  keyStandsOutShort: number;
  guesser: number;
  /** Share of four-option single-answer keys at each length rank (0: longest ... 3: shortest). */
  lengthRanks: number[];
  /** How often the guesser used each cue. */
  guesserRules: Record<QuestionCues['guesserRule'], number>;
  multiples: number;
  /** Share of multiple-select keys at each position (A..E). */
  multiplePositions: Record<string, number>;
  /** Every target not met, in words. */
  unmet: string[];
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** The bank's cue figures against their targets. */
export function cueReport(questions: readonly Question[]): CueReport {
  const singles = questions.filter((q) => q.type === 'single' && q.choices.filter((c) => c.correct).length === 1);
  const cues = singles.map(questionCues);
  const share = (pred: (c: QuestionCues) => boolean) => (cues.length ? cues.filter(pred).length / cues.length : 0);
  const guesserRules = { api: 0, longest: 0, 'stem-words': 0 };
  const four = cues.filter((_, i) => singles[i]!.choices.length === 4);
  const lengthRanks = [0, 1, 2, 3].map((r) => (four.length ? four.filter((c) => c.lengthRank === r).length / four.length : 0));
  for (const c of cues) guesserRules[c.guesserRule]++;

  const multiples = questions.filter((q) => q.type === 'multiple');
  const keyPositions: Record<string, number> = { A: 0, B: 0, C: 0, D: 0, E: 0 };
  let keys = 0;
  for (const q of multiples) q.choices.forEach((c, i) => {
    if (!c.correct) return;
    keyPositions['ABCDE'[i]!]!++;
    keys++;
  });
  const multiplePositions = Object.fromEntries(Object.entries(keyPositions).map(([p, n]) => [p, keys ? n / keys : 0]));

  const r: CueReport = {
    singles: cues.length,
    keyLongest: share((c) => c.keyLongest),
    keyStandsOutLong: share((c) => c.longRatio > STANDS_OUT),
    keyShortest: share((c) => c.keyShortest),
    keyStandsOutShort: share((c) => c.shortRatio > STANDS_OUT),
    guesser: cues.length ? cues.reduce((s, c) => s + c.guesserHit, 0) / cues.length : 0,
    lengthRanks,
    guesserRules,
    multiples: multiples.length,
    multiplePositions,
    unmet: [],
  };
  const T = CUE_TARGETS;
  if (r.keyLongest > T.keyLongest) r.unmet.push(`the key is the longest option in ${pct(r.keyLongest)} of single-answer questions (target at most ${pct(T.keyLongest)})`);
  if (r.keyStandsOutLong > T.keyStandsOutLong) r.unmet.push(`the key is over ${Math.round((STANDS_OUT - 1) * 100)} % longer than every distractor in ${pct(r.keyStandsOutLong)} (target at most ${pct(T.keyStandsOutLong)})`);
  if (r.keyShortest > T.keyShortest) r.unmet.push(`the key is the shortest option in ${pct(r.keyShortest)} of single-answer questions (target at most ${pct(T.keyShortest)})`);
  if (r.keyStandsOutShort > T.keyStandsOutShort) r.unmet.push(`the key is over ${Math.round((STANDS_OUT - 1) * 100)} % shorter than every distractor in ${pct(r.keyStandsOutShort)} (target at most ${pct(T.keyStandsOutShort)})`);
  if (r.guesser > T.guesser) r.unmet.push(`a test-wise guesser who knows nothing scores ${pct(r.guesser)} on single-answer questions (target at most ${pct(T.guesser)})`);
  const RANK = ['longest', 'second longest', 'third longest', 'shortest'];
  lengthRanks.forEach((share, rank) => {
    if (share > T.lengthRank) r.unmet.push(`the key is the ${RANK[rank]} option in ${pct(share)} of four-option single-answer questions: always picking that option scores as much (target at most ${pct(T.lengthRank)})`);
  });
  if (keys) {
    // A position only counts where multiple-select questions have that many options.
    const used = Object.entries(multiplePositions).filter(([p]) => multiples.some((q) => q.choices.length > 'ABCDE'.indexOf(p)));
    for (const [p, s] of used) {
      if (s < T.multiplePosition[0] || s > T.multiplePosition[1]) r.unmet.push(`position ${p} holds ${pct(s)} of multiple-select keys (target ${pct(T.multiplePosition[0])} to ${pct(T.multiplePosition[1])})`);
    }
  }
  return r;
}

/** One line per cue a question shows by length, for `lint` (empty when it shows none). */
export function lengthCueWarning(q: Pick<Question, 'id' | 'stem' | 'choices' | 'symbols' | 'type'>): string | undefined {
  if (q.type !== 'single' || q.choices.filter((c) => c.correct).length !== 1) return undefined;
  const c = questionCues(q);
  const key = q.choices.find((x) => x.correct)!;
  if (c.longRatio > STANDS_OUT) return `${q.id}: the key (${key.id}, ${c.keyLength} characters) is ${Math.round((c.longRatio - 1) * 100)} % longer than every distractor (longest ${c.longestDistractor}): lengthen the distractors or trim the key`;
  if (c.shortRatio > STANDS_OUT) return `${q.id}: the key (${key.id}, ${c.keyLength} characters) is ${Math.round((c.shortRatio - 1) * 100)} % shorter than every distractor (shortest ${c.shortestDistractor})`;
  return undefined;
}

/** The cue figures as lines of text. */
export function formatCues(r: CueReport): string {
  const lines = [
    `Cues (single-answer, n=${r.singles}): key longest ${pct(r.keyLongest)} (target <= ${pct(CUE_TARGETS.keyLongest)}), stands out long ${pct(r.keyStandsOutLong)} (<= ${pct(CUE_TARGETS.keyStandsOutLong)}), key shortest ${pct(r.keyShortest)} (<= ${pct(CUE_TARGETS.keyShortest)}), stands out short ${pct(r.keyStandsOutShort)} (<= ${pct(CUE_TARGETS.keyStandsOutShort)})`,
    `Test-wise guesser (knows nothing; API named only by one option, else longest, else most stem words): ${pct(r.guesser)} on single-answer questions (target <= ${pct(CUE_TARGETS.guesser)}; chance about 25 %); cues used: api ${r.guesserRules.api}, longest ${r.guesserRules.longest}, stem words ${r.guesserRules['stem-words']}`,
    `Key length rank (four-option single-answer): longest ${pct(r.lengthRanks[0] ?? 0)}, second ${pct(r.lengthRanks[1] ?? 0)}, third ${pct(r.lengthRanks[2] ?? 0)}, shortest ${pct(r.lengthRanks[3] ?? 0)} (each at most ${pct(CUE_TARGETS.lengthRank)}; chance 25 %)`,
    `Multiple-select key positions (n=${r.multiples}): ${Object.entries(r.multiplePositions).map(([p, s]) => `${p} ${pct(s)}`).join(', ')} (each ${pct(CUE_TARGETS.multiplePosition[0])} to ${pct(CUE_TARGETS.multiplePosition[1])})`,
  ];
  return lines.join('\n');
}
