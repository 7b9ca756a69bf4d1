// Simulated learners for the study-to-a-date tests: each evening a learner may study, doing what
// today's goal asks (the due reviews, the new questions the goal picks, the mock on its day),
// answering right with a fixed skill drawn from a seeded generator.
import type { Bank } from '../../../src/core/bank';
import { keysOf } from '../../../src/core/engine/grading';
import { drawMock, mockSubmit, startMock } from '../../../src/core/engine/mock';
import { seededRandom } from '../../../src/core/engine/random';
import { emptyProgress, type Progress } from '../../../src/core/progress/schema';
import { cardsFrom, dueQuestions } from '../../../src/core/scheduler';
import { addDays, atHour, daysBetween, fixedClock, type Clock, type Day } from '../../../src/core/study/clock';
import { dailyGoal, goalNewQuestions, type GoalReport } from '../../../src/core/study/dailyGoal';
import { studyIndexOf } from '../../../src/core/study/studyIndex';

export type Behaviour = (dayIndex: number, daysLeft: number) => boolean;
export const diligent: Behaviour = () => true;
/** Studies, misses two days in the middle, and studies again. */
export const lapsing = (from: number, missed = 2): Behaviour => (i) => i < from || i >= from + missed;
/** Does nothing until `start` days before the exam. */
export const lastMinute = (start: number): Behaviour => (_, left) => left <= start;

export interface Run {
  progress: Progress;
  /** The goal report each day, read before studying and after. */
  days: { day: Day; before: GoalReport; after: GoalReport }[];
  clockOn: (day: Day, hour?: number) => Clock;
}

/** Runs a learner from `start` to the day before `exam`, the date booked on `start`. */
export function simulate(bank: Bank, o: { start: Day; exam: Day; behaviour: Behaviour; skill?: number; seed?: number; offset?: number | ((t: number) => number); progress?: Progress }): Run {
  const index = studyIndexOf(bank);
  const bp = bank.blueprint('current');
  const random = seededRandom(o.seed ?? 7);
  const skill = o.skill ?? 0.8;
  const offset = o.offset ?? 0;
  const clockOn = (day: Day, hour = 18) => {
    const probe = fixedClock(0, offset);
    return fixedClock(atHour(day, hour, probe), offset);
  };
  const p = o.progress ?? emptyProgress();
  p.exam = { date: o.exam, at: clockOn(o.start, 8).now() };
  const days: Run['days'] = [];
  let n = 0;
  for (let day = o.start, i = 0; day < o.exam; day = addDays(day, 1), i++) {
    const clock = clockOn(day);
    const before = dailyGoal(index, p, bp.id, clock)!;
    if (o.behaviour(i, daysBetween(day, o.exam))) {
      let t = clock.now();
      const answer = (id: string) => {
        const q = bank.get(id)!;
        const right = random() < skill;
        p.answers.push({ id: `a${n++}`, q: id, at: (t += 30_000), choices: right ? keysOf(q) : [q.choices.find((c) => !c.correct)!.id], correct: right, ms: 30_000, mode: 'practice' });
      };
      const due = dueQuestions(cardsFrom(p), clock.now(), (id) => bank.inBlueprint(bank.get(id)!, bp));
      due.slice(0, before.goal!.reviewTarget).forEach(answer);
      goalNewQuestions(index, p, bp.id, before.goal!.newTarget).forEach(answer);
      if (before.goal!.mockDue) {
        const m = startMock(`m${n}`, bp, drawMock(bank, bp, Object.values(p.mocks), random).questionIds, (t += 1000));
        const done = mockSubmit(m, bank, (t += 60_000), 'user', (id) => `m${n}:${id}`);
        p.mocks[done.mock.id] = done.mock;
        p.answers.push(...done.answers);
      }
      p.answers.sort((a, b) => a.at - b.at);
    }
    days.push({ day, before, after: dailyGoal(index, p, bp.id, clockOn(day, 23))! });
  }
  return { progress: p, days, clockOn };
}
