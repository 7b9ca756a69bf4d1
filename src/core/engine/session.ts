import type { Question } from '../content/schema';
import type { Answer, PracticeFilter, Session } from '../progress/schema';
import { isCorrect, pick } from './grading';

// Practice, review and drill sessions as pure state transitions: every function takes a session
// and returns the next one (and, on submit, the answer to record).

export interface NewSession {
  id: string;
  kind: Session['kind'];
  title: string;
  questionIds: string[];
  feedback: Session['feedback'];
  filter?: PracticeFilter;
  /** The option order of each question for this attempt (optionOrder.ts). */
  orders?: Record<string, string[]>;
}

export function startSession(s: NewSession, now: number): Session {
  const first = s.questionIds[0];
  return {
    id: s.id, kind: s.kind, title: s.title, feedback: s.feedback, questionIds: s.questionIds, index: 0,
    responses: first ? { [first]: { selected: [], shownAt: now } } : {},
    startedAt: now, updatedAt: now,
    ...(s.filter ? { filter: s.filter } : {}),
    ...(s.orders && Object.keys(s.orders).length ? { orders: s.orders } : {}),
    ...(first ? {} : { finishedAt: now }),
  };
}

export const currentId = (s: Session): string | undefined => s.questionIds[s.index];

/**
 * The stamp of a session's next version: strictly after the last one even within one millisecond,
 * so that merging two copies always keeps the later version.
 */
export const nextStamp = (prev: number, now: number): number => Math.max(now, prev + 1);

function withResponse(s: Session, qid: string, patch: Partial<Session['responses'][string]>, now: number): Session {
  const prior = s.responses[qid] ?? { selected: [], shownAt: now };
  return { ...s, responses: { ...s.responses, [qid]: { ...prior, ...patch } }, updatedAt: nextStamp(s.updatedAt, now) };
}

/** Picks or unpicks an option of the current question (ignored once it is submitted). */
export function selectChoice(s: Session, q: Question, letter: string, now: number): Session {
  const r = s.responses[q.id];
  if (s.finishedAt || currentId(s) !== q.id || r?.submittedAt) return s;
  return withResponse(s, q.id, { selected: pick(q, r?.selected ?? [], letter) }, now);
}

/**
 * Sets the whole selection of the current question at once (the webview keeps the selection
 * locally and sends it with Submit); each letter is picked as a click would, so the result obeys
 * the same rules (known options only, at most as many as the question asks for).
 */
export function setChoices(s: Session, q: Question, letters: readonly string[], now: number): Session {
  const r = s.responses[q.id];
  if (s.finishedAt || currentId(s) !== q.id || r?.submittedAt) return s;
  const selected = letters.reduce<string[]>((sel, l) => (sel.includes(l) ? sel : pick(q, sel, l)), []);
  return withResponse(s, q.id, { selected }, now);
}

/** Submits the current question: returns the session and the answer to record. */
export function submitAnswer(s: Session, q: Question, now: number, answerId: string): { session: Session; answer?: Answer } {
  const r = s.responses[q.id];
  if (s.finishedAt || currentId(s) !== q.id || !r || r.submittedAt || !r.selected.length) return { session: s };
  const answer: Answer = {
    id: answerId, q: q.id, at: now, choices: r.selected, correct: isCorrect(q, r.selected),
    ms: Math.max(0, Math.min(now - r.shownAt, 86_400_000)), mode: s.kind,
    ...(s.orders?.[q.id] ? { o: s.orders[q.id] } : {}),
  };
  return { session: withResponse(s, q.id, { submittedAt: now, answerId }, now), answer };
}

/** Moves on (skipping is allowed); past the last question the session finishes. */
export function nextQuestion(s: Session, now: number): Session {
  if (s.finishedAt) return s;
  const index = s.index + 1;
  const id = s.questionIds[index];
  if (!id) return { ...s, index: s.questionIds.length, finishedAt: now, updatedAt: nextStamp(s.updatedAt, now) };
  const moved = { ...s, index, updatedAt: nextStamp(s.updatedAt, now) };
  return moved.responses[id] ? moved : withResponse(moved, id, { selected: [], shownAt: now }, now);
}

export function finishSession(s: Session, now: number): Session {
  return s.finishedAt ? s : { ...s, finishedAt: now, updatedAt: nextStamp(s.updatedAt, now) };
}

/** Right, wrong and skipped counts of a session. */
export function sessionScore(s: Session, answers: ReadonlyMap<string, Answer>): { right: number; wrong: number; skipped: number } {
  let right = 0;
  let wrong = 0;
  for (const id of s.questionIds) {
    const a = s.responses[id]?.answerId ? answers.get(s.responses[id]!.answerId!) : undefined;
    if (!a) continue;
    if (a.correct) right++;
    else wrong++;
  }
  return { right, wrong, skipped: s.questionIds.length - right - wrong };
}

/** The unfinished session touched last, if any. */
export function activeSession(sessions: Record<string, Session>): Session | undefined {
  return Object.values(sessions).filter((s) => !s.finishedAt).sort((a, b) => b.updatedAt - a.updatedAt)[0];
}
