import type { Question } from '../content/schema';
import type { Answer } from '../progress/schema';
import { shuffled } from './random';

// Options are shown in a fresh order on every attempt, as exam simulators do, so that a learner
// cannot learn a key's position on review. The order is drawn once per attempt (a practice set or
// a mock), stored with it so that reloads and the review show the same order, and stored with the
// answer. Choice ids stay the source letters: grading and saved progress never depend on the order.

/** Choice ids in the order to show (a permutation of the question's choice ids). */
export type OptionOrder = string[];

const sameOrder = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** True when `order` lists each of the question's choice ids once. */
export function isOrderOf(q: { choices: readonly { id: string }[] }, order: readonly string[] | undefined): order is OptionOrder {
  if (!order || order.length !== q.choices.length) return false;
  const ids = new Set(q.choices.map((c) => c.id));
  return new Set(order).size === order.length && order.every((id) => ids.has(id));
}

/**
 * A new order for one attempt, different from the order shown last time whenever the question has
 * two or more options; undefined for a question whose order carries meaning (`shuffle: false`).
 */
export function drawOrder(q: Pick<Question, 'choices' | 'shuffle'>, previous: readonly string[] | undefined, random: () => number): OptionOrder | undefined {
  if (q.shuffle === false || q.choices.length < 2) return undefined;
  const ids = q.choices.map((c) => c.id);
  const last = previous && isOrderOf(q, previous) ? previous : ids;
  const order = shuffled(ids, random);
  // Rotating a permutation by one place always gives another one, so no retry loop is needed.
  return sameOrder(order, last) ? [...order.slice(1), order[0]!] : order;
}

/** The order each question was last shown in, from the answers (newest wins). */
export function lastShownOrders(answers: readonly Answer[]): Map<string, OptionOrder> {
  const out = new Map<string, { at: number; o: OptionOrder }>();
  for (const a of answers) {
    if (!a.o) continue;
    const prior = out.get(a.q);
    if (!prior || a.at >= prior.at) out.set(a.q, { at: a.at, o: a.o });
  }
  return new Map([...out].map(([q, v]) => [q, v.o]));
}

/** Orders for every question of a new attempt. */
export function drawOrders(questions: readonly Question[], answers: readonly Answer[], random: () => number): Record<string, OptionOrder> {
  const last = lastShownOrders(answers);
  const out: Record<string, OptionOrder> = {};
  for (const q of questions) {
    const o = drawOrder(q, last.get(q.id), random);
    if (o) out[q.id] = o;
  }
  return out;
}

/** The question's choices in the stored order; the written order when none (or a stale one) is stored. */
export function orderedChoices<C extends { id: string }>(q: { choices: readonly C[] }, order: readonly string[] | undefined): C[] {
  if (!order || !isOrderOf(q, order)) return [...q.choices];
  const byId = new Map(q.choices.map((c) => [c.id, c]));
  return order.map((id) => byId.get(id)!);
}
