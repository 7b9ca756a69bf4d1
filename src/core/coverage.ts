import { Bank, OUTSIDE } from './bank';
import { DIFFICULTIES, type Card } from './content/schema';
import { cueReport, formatCues, type CueReport } from './quality/cues';

/** The bank's content targets (issue: the question bank). */
export const TARGETS = {
  total: 520,
  perCurrentObjective: 8,
  /** Every objective of the older official guide, which the study guides still teach. */
  perOldObjective: 3,
  codeShare: 0.35,
  multipleShare: 0.1,
  difficultyShare: 0.2,
  positionShare: [0.2, 0.3] as const,
};

export interface CoverageReport {
  total: number;
  perObjective: { id: string; title: string; guide: string; count: number; target: number }[];
  perTopic: { id: string; title: string; count: number; min: number }[];
  perDomain: { blueprint: string; domain: string; title: string; weight: number; count: number; share: number }[];
  perDifficulty: Record<string, number>;
  /** Share of keys at each position among four-option single-answer questions. */
  positions: Record<string, number>;
  fourOptionSingles: number;
  codeShare: number;
  multipleShare: number;
  versionAware: number;
  /** APIs that questions tag but no hover card covers ("Quiz me on this" is reached from a card). */
  symbolsWithoutCard: string[];
  /** Test-taking cues: key length, multiple-select key positions, the test-wise guesser. */
  cues: CueReport;
  /** Every target not met, in words. */
  unmet: string[];
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** Counts the bank against its targets; `cards` (the reference part's) for the APIs without one. */
export function coverageReport(bank: Bank, cards: readonly Pick<Card, 'symbol'>[]): CoverageReport {
  const qs = bank.questions;
  const total = qs.length;
  const unmet: string[] = [];
  const count = (pred: (q: (typeof qs)[number]) => boolean) => qs.filter(pred).length;

  const perObjective = bank.content.objectives.map((o) => ({
    id: o.id, title: o.title, guide: o.guide,
    count: count((q) => q.objective === o.id),
    target: o.guide === 'current' ? TARGETS.perCurrentObjective : o.guide === 'old' ? TARGETS.perOldObjective : 0,
  }));
  for (const o of perObjective) if (o.count < o.target) unmet.push(`objective ${o.id} has ${o.count} questions (target ${o.target})`);

  const perTopic = bank.content.topics.map((t) => {
    const objs = new Set(bank.content.objectives.filter((o) => o.topics.includes(t.id)).map((o) => o.id));
    return { id: t.id, title: t.title, min: t.min, count: count((q) => objs.has(q.objective)) };
  });
  for (const t of perTopic) if (t.count < t.min) unmet.push(`topic ${t.id} has ${t.count} questions (target ${t.min})`);

  const perDomain: CoverageReport['perDomain'] = [];
  for (const b of bank.content.blueprints) {
    for (const d of [...b.domains, { id: OUTSIDE, title: 'Outside this blueprint', weight: 0, objectives: [] as string[] }]) {
      const n = count((q) => (bank.domainOf(q.objective, b)?.id ?? OUTSIDE) === d.id);
      perDomain.push({ blueprint: b.id, domain: d.id, title: d.title, weight: d.weight, count: n, share: total ? n / total : 0 });
    }
  }

  const perDifficulty = Object.fromEntries(DIFFICULTIES.map((d) => [d, count((q) => q.difficulty === d)]));
  for (const d of DIFFICULTIES) if (total && perDifficulty[d]! / total < TARGETS.difficultyShare) unmet.push(`${d} questions are ${pct(perDifficulty[d]! / total)} of the bank (target at least ${pct(TARGETS.difficultyShare)})`);

  const singles4 = qs.filter((q) => q.type === 'single' && q.choices.length === 4);
  const positions: Record<string, number> = {};
  for (const letter of ['A', 'B', 'C', 'D']) {
    const n = singles4.filter((q) => q.choices.find((c) => c.correct)?.id === letter).length;
    positions[letter] = singles4.length ? n / singles4.length : 0;
    if (singles4.length && (positions[letter]! < TARGETS.positionShare[0] || positions[letter]! > TARGETS.positionShare[1])) {
      unmet.push(`key position ${letter} holds ${pct(positions[letter]!)} of four-option single-answer keys (target 20 to 30 %)`);
    }
  }

  const codeShare = total ? count((q) => q.hasCode) / total : 0;
  const multipleShare = total ? count((q) => q.type === 'multiple') / total : 0;
  if (codeShare < TARGETS.codeShare) unmet.push(`questions with code are ${pct(codeShare)} (target at least ${pct(TARGETS.codeShare)})`);
  if (multipleShare < TARGETS.multipleShare) unmet.push(`multiple-select questions are ${pct(multipleShare)} (target at least ${pct(TARGETS.multipleShare)})`);
  if (total < TARGETS.total) unmet.push(`the bank has ${total} questions (target ${TARGETS.total})`);

  const cues = cueReport(qs);
  unmet.push(...cues.unmet);
  const carded = new Set(cards.map((c) => c.symbol));
  const symbolsWithoutCard = [...new Set(qs.flatMap((q) => q.symbols))].filter((s) => !carded.has(s)).sort();
  if (symbolsWithoutCard.length) unmet.push(`${symbolsWithoutCard.length} APIs tagged by questions have no hover card (target 0): ${symbolsWithoutCard.slice(0, 5).join(', ')}${symbolsWithoutCard.length > 5 ? ', …' : ''}`);

  return { total, perObjective, perTopic, perDomain, perDifficulty, positions, fourOptionSingles: singles4.length, codeShare, multipleShare, versionAware: count((q) => q.changes.length > 0), symbolsWithoutCard, cues, unmet };
}

function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** The report as plain-text tables. */
export function formatCoverage(r: CoverageReport): string {
  const out: string[] = [];
  out.push(`Questions: ${r.total}   with code: ${pct(r.codeShare)}   multiple-select: ${pct(r.multipleShare)}   version-aware: ${r.versionAware}`);
  out.push('', 'Per difficulty', table(['difficulty', 'questions', 'share'], Object.entries(r.perDifficulty).map(([d, n]) => [d, n, pct(r.total ? n / r.total : 0)])));
  out.push('', `Key position (four-option single-answer, n=${r.fourOptionSingles})`, table(['position', 'share'], Object.entries(r.positions).map(([p, s]) => [p, pct(s)])));
  out.push('', formatCues(r.cues));
  out.push('', `APIs tagged by questions without a hover card: ${r.symbolsWithoutCard.length}${r.symbolsWithoutCard.length ? ` (${r.symbolsWithoutCard.join(', ')})` : ''}`);
  for (const b of [...new Set(r.perDomain.map((d) => d.blueprint))]) {
    out.push('', `Per domain: ${b}`, table(['domain', 'weight', 'questions', 'share'], r.perDomain.filter((d) => d.blueprint === b).map((d) => [d.title, d.weight ? `${d.weight} %` : '-', d.count, pct(d.share)])));
  }
  out.push('', 'Old-guide topics', table(['topic', 'questions', 'min'], r.perTopic.map((t) => [t.title, t.count, t.min])));
  out.push('', 'Per objective', table(['objective', 'guide', 'questions', 'target', 'title'], r.perObjective.map((o) => [o.id, o.guide, o.count, o.target || '-', o.title])));
  out.push('', r.unmet.length ? `Below target (${r.unmet.length}):\n${r.unmet.map((u) => `  - ${u}`).join('\n')}` : 'Every target is met.');
  return out.join('\n');
}
