import type { Delta, Progress } from '../progress/schema';
import { dayOf, daysBetween, isDay, shortDay, today, type Clock, type Day } from './clock';

// The exam date as the learner gives it (a command's input box, the home panel's date field) and
// as the surfaces show it ("exam in 18 d").

/** Words that clear the date. */
const NOT_BOOKED = /^\s*(not\s*booked|none|clear|-)?\s*$/i;

/** Reads what the learner typed: a day, null for "not booked", or a plain-words problem. */
export function parseExamDate(text: string, clock: Clock): { date: Day | null } | { error: string } {
  const s = text.trim();
  if (NOT_BOOKED.test(s)) return { date: null };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return { error: 'Type the date as YYYY-MM-DD (for example 2026-03-14), or "not booked".' };
  if (!isDay(s)) return { error: `${s} is not a day of the calendar.` };
  const left = daysBetween(today(clock), s);
  if (left < 0) return { error: `${s} is in the past; type the day you are booked for.` };
  if (left > 730) return { error: `${s} is more than two years away; book a nearer date, or type "not booked".` };
  return { date: s };
}

/** The change that records a date (or "not booked"). */
export function examDelta(date: Day | null, now: number): Delta {
  return { t: 'exam', e: { date, at: now } };
}

/** The booked exam and the day it was set (the plan is laid out from that day); undefined when not booked. */
export function bookedExam(progress: Progress, clock: Clock): { exam: Day; setOn: Day } | undefined {
  const e = progress.exam;
  if (!e?.date) return undefined;
  return { exam: e.date, setOn: dayOf(e.at, clock) };
}

/** "exam in 18 d", "exam tomorrow", "exam today", "exam was 3 d ago". */
export function countdown(exam: Day, clock: Clock): string {
  const left = daysBetween(today(clock), exam);
  if (left > 1) return `exam in ${left} d`;
  if (left === 1) return 'exam tomorrow';
  if (left === 0) return 'exam today';
  return `exam was ${-left} d ago`;
}

/** "Exam on 14 Dec (in 18 days)". */
export function examHeading(exam: Day, clock: Clock): string {
  const left = daysBetween(today(clock), exam);
  const when = left > 1 ? `in ${left} days` : left === 1 ? 'tomorrow' : left === 0 ? 'today' : `${-left} days ago`;
  return `Exam on ${shortDay(exam)} ${exam.slice(0, 4)} (${when})`;
}
