import { answerOrder, mergeMock, mergeProgress, mergeSession, newer, pruneSessions } from './merge';
import { deltaAsProgress, type Answer, type Delta, type Progress } from './schema';

// One change applied to a merged state in time independent of the history's length (no re-sort,
// no copy of every record): the store's path for each answer. The result is the same state as
// merging the change in (mergeProgress(p, deltaAsProgress(d)), property-tested), for any state
// merge.ts produced (answers in answerOrder with unique ids, sessions pruned).

/** What applying a change did to the answers, so caches of derived state know what to redo. */
export type AnswerChange = 'none' | 'added' | 'replaced';

/** `p` with `d` merged in, and whether an answer was added (or, rarely, replaced by a differing copy). */
export function applyDelta(p: Progress, d: Delta): { progress: Progress; answers: AnswerChange } {
  switch (d.t) {
    case 'answer': {
      const prior = p.answers.find((x) => x.id === d.a.id);
      if (prior) {
        // The same id seen twice: merge keeps a stable pick, which may move the answer in time.
        if (JSON.stringify(d.a) > JSON.stringify(prior)) return { progress: mergeProgress(p, deltaAsProgress(d)), answers: 'replaced' };
        return { progress: p, answers: 'none' };
      }
      return { progress: { ...p, answers: inserted(p.answers, d.a) }, answers: 'added' };
    }
    case 'rating': {
      const ratings = register(p.ratings, d.id, d.r);
      return { progress: ratings === p.ratings ? p : { ...p, ratings }, answers: 'none' };
    }
    case 'flag': {
      const flags = register(p.flags, d.q, d.f);
      return { progress: flags === p.flags ? p : { ...p, flags }, answers: 'none' };
    }
    case 'tick': {
      const ticks = register(p.ticks, d.id, d.tick);
      return { progress: ticks === p.ticks ? p : { ...p, ticks }, answers: 'none' };
    }
    case 'mock': {
      const mocks = { ...p.mocks };
      mocks[d.m.id] = mocks[d.m.id] ? mergeMock(mocks[d.m.id]!, d.m) : d.m;
      return { progress: { ...p, mocks }, answers: 'none' };
    }
    case 'session': {
      const sessions = { ...p.sessions };
      sessions[d.s.id] = sessions[d.s.id] ? mergeSession(sessions[d.s.id]!, d.s) : d.s;
      return { progress: { ...p, sessions: pruneSessions(sessions) }, answers: 'none' };
    }
    case 'exam':
      return { progress: { ...p, exam: newer(p.exam, d.e)! }, answers: 'none' };
  }
}

/** The answers with one more, in answer order (new answers nearly always go last). */
function inserted(answers: readonly Answer[], a: Answer): Answer[] {
  let i = answers.length;
  while (i > 0 && answerOrder(answers[i - 1]!, a) > 0) i--;
  const out = answers.slice();
  out.splice(i, 0, a);
  return out;
}

/** A register record with `value` merged in at `key`; the same record when it loses. */
function register<T extends { at: number }>(rec: Record<string, T>, key: string, value: T): Record<string, T> {
  const winner = newer(rec[key], value)!;
  if (winner === rec[key]) return rec;
  const out: Record<string, T> = { ...rec };
  out[key] = winner;
  return out;
}
