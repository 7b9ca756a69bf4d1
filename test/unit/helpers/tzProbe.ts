// Run with TZ set (studyToDate.test.ts starts it once per zone): checks the study clock against the
// machine's real time zone rules for every day of 2026, and prints what it found as JSON.
import { emptyProgress } from '../../../src/core/progress/schema';
import { addDays, atHour, dayOf, hourOf, startOfDay, systemClock, type Clock } from '../../../src/core/study/clock';
import { dailyGoal } from '../../../src/core/study/dailyGoal';
import { studyIndex } from '../../../src/core/study/studyIndex';

const failures: string[] = [];
let checks = 0;
const check = (ok: boolean, what: string) => {
  checks++;
  if (!ok) failures.push(what);
};
for (let d = '2026-01-01'; d < '2027-01-01'; d = addDays(d, 1)) {
  const t = startOfDay(d, systemClock);
  check(dayOf(t, systemClock) === d && dayOf(t - 1, systemClock) === addDays(d, -1), `${d} starts at ${new Date(t).toISOString()}`);
  check(new Date(t).getDate() === Number(d.slice(8)) && new Date(t - 1).getDate() !== Number(d.slice(8)), `${d}: Date agrees on local midnight`);
  const evening = atHour(d, 18, systemClock);
  check(hourOf(evening, systemClock) === 18 && new Date(evening).getHours() === 18, `${d} 18:00 is ${new Date(evening).toString()}`);
}
// A learner's goal each evening of March: the countdown moves by one day each day.
const index = studyIndex({ blueprints: [{ id: 'current', title: 'x', domains: [{ id: 'd', title: 'D', weight: 1, objectives: ['o1'] }] }], objectives: { o1: ['q1', 'q2', 'q3'] } });
const p = emptyProgress();
p.exam = { date: '2026-04-15', at: atHour('2026-02-20', 12, systemClock) };
const goalDaysLeft: number[] = [];
for (let d = '2026-03-01', i = 0; i < 40; d = addDays(d, 1), i++) {
  const clock: Clock = { now: () => atHour(d, 18, systemClock), offsetMinutes: systemClock.offsetMinutes };
  goalDaysLeft.push(dailyGoal(index, p, 'current', clock)!.daysLeft);
}
console.log(JSON.stringify({ zone: process.env.TZ, checks, failures: failures.slice(0, 5), goalDaysLeft }));
