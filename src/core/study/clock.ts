// The one clock of study planning. Days are the learner's local calendar days: an instant becomes a
// day through the local offset *at that instant* (so a day across a daylight-saving change is still
// one day), and day arithmetic is done on the calendar (Y-M-D through Date.UTC), never by adding
// 86 400 000 ms to an instant, which drifts by an hour across DST and lands on the wrong day.

/** A local calendar day, YYYY-MM-DD. */
export type Day = string;

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Minutes local time is ahead of UTC at instant `t` (e.g. +60 in Paris in winter, -300 in New York). */
  offsetMinutes(t: number): number;
}

/** The machine's clock and time zone (the zone the JS runtime was started in). */
export const systemClock: Clock = {
  now: () => Date.now(),
  offsetMinutes: (t) => -new Date(t).getTimezoneOffset(),
};

/** A clock for tests and for callers that already hold `now`: a fixed instant, a fixed or varying offset. */
export function fixedClock(now: number, offset: number | ((t: number) => number) = 0): Clock {
  return { now: () => now, offsetMinutes: typeof offset === 'number' ? () => offset : offset };
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcMidnight(day: Day): number {
  const m = DAY_RE.exec(day);
  if (!m) throw new Error(`not a day: ${day}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** True when `s` is a real calendar day in YYYY-MM-DD (not 2025-02-30). */
export function isDay(s: string): boolean {
  const m = DAY_RE.exec(s);
  if (!m) return false;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === s;
}

/** The local day of an instant. */
export function dayOf(t: number, clock: Clock): Day {
  return new Date(t + clock.offsetMinutes(t) * 60_000).toISOString().slice(0, 10);
}

/** Today, on this clock. */
export function today(clock: Clock): Day {
  return dayOf(clock.now(), clock);
}

/** The day `n` calendar days after `day` (n may be negative). */
export function addDays(day: Day, n: number): Day {
  const m = DAY_RE.exec(day);
  if (!m) throw new Error(`not a day: ${day}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + n)).toISOString().slice(0, 10);
}

/** Calendar days from `a` to `b` (0 for the same day, negative when b is earlier). */
export function daysBetween(a: Day, b: Day): number {
  // Both are UTC midnights, which are exactly 86 400 000 ms apart: no DST in UTC.
  return Math.round((utcMidnight(b) - utcMidnight(a)) / 86_400_000);
}

/**
 * The first instant of a local day. Found from the offset at the guess (twice, since the offset
 * may differ on either side of a change); where midnight does not exist (a zone that springs
 * forward at 00:00) it is the first instant that belongs to the day.
 */
export function startOfDay(day: Day, clock: Clock): number {
  const base = utcMidnight(day);
  let t = base - clock.offsetMinutes(base) * 60_000;
  t = base - clock.offsetMinutes(t) * 60_000;
  // Nudge into the day if a gap or an overlap put the guess on the day before or after.
  for (let i = 0; i < 4 && dayOf(t, clock) < day; i++) t += 30 * 60_000;
  for (let i = 0; i < 4 && dayOf(t - 1, clock) === day; i++) t -= 30 * 60_000;
  return t;
}

/** The instant at a local hour of a day (hours may pass 24: the clock still counts on the calendar). */
export function atHour(day: Day, hour: number, clock: Clock): number {
  const extra = Math.floor(hour / 24);
  const d = addDays(day, extra);
  const start = startOfDay(d, clock);
  const t = start + (hour - extra * 24) * 3_600_000;
  // Across a DST change that day the wall-clock hour moves by the change; keep the wall clock.
  return t - (clock.offsetMinutes(t) - clock.offsetMinutes(start)) * 60_000;
}

/** The local hour (0-23) of an instant. */
export function hourOf(t: number, clock: Clock): number {
  return new Date(t + clock.offsetMinutes(t) * 60_000).getUTCHours();
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "14 Dec" (the same in every locale, so tests and screenshots read the same). */
export function shortDay(day: Day): string {
  const [, , m, d] = DAY_RE.exec(day)!;
  return `${Number(d)} ${MONTHS[Number(m) - 1]}`;
}
