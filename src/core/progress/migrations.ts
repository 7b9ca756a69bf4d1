import { PROGRESS_VERSION } from './schema';

/**
 * Upgrades from each earlier stored version to the next, keyed by the version they upgrade from.
 * Version 1 is the first shape this product ever stored; a version N adds `MIGRATIONS[N - 1]`
 * and every older state walks the chain to the current one.
 */
export type Migration = (old: Record<string, unknown>) => Record<string, unknown>;
export const MIGRATIONS: Record<number, Migration> = {
  // 1 -> 2: the optional exam date. Nothing to convert (a version-1 state has no date), but the
  // number changes so that an older build reading a state with a date says it was written by a
  // newer version (and keeps a backup) rather than that the state is damaged.
  1: (old) => old,
};

/** Walks `raw` up the chain to the current version; returns undefined if a step is missing. */
export function migrate(raw: Record<string, unknown>, from: number, migrations: Record<number, Migration> = MIGRATIONS): Record<string, unknown> | undefined {
  let v = from;
  let state = raw;
  while (v < PROGRESS_VERSION) {
    const step = migrations[v];
    if (!step) return undefined;
    state = { ...step(state), version: v + 1 };
    v++;
  }
  return state;
}
