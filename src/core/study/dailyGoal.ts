import { countedMocks } from '../engine/mock';
import type { Answer, Progress } from '../progress/schema';
import { replayAnswer, type CardState } from '../scheduler';
import { addDays, daysBetween, startOfDay, today as todayOf, type Clock, type Day } from './clock';
import { bookedExam } from './examDate';
import type { StudyBlueprint, StudyIndex } from './studyIndex';

// The daily goal: what to do today so that, by a week before the exam, every objective of the
// blueprint has been practised N times (N distinct questions answered), plus the reviews FSRS says
// are due, plus a mock exam on the days the plan sets for them in the last two weeks.
//
// A day's goal is fixed at the start of that day (from the answers given before it), so it does
// not move while the learner works through it. The history of goals is recomputed from the answers
// in one pass (cards replayed day by day), which gives the streak and explains pace changes
// without storing anything but the answers and the exam date.

export interface GoalSettings {
  /** Distinct questions to answer on every objective (mlAssociatePrep.dailyGoal.practicePerObjective). */
  practicePerObjective: number;
  /** Mock exams in the last two weeks (mlAssociatePrep.dailyGoal.mockExams). */
  mocks: number;
}
export const DEFAULT_GOAL: GoalSettings = { practicePerObjective: 3, mocks: 2 };

/** Practice should be complete this many days before the exam (the last week is for reviews and mocks). */
export const PRACTICE_DONE_BEFORE = 7;
/** Mocks are planned within this many days before the exam... */
export const MOCK_SPAN = 14;
/** ...the last one this many days before it, leaving time to drill its mistakes. */
export const LAST_MOCK_BEFORE = 5;
/** At most this many reviews in a day's goal (after a long break the rest wait for the next days). */
export const REVIEW_CAP = 50;
/** Days of history the streak looks back over. */
export const HISTORY_DAYS = 120;

export interface DayGoal {
  day: Day;
  /** New questions to answer (questions never answered before). */
  newTarget: number;
  /** Reviews due at the start of the day (capped at REVIEW_CAP). */
  reviewTarget: number;
  mockDue: boolean;
  /** New questions still needed, at the start of the day, for N per objective. */
  remainingPractice: number;
  newDone: number;
  reviewsDone: number;
  mockDone: boolean;
  /** Answers given that day (a day without any is never a met day, even with nothing due). */
  answers: number;
  met: boolean;
}

export interface GoalReport {
  exam: Day;
  today: Day;
  /** Calendar days until the exam (0 on the exam day, negative after it). */
  daysLeft: number;
  /** Today's goal; absent on and after the exam day. */
  goal?: DayGoal;
  /** Days in a row with the goal met, up to today (today counts once met). */
  streak: number;
  /** Days missed since the goal was last met (today not counted). */
  missedDays: number;
  /** Why the pace changed since the last day the goal was met, if it did. */
  pace?: string;
  mockDays: Day[];
  /** The day goals from the day the date was set (at most HISTORY_DAYS) to today. */
  history: DayGoal[];
}

/** New questions per day on `day` to finish `remaining` by PRACTICE_DONE_BEFORE days before the exam. */
export function newPace(remaining: number, day: Day, exam: Day): number {
  const left = daysBetween(day, exam);
  // The exam day and the day before it are for reviews only.
  if (remaining <= 0 || left <= 1) return 0;
  const deadline = addDays(exam, -PRACTICE_DONE_BEFORE);
  const span = day <= deadline ? daysBetween(day, deadline) + 1 : left - 1;
  return Math.ceil(remaining / span);
}

/** The days of the mock exams: the last LAST_MOCK_BEFORE days before the exam, the others a week apart or closer. */
export function mockDays(exam: Day, mocks: number): Day[] {
  if (mocks <= 0) return [];
  const gap = Math.min(7, Math.floor((MOCK_SPAN - LAST_MOCK_BEFORE) / Math.max(1, mocks - 1)));
  return Array.from({ length: mocks }, (_, k) => addDays(exam, -LAST_MOCK_BEFORE - gap * (mocks - 1 - k)));
}

/** How many distinct questions each objective still needs: min(N, its questions) minus those answered. */
function practiceNeeded(bp: StudyBlueprint, index: StudyIndex, distinct: Map<string, number>, n: number): Map<string, number> {
  const need = new Map<string, number>();
  for (const d of bp.domains) for (const o of d.objectives) need.set(o, Math.max(0, Math.min(n, index.questionsOf(o).length) - (distinct.get(o) ?? 0)));
  return need;
}

const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

