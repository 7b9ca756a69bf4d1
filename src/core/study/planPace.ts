import { addDays, daysBetween, shortDay, type Day } from './clock';

// The six-week plan laid out on the calendar once an exam is booked. The layout starts on the day
// the date was set (so a week the learner falls behind on stays behind, rather than sliding along
// with today) and the last week ends the day before the exam. With six weeks or more, each plan
// week is a calendar week; with less, the plan compresses: the weeks left on the calendar are
// shared out among the plan's weeks in order, and the plan says which weeks share one.

export interface PlanWeekInput {
  id: string;
  items: number;
  done: number;
}

export interface DatedWeek {
  id: string;
  /** 1-based position in the plan ("Week 3"). */
  number: number;
  start: Day;
  due: Day;
  itemsLeft: number;
  /** Due before today with items left. */
  behind: boolean;
  /** Other plan weeks (numbers) on the same calendar days, when compressed. */
  sharesWith: number[];
}

export interface PlanSchedule {
  weeks: DatedWeek[];
  compressed: boolean;
  /** "Less than six weeks left: weeks 1 and 2 share 1–7 Dec; …" when compressed. */
  note?: string;
}

/** The plan's weeks with dates, from the day the date was set to the day before the exam. */
export function schedulePlan(weeks: readonly PlanWeekInput[], exam: Day, setOn: Day, today: Day): PlanSchedule | undefined {
  const days = daysBetween(setOn, exam); // setOn .. exam-1
  if (days <= 0 || !weeks.length) return undefined;
  const n = weeks.length;
  const lastDay = addDays(exam, -1);
  const compressed = days < 7 * n;
  const slots = compressed ? Math.ceil(days / 7) : n;
  // Uncompressed, calendar weeks counted back from the eve of the exam; compressed, the days left
  // cut into `slots` near-equal runs (so no shared week is a stub of one or two days).
  const slotEnd = (j: number) => (compressed ? addDays(setOn, Math.floor(((j + 1) * days) / slots) - 1) : addDays(lastDay, -7 * (slots - 1 - j)));
  const slotStart = (j: number) => (compressed ? addDays(setOn, Math.floor((j * days) / slots)) : addDays(slotEnd(j), -6));
  const slotOf = (i: number) => (compressed ? Math.floor((i * slots) / n) : i);
  const dated = weeks.map((w, i): DatedWeek => {
    const j = slotOf(i);
    const due = slotEnd(j);
    const itemsLeft = Math.max(0, w.items - w.done);
    const sharesWith = weeks.map((_, k) => k).filter((k) => k !== i && slotOf(k) === j).map((k) => k + 1);
    return { id: w.id, number: i + 1, start: slotStart(j), due, itemsLeft, behind: due < today && itemsLeft > 0, sharesWith };
  });
  if (!compressed) return { weeks: dated, compressed };
  const groups: string[] = [];
  for (let j = 0; j < slots; j++) {
    const inSlot = dated.filter((_, i) => slotOf(i) === j);
    if (inSlot.length > 1) groups.push(`${weekList(inSlot.map((w) => w.number))} share ${range(slotStart(j), slotEnd(j))}`);
  }
  const left = slots === 1 ? `${days} day${days === 1 ? '' : 's'}` : `${slots} weeks`;
  return { weeks: dated, compressed, note: `Less than ${n} weeks left (${left}): ${groups.length ? groups.join('; ') : 'each week is shorter'}.` };
}

/** "weeks 1 and 2", "weeks 1–3". */
function weekList(ns: number[]): string {
  if (ns.length === 2) return `weeks ${ns[0]} and ${ns[1]}`;
  return `weeks ${ns[0]}–${ns[ns.length - 1]}`;
}

/** "1–7 Dec", "28 Nov–4 Dec", "14 Dec". */
function range(a: Day, b: Day): string {
  if (a === b) return shortDay(a);
  const [da, ma] = shortDay(a).split(' ');
  const [, mb] = shortDay(b).split(' ');
  return ma === mb ? `${da}–${shortDay(b)}` : `${shortDay(a)}–${shortDay(b)}`;
}

/** "Week 3 · due 14 Dec · 2 items left" (or "· done"). */
export function weekLine(w: DatedWeek): string {
  return `Week ${w.number} · due ${shortDay(w.due)} · ${w.itemsLeft ? `${w.itemsLeft} item${w.itemsLeft === 1 ? '' : 's'} left` : 'done'}`;
}
