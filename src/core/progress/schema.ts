import * as z from 'zod/mini';

// Everything the product persists, as one versioned schema. Version 1 is the first stored shape;
// migrations.ts upgrades anything older (the unversioned prototype shape) to it.
//
// Design for "never lose an answer": answers are immutable events in a grow-only set keyed by id,
// and every other record is a last-writer-wins register stamped with its time. Two copies of the
// state (two windows, two machines through Settings Sync) therefore merge without loss (merge.ts).
// Each window also appends every change to a journal of its own (store.ts), so a window never
// overwrites what another one wrote.
// Scheduler cards are not stored: they are replayed from the answers (scheduler.ts), so they can
// never disagree with them.

export const PROGRESS_VERSION = 2;

const Id = z.string().check(z.minLength(1), z.maxLength(200));
/**
 * The last millisecond of year 9999. Anything later is no calendar date: `Date` cannot format it
 * past 8.64e15 (toISOString throws), so one such stamp would break every screen that shows dates.
 */
export const MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const Time = z.int().check(z.nonnegative(), z.maximum(MAX_TIME));
const OrderSchema = z.array(z.string().check(z.regex(/^[A-E]$/))).check(z.maxLength(5));
/** Option orders per question id, drawn once per attempt (engine/optionOrder.ts). */
const OrdersSchema = z.record(Id, OrderSchema);

export const AnswerSchema = z.object({
  id: Id,
  /** Question id. */
  q: Id,
  at: Time,
  /** Choice letters selected. */
  choices: z.array(z.string().check(z.regex(/^[A-E]$/))).check(z.maxLength(5)),
  correct: z.boolean(),
  /** Milliseconds spent on the question before answering. */
  ms: z.int().check(z.nonnegative(), z.maximum(86_400_000)),
  mode: z.enum(['practice', 'review', 'drill', 'mock']),
  mock: z.optional(Id),
  /** The order the options were shown in (choice ids), when they were shuffled. */
  o: z.optional(OrderSchema),
});
export type Answer = z.infer<typeof AnswerSchema>;

export const RatingSchema = z.enum(['again', 'hard', 'good', 'easy']);
export type RatingName = z.infer<typeof RatingSchema>;

/** The learner's own rating of an answer, which overrides the one derived from correctness. */
export const RatingOverrideSchema = z.object({ rating: RatingSchema, at: Time });
export const FlagSchema = z.object({ flagged: z.boolean(), at: Time });
export const TickSchema = z.object({ checked: z.boolean(), at: Time, by: z.enum(['user', 'auto']) });
export type Tick = z.infer<typeof TickSchema>;

/** A local calendar day, YYYY-MM-DD (study/clock.ts does the calendar arithmetic). */
export const DaySchema = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/));

/**
 * The booked exam date, or null once the learner says "not booked" (a register like the others:
 * the latest choice wins across windows and machines, so clearing the date syncs too).
 */
export const ExamDateSchema = z.object({ date: z.nullable(DaySchema), at: Time });
export type ExamDate = z.infer<typeof ExamDateSchema>;

export const PracticeFilterSchema = z.object({
  blueprint: z.string(),
  domains: z._default(z.array(z.string()), []),
  objectives: z._default(z.array(z.string()), []),
  symbols: z._default(z.array(z.string()), []),
  difficulties: z._default(z.array(z.enum(['easy', 'medium', 'hard'])), []),
});
export type PracticeFilter = z.infer<typeof PracticeFilterSchema>;

export const ResponseSchema = z.object({
  selected: z.array(z.string()),
  shownAt: Time,
  submittedAt: z.optional(Time),
  answerId: z.optional(Id),
});
export type Response = z.infer<typeof ResponseSchema>;

export const SessionSchema = z.object({
  id: Id,
  kind: z.enum(['practice', 'review', 'drill']),
  title: z.string(),
  filter: z.optional(PracticeFilterSchema),
  feedback: z.enum(['immediate', 'end']),
  questionIds: z.array(Id),
  index: z.int().check(z.nonnegative()),
  responses: z.record(Id, ResponseSchema),
  startedAt: Time,
  updatedAt: Time,
  finishedAt: z.optional(Time),
  orders: z.optional(OrdersSchema),
});
export type Session = z.infer<typeof SessionSchema>;

export const MockSchema = z.object({
  id: Id,
  blueprint: z.string(),
  questionIds: z.array(Id).check(z.minLength(1)),
  index: z.int().check(z.nonnegative()),
  answers: z.record(Id, z.array(z.string())),
  flagged: z.array(Id),
  /** Milliseconds spent on each question so far. */
  spent: z.record(Id, z.number().check(z.nonnegative())),
  /** When the current question was shown (or the mock resumed). */
  since: Time,
  startedAt: Time,
  durationMs: z.int().check(z.positive()),
  pausedAt: z.optional(Time),
  pausedTotal: z.int().check(z.nonnegative()),
  updatedAt: Time,
  finishedAt: z.optional(Time),
  finishedBy: z.optional(z.enum(['user', 'timeout'])),
  /** Abandoned by the learner: no answers recorded, left out of statistics and readiness. */
  discarded: z.optional(z.boolean()),
  orders: z.optional(OrdersSchema),
});
export type Mock = z.infer<typeof MockSchema>;

export const ProgressSchema = z.object({
  version: z.literal(PROGRESS_VERSION),
  answers: z.array(AnswerSchema),
  ratings: z.record(Id, RatingOverrideSchema),
  flags: z.record(Id, FlagSchema),
  ticks: z.record(Id, TickSchema),
  mocks: z.record(Id, MockSchema),
  /** Practice sessions by id; the active one is the latest unfinished (sessions.ts). */
  sessions: z.record(Id, SessionSchema),
  /** Since version 2; absent until the learner sets a date. */
  exam: z.optional(ExamDateSchema),
});
export type Progress = z.infer<typeof ProgressSchema>;

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, answers: [], ratings: {}, flags: {}, ticks: {}, mocks: {}, sessions: {} };
}

/** One change, as appended to a window's journal (one JSON object per line). */
export const DeltaSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('answer'), a: AnswerSchema }),
  z.object({ t: z.literal('rating'), id: Id, r: RatingOverrideSchema }),
  z.object({ t: z.literal('flag'), q: Id, f: FlagSchema }),
  z.object({ t: z.literal('tick'), id: Id, tick: TickSchema }),
  z.object({ t: z.literal('mock'), m: MockSchema }),
  z.object({ t: z.literal('session'), s: SessionSchema }),
  z.object({ t: z.literal('exam'), e: ExamDateSchema }),
]);
export type Delta = z.infer<typeof DeltaSchema>;

/** The state holding just one change, so applying a change is merging it in. */
export function deltaAsProgress(d: Delta): Progress {
  const p = emptyProgress();
  switch (d.t) {
    case 'answer': p.answers.push(d.a); break;
    case 'rating': p.ratings[d.id] = d.r; break;
    case 'flag': p.flags[d.q] = d.f; break;
    case 'tick': p.ticks[d.id] = d.tick; break;
    case 'mock': p.mocks[d.m.id] = d.m; break;
    case 'session': p.sessions[d.s.id] = d.s; break;
    case 'exam': p.exam = d.e; break;
  }
  return p;
}
