// Near-duplicate detection for question stems: Jaccard similarity of word trigrams, with code
// blocks and punctuation removed so that two questions on the same snippet with different asks
// are not flagged, but a reworded copy of a stem is.

const STOP = new Set(['the', 'a', 'an', 'of', 'to', 'and', 'or', 'in', 'on', 'is', 'are', 'for', 'with', 'which', 'what', 'that', 'this', 'it', 'be', 'by', 'as', 'at', 'from']);

export function stemShingles(stem: string): Set<string> {
  const prose = stem.replace(/```[\s\S]*?```/g, ' ').replace(/`[^`]*`/g, (m) => m.replace(/[^\w]/g, ' ')).toLowerCase();
  const words = prose.split(/[^a-z0-9_]+/).filter((w) => w && !STOP.has(w));
  const out = new Set<string>();
  for (let i = 0; i + 2 < words.length; i++) out.add(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  if (words.length && words.length < 3) out.add(words.join(' '));
  return out;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let inter = 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const x of small) if (large.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Stems at or above this similarity are reported as near-duplicates. */
export const NEAR_DUPLICATE = 0.6;
