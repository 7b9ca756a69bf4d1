// Valid question Markdown for the malformed-pack corpus: the same template the static fixtures in
// test/fixtures/malformed-packs/ were written from, so a generated case breaks one thing only.
// Options are of equal length so no case draws the length-cue warning.

export const STEMS = [
  "Ayodele tracks a churn experiment on a shared cluster and wants each epoch's validation loss recorded with its step number.",
  "Mariana reviews a colleague's notebook before the quarterly audit and asks which single call stores the final accuracy figure.",
];

export const FIELDS = `- objective: c1.12
- difficulty: easy
- type: single
- symbols: mlflow.log_metric
- docs: https://mlflow.org/docs/latest/ml/tracking/
`;

export const OPTIONS = `- [ ] Option alpha text
  > Why alpha is wrong.
- [x] Option bravo text
  > Why bravo is right.
- [ ] Option charl text
  > Why charl is wrong.
- [ ] Option delta text
  > Why delta is wrong.
`;

export const TOPIC = '# Malformed pack case\n\n';

/** One question: heading on line 3 of a file, fields on 5-9, stem from 11, options after it. */
export function question(id: string, stem = STEMS[0]!, options = OPTIONS, after = ''): string {
  return `## ${id}\n\n${FIELDS}\n${stem}\n\n${options}${after}`;
}

/** A question file: the topic heading, then the questions. */
export const file = (...questions: string[]): string => TOPIC + questions.join('\n');

/** Line (1-based) of the stem's first line in `file(question(...))`. */
export const STEM_LINE = 11;

// A stem generator for many valid questions that are no near-duplicates of one another: each stem
// draws its words from a large vocabulary with a fixed-seed generator.
const SYLLABLES = ['ka', 'lo', 'mi', 'nu', 'pe', 'ra', 'si', 'to', 'vu', 'ze', 'bo', 'da', 'fi', 'gu', 'he', 'jo'];
function word(n: number): string {
  let w = '';
  for (let i = 0; i < 3; i++) {
    w += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  }
  return w;
}

/** A stem of twelve pseudo-random words, different for each `seed`. */
export function uniqueStem(seed: number): string {
  let x = (Math.imul(seed + 1, 2654435761) ^ 0x5bd1e995) >>> 0 || 1;
  const words: string[] = [];
  for (let i = 0; i < 12; i++) {
    // xorshift32
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    words.push(word(x % 4096));
  }
  return `Team ${seed} asks: ${words.join(' ')}.`;
}
