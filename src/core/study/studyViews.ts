import type { ExamView, ForecastView } from '../../protocol';
import type { Bank } from '../bank';
import type { Blueprint } from '../content/schema';
import type { Progress } from '../progress/schema';
import { today as todayOf, type Clock } from './clock';
import { dailyGoal, goalLine, type GoalSettings } from './dailyGoal';
import { bookedExam, examHeading } from './examDate';
import { examForecast, type ExamForecast } from './forecast';
import { studyIndexOf } from './studyIndex';

// The exam parts of the quiz panel's views (home and statistics), from the core's study modules.

function forecastView(f: ExamForecast): ForecastView {
  return { overall: f.overall, domains: f.domains.map((d) => ({ domain: d.domain, title: d.title, today: d.today, stop: d.stop, keep: d.keep })) };
}

/** The home panel's exam part: the date control's value, today's goal, streak, pace and forecast. */
export function homeExamView(bank: Bank, progress: Progress, blueprint: Blueprint, clock: Clock, goal?: GoalSettings): ExamView {
  const min = todayOf(clock);
  const booked = bookedExam(progress, clock);
  if (!booked) return { date: null, min, streak: 0 };
  const report = dailyGoal(studyIndexOf(bank), progress, blueprint.id, clock, goal);
  const f = examForecast(bank, progress, blueprint, booked.exam, clock, goal);
  const g = report?.goal;
  return {
    date: booked.exam, min, heading: examHeading(booked.exam, clock), streak: report?.streak ?? 0,
    ...(g ? { goal: { newTarget: g.newTarget, newDone: g.newDone, reviewTarget: g.reviewTarget, reviewsDone: g.reviewsDone, mockDue: g.mockDue, mockDone: g.mockDone, met: g.met, line: goalLine(g) } } : {}),
    ...(report?.pace ? { pace: report.pace } : {}),
    ...(f ? { forecast: forecastView(f) } : {}),
  };
}

/** The statistics screen's exam part, when a date is booked and still ahead. */
export function statsExamView(bank: Bank, progress: Progress, blueprint: Blueprint, clock: Clock, goal?: GoalSettings): { heading: string; forecast: ForecastView } | undefined {
  const booked = bookedExam(progress, clock);
  const f = booked && examForecast(bank, progress, blueprint, booked.exam, clock, goal);
  return f && { heading: examHeading(booked.exam, clock), forecast: forecastView(f) };
}
