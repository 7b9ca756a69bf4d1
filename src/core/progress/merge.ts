import type { Mock, Progress, Session } from './schema';

// Merging two copies of the progress state. The merge is commutative, associative and idempotent
// (property-tested), so the order in which windows and machines exchange state does not matter and
// nothing valid is dropped: answers are a grow-only set, the rest are timestamped registers.

type Stamped = { at: number };

/** Newer wins; equal stamps fall back to a stable comparison so both sides pick the same one. */
export function newer<T extends Stamped>(a: T | undefined, b: T | undefined): T | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.at !== b.at) return a.at > b.at ? a : b;
  return JSON.stringify(a) >= JSON.stringify(b) ? a : b;
}

function mergeRegisters<T extends Stamped>(a: Record<string, T>, b: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = newer(out[k], v)!;
  return out;
}

/** A finished mock beats an unfinished one; otherwise the later update wins. */
export function mergeMock(a: Mock, b: Mock): Mock {
  if (!!a.finishedAt !== !!b.finishedAt) return a.finishedAt ? a : b;
  const sa = { ...a, at: a.updatedAt };
  const sb = { ...b, at: b.updatedAt };
  const w = newer(sa, sb)!;
  return w === sa ? a : b;
}

/** The later update of a session wins. */
export function mergeSession(a: Session, b: Session): Session {
  const sa = { ...a, at: a.updatedAt };
  const sb = { ...b, at: b.updatedAt };
  return newer(sa, sb) === sa ? a : b;
}

/** Finished sessions kept; older ones are dropped (by a rule every copy applies the same way). */
export const KEEP_FINISHED_SESSIONS = 20;

export function pruneSessions(sessions: Record<string, Session>): Record<string, Session> {
  const finished = Object.values(sessions).filter((s) => s.finishedAt !== undefined)
    .sort((x, y) => y.updatedAt - x.updatedAt || (x.id < y.id ? -1 : 1));
  if (finished.length <= KEEP_FINISHED_SESSIONS) return sessions;
  const drop = new Set(finished.slice(KEEP_FINISHED_SESSIONS).map((s) => s.id));
  return Object.fromEntries(Object.entries(sessions).filter(([id]) => !drop.has(id)));
}

/** The order of a merged state's answers: by time, then by id. */
export const answerOrder = (x: { at: number; id: string }, y: { at: number; id: string }): number => x.at - y.at || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

/** Merges two progress states without losing anything either holds. */
export function mergeProgress(a: Progress, b: Progress): Progress {
  const answers = new Map(a.answers.map((x) => [x.id, x]));
  for (const x of b.answers) {
    const prior = answers.get(x.id);
    // The same id always names the same event; keep a stable pick if copies ever differ.
    if (!prior || JSON.stringify(x) > JSON.stringify(prior)) answers.set(x.id, x);
  }
  const mocks: Record<string, Mock> = { ...a.mocks };
  for (const [id, m] of Object.entries(b.mocks)) mocks[id] = mocks[id] ? mergeMock(mocks[id], m) : m;
  const sessions: Record<string, Session> = { ...a.sessions };
  for (const [id, s] of Object.entries(b.sessions)) sessions[id] = sessions[id] ? mergeSession(sessions[id], s) : s;
  const exam = newer(a.exam, b.exam);
  return {
    version: a.version,
    answers: [...answers.values()].sort(answerOrder),
    ratings: mergeRegisters(a.ratings, b.ratings),
    flags: mergeRegisters(a.flags, b.flags),
    ticks: mergeRegisters(a.ticks, b.ticks),
    mocks,
    sessions: pruneSessions(sessions),
    // The latest choice of exam date wins (a date set on one machine, cleared later on another).
    ...(exam ? { exam } : {}),
  };
}