/** The replay up to the start of today and the goals of the days before it (see dailyGoal). */
interface PastDays {
  key: string;
  ratings: Progress['ratings'];
  /** The answers given before today, in time order. */
  answers: readonly Answer[];
  cards: Map<string, CardState>;
  distinct: Map<string, number>;
  seen: Set<string>;
  history: DayGoal[];
}
/** Per index (one per bank): the last call's past days. */
const pastCache = new WeakMap<StudyIndex, PastDays>();

function inTimeOrder(answers: readonly Answer[]): boolean {
  for (let i = 1; i < answers.length; i++) if (answers[i - 1]!.at > answers[i]!.at) return false;
  return true;
}

/** The answers before `start` are exactly `prefix` (the same objects, in the same order). */
function samePrefix(prefix: readonly Answer[], answers: readonly Answer[], start: number): boolean {
  if (answers.length < prefix.length || (answers.length > prefix.length && answers[prefix.length]!.at < start)) return false;
  for (let i = prefix.length - 1; i >= 0; i--) if (prefix[i] !== answers[i]) return false;
  return true;
}

/** Today's goal, its history, the streak and the pace; undefined without a booked exam date. */
export function dailyGoal(index: StudyIndex, progress: Progress, blueprintId: string, clock: Clock, settings: GoalSettings = DEFAULT_GOAL): GoalReport | undefined {
  const booked = bookedExam(progress, clock);
  if (!booked) return undefined;
  const { exam, setOn } = booked;
  const today = todayOf(clock);
  const bp = index.blueprint(blueprintId);
  const inBlueprint = new Set(bp.domains.flatMap((d) => d.objectives));
  const objectiveIn = (q: string) => {
    const o = index.objectiveOf(q);
    return o && inBlueprint.has(o) ? o : undefined;
  };
  const mocksPlanned = mockDays(exam, settings.mocks);
  const mockSpanStart = startOfDay(addDays(exam, -MOCK_SPAN), clock);
  const mockTimes = countedMocks(progress.mocks).map((m) => m.finishedAt!).sort((a, b) => a - b);
  // The store keeps answers in time order: sorting again would cost a copy per call.
  const answers = inTimeOrder(progress.answers) ? progress.answers : [...progress.answers].sort((a, b) => a.at - b.at);

  const last = today < exam ? today : addDays(exam, -1);
  const todayStart = startOfDay(today, clock);
  // The days before today depend only on the answers before today: kept from the last call when
  // those are the same (an answer given today changes today's goal alone).
  const key = JSON.stringify([blueprintId, settings, today, todayStart, exam, setOn, mockTimes]);
  const cached = pastCache.get(index);
  let before = cached && cached.key === key && cached.ratings === progress.ratings && samePrefix(cached.answers, answers, todayStart) ? cached : undefined;
  if (!before) {
    before = { key, ratings: progress.ratings, answers: [], cards: new Map(), distinct: new Map(), seen: new Set(), history: [] };
    const { cards, distinct, seen, history } = before;
    let next = 0;
    const replayUntil = (t: number) => {
      for (; next < answers.length && answers[next]!.at < t; next++) {
        const a = answers[next]!;
        replayAnswer(cards, a, progress.ratings);
        if (seen.has(a.q)) continue;
        seen.add(a.q);
        const o = objectiveIn(a.q);
        if (o) distinct.set(o, (distinct.get(o) ?? 0) + 1);
      }
    };
    let first = setOn > today ? today : setOn;
    if (daysBetween(first, today) > HISTORY_DAYS) first = addDays(today, -HISTORY_DAYS);
    for (let day = first; day <= last && day < today; day = addDays(day, 1)) {
      replayUntil(startOfDay(day, clock));
      history.push(dayGoal(day, startOfDay(day, clock), startOfDay(addDays(day, 1), clock), next));
    }
    replayUntil(todayStart);
    before.answers = answers.slice(0, next);
    pastCache.set(index, before);
  }

  /** A day's goal from the state at its start (`next`: the first answer given that day or later). */
  function dayGoal(day: Day, t0: number, t1: number, next: number): DayGoal {
    const { cards, distinct, seen } = before!;
    const remaining = sum(practiceNeeded(bp, index, distinct, settings.practicePerObjective));
    const due = new Set([...cards].filter(([q, c]) => c.card.due.getTime() <= t0 && objectiveIn(q)).map(([q]) => q));
    const doneBefore = mockTimes.filter((t) => t >= mockSpanStart && t < t0).length;
    const mockDue = doneBefore < mocksPlanned.filter((d) => d <= day).length;
    const newQs = new Set<string>();
    const reviewed = new Set<string>();
    let count = 0;
    for (let i = next; i < answers.length && answers[i]!.at < t1; i++) {
      const a = answers[i]!;
      count++;
      if (!seen.has(a.q) && objectiveIn(a.q)) newQs.add(a.q);
      if (due.has(a.q)) reviewed.add(a.q);
    }
    const g: Omit<DayGoal, 'met'> = {
      day, newTarget: newPace(remaining, day, exam), reviewTarget: Math.min(REVIEW_CAP, due.size), mockDue, remainingPractice: remaining,
      newDone: newQs.size, reviewsDone: reviewed.size, mockDone: mockTimes.some((t) => t >= t0 && t < t1), answers: count,
    };
    return { ...g, met: g.answers > 0 && g.newDone >= g.newTarget && g.reviewsDone >= g.reviewTarget && (!g.mockDue || g.mockDone) };
  }

  const history = [...before.history];
  if (today <= last) history.push(dayGoal(today, todayStart, startOfDay(addDays(today, 1), clock), before.answers.length));

  const goal = today < exam ? history[history.length - 1] : undefined;
  // The streak runs back from today if today is met, else from yesterday (today is still open).
  let i = history.length - 1;
  if (goal && !goal.met) i--;
  let streak = 0;
  for (; i >= 0 && history[i]!.met; i--) streak++;
  const past = goal ? history.slice(0, -1) : history;
  const lastMet = past.map((h) => h.met).lastIndexOf(true);
  const missedDays = past.length - 1 - lastMet;
  return { exam, today, daysLeft: daysBetween(today, exam), ...(goal ? { goal } : {}), streak, missedDays, ...paceNote(goal, past, lastMet, missedDays), mockDays: mocksPlanned, history };
}

