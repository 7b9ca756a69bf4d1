import type { Question } from '../content/schema';

/** The letters of the correct options. */
export const keysOf = (q: Question): string[] => q.choices.filter((c) => c.correct).map((c) => c.id);

/** How many options the learner must pick. */
export const selectCount = (q: Question): number => keysOf(q).length;

/** Right only when exactly the correct options are selected (no partial credit, as in the exam). */
export function isCorrect(q: Question, selected: readonly string[]): boolean {
  const keys = keysOf(q);
  return selected.length === keys.length && keys.every((k) => selected.includes(k));
}

/**
 * Applies a pick to a selection: a single-answer question replaces it; a multiple-select one
 * toggles the letter, refusing a pick beyond the count the stem asks for.
 */
export function pick(q: Question, selected: readonly string[], letter: string): string[] {
  if (!q.choices.some((c) => c.id === letter)) return [...selected];
  if (q.type === 'single') return [letter];
  if (selected.includes(letter)) return selected.filter((s) => s !== letter);
  if (selected.length >= selectCount(q)) return [...selected];
  return [...selected, letter].sort();
}
