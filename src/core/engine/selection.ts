import { OUTSIDE, type Bank } from '../bank';
import type { Blueprint, Question } from '../content/schema';
import type { PracticeFilter, Progress } from '../progress/schema';
import { shuffled } from './random';

/** The questions a practice filter admits, in bank order. */
export function filterQuestions(bank: Bank, f: PracticeFilter): Question[] {
  const bp = bank.blueprint(f.blueprint);
  return bank.questions.filter((q) => {
    const domain = bank.domainOf(q.objective, bp)?.id ?? OUTSIDE;
    if (f.domains.length ? !f.domains.includes(domain) : domain === OUTSIDE && !f.objectives.length && !f.symbols.length) return false;
    if (f.objectives.length && !f.objectives.includes(q.objective)) return false;
    if (f.symbols.length && !q.symbols.some((s) => f.symbols.includes(s))) return false;
    if (f.difficulties.length && !f.difficulties.includes(q.difficulty)) return false;
    return true;
  });
}

/** Orders a pick for a practice set: random, or in bank order; at most `size` questions. */
export function practiceOrder(questions: readonly Question[], order: 'random' | 'in-order', size: number, random: () => number): string[] {
  const ids = questions.map((q) => q.id);
  return (order === 'random' ? shuffled(ids, random) : ids).slice(0, size);
}

export type DrillKind = 'mistakes' | 'flagged' | 'unseen';

/** The last answer of each question, by time. */
export function lastAnswers(progress: Progress): Map<string, Progress['answers'][number]> {
  const last = new Map<string, Progress['answers'][number]>();
  for (const a of progress.answers) {
    const prior = last.get(a.q);
    if (!prior || a.at >= prior.at) last.set(a.q, a);
  }
  return last;
}

/** Drill sets: questions last answered wrong, flagged ones, or ones never answered. */
export function drillQuestions(bank: Bank, progress: Progress, kind: DrillKind, blueprint: Blueprint): Question[] {
  const inScope = (q: Question) => bank.inBlueprint(q, blueprint);
  if (kind === 'mistakes') {
    const last = lastAnswers(progress);
    return bank.questions.filter((q) => inScope(q) && last.get(q.id)?.correct === false);
  }
  if (kind === 'flagged') return bank.questions.filter((q) => inScope(q) && progress.flags[q.id]?.flagged);
  const answered = new Set(progress.answers.map((a) => a.q));
  return bank.questions.filter((q) => inScope(q) && !answered.has(q.id));
}