/** "You missed 2 days: 14 new a day instead of 11", or the pace going down after extra work. */
function paceNote(goal: DayGoal | undefined, past: DayGoal[], lastMet: number, missed: number): { pace?: string } {
  if (!goal || !past.length) return {};
  const plural = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
  if (missed > 0) {
    // The pace the learner was asked to keep on the first day missed.
    const before = past[lastMet + 1]!.newTarget;
    if (goal.newTarget > before) return { pace: `You missed ${plural(missed)}: ${goal.newTarget} new a day instead of ${before}.` };
    if (goal.newTarget > 0) return { pace: `You missed ${plural(missed)}; the pace holds at ${goal.newTarget} new a day.` };
    return {};
  }
  const yesterday = past[past.length - 1]!;
  if (goal.newTarget < yesterday.newTarget) return { pace: `You are ahead: ${goal.newTarget} new a day instead of ${yesterday.newTarget}.` };
  return {};
}

/** One line for a tooltip, a reminder or the plan tree: "11 new (3 done) · 12 reviews (0 done) · mock exam". */
export function goalLine(g: DayGoal): string {
  const parts = [
    g.newTarget ? `${g.newTarget} new (${Math.min(g.newDone, g.newTarget)} done)` : '',
    g.reviewTarget ? `${g.reviewTarget} review${g.reviewTarget === 1 ? '' : 's'} (${Math.min(g.reviewsDone, g.reviewTarget)} done)` : '',
    g.mockDue ? `mock exam${g.mockDone ? ' (done)' : ''}` : '',
  ].filter(Boolean);
  if (!parts.length) parts.push(g.answers ? 'nothing left' : 'answer at least one question');
  return parts.join(' · ');
}

/** Today's new questions: the objectives furthest from N first, in turn, unseen questions in bank order. */
export function goalNewQuestions(index: StudyIndex, progress: Progress, blueprintId: string, count: number, settings: GoalSettings = DEFAULT_GOAL): string[] {
  const bp = index.blueprint(blueprintId);
  const seen = new Set(progress.answers.map((a) => a.q));
  const distinct = new Map<string, number>();
  for (const q of seen) {
    const o = index.objectiveOf(q);
    if (o) distinct.set(o, (distinct.get(o) ?? 0) + 1);
  }
  const need = [...practiceNeeded(bp, index, distinct, settings.practicePerObjective)].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  const queues = need.map(([o, n]) => ({ n, ids: index.questionsOf(o).filter((id) => !seen.has(id)) }));
  const out: string[] = [];
  for (let round = 0; out.length < count && queues.some((q) => q.n > round && q.ids.length > round); round++) {
    for (const q of queues) if (out.length < count && q.n > round && q.ids[round]) out.push(q.ids[round]!);
  }
  return out;
}
