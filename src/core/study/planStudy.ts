import type { PlanContent } from './planContent';
import type { Blueprint } from '../content/schema';
import type { PlanNode } from '../plan';
import type { Progress } from '../progress/schema';
import { today as todayOf, type Clock } from './clock';
import { dailyGoal, goalLine, type GoalSettings } from './dailyGoal';
import { bookedExam, examHeading } from './examDate';
import type { examForecast, ExamForecast } from './forecast';
import { forecastLine } from './forecastLine';
import { schedulePlan, weekLine } from './planPace';
import { studyIndexOf } from './studyIndex';

// The study plan tree's part once an exam is booked: an "Exam on …" node with today's goal, the
// streak, the pace and the forecast per domain; dates on the six weeks (plan.ts calls these).

export type StudyNodeKind = 'exam' | 'goal' | 'forecast' | 'pace';

export interface StudyOptions {
  clock: Clock;
  goal?: GoalSettings;
  /**
   * The exam-day forecast (forecast.ts examForecast), given by the caller: the extension passes the
   * quiz bundle's, loaded only once an exam is booked, so its main bundle does not carry the
   * simulation. Without it the tree shows no forecast.
   */
  forecast?: typeof examForecast;
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

/** The exam-day forecast for the tree, or undefined without a date (or on the exam day). */
export function forecastFor(bank: PlanContent, progress: Progress, blueprint: Blueprint, study: StudyOptions): ExamForecast | undefined {
  const booked = bookedExam(progress, study.clock);
  return booked && study.forecast?.(bank, progress, blueprint, booked.exam, study.clock, study.goal);
}

/** Dates the week nodes in place (description and tooltip); returns the compression note, if any. */
export function datePlanWeeks(weeks: PlanNode[], progress: Progress, study: StudyOptions): { compressed: boolean; note?: string; noteNode?: PlanNode } | undefined {
  const booked = bookedExam(progress, study.clock);
  if (!booked) return undefined;
  const input = weeks.map((w) => ({ id: w.id, items: w.children?.length ?? 0, done: (w.children ?? []).filter((c) => c.checked).length }));
  const s = schedulePlan(input, booked.exam, booked.setOn, todayOf(study.clock));
  if (!s) return undefined;
  s.weeks.forEach((d, i) => {
    const w = weeks[i]!;
    const line = weekLine(d);
    w.description = d.behind ? `behind · ${line.replace(/^Week \d+ · /, '')}` : `${input[i]!.done}/${input[i]!.items} · ${line.replace(/^Week \d+ · /, '').replace(/ · \d+ items? left$/, '')}`;
    w.tooltip = `${line}${d.behind ? ' (behind)' : ''}${d.sharesWith.length ? `\nShares its days with week${d.sharesWith.length > 1 ? 's' : ''} ${d.sharesWith.join(', ')}.` : ''}`;
  });
  return { compressed: s.compressed, ...(s.note ? { note: s.note, noteNode: { id: 'plan:pace', kind: 'pace', label: s.note, tooltip: s.note } } : {}) };
}

/** "Exam on 14 Dec 2026 (in 18 days)" with today's goal, streak, pace and forecast as children. */
export function examNode(bank: PlanContent, progress: Progress, blueprint: Blueprint, study: StudyOptions, forecast: ExamForecast | undefined): PlanNode | undefined {
  const booked = bookedExam(progress, study.clock);
  if (!booked) return undefined;
  const report = dailyGoal(studyIndexOf(bank), progress, blueprint.id, study.clock, study.goal);
  const children: PlanNode[] = [];
  if (report?.goal) {
    children.push({ id: 'exam:goal', kind: 'goal', label: `Today's goal${report.goal.met ? ' (met)' : ''}: ${goalLine(report.goal)}`, description: `streak ${report.streak} d`, tooltip: `Days in a row with the goal met: ${report.streak}. Click to start today's goal.` });
    if (report.pace) children.push({ id: 'exam:pace', kind: 'pace', label: report.pace });
  }
  if (forecast) {
    children.push({
      id: 'exam:forecast', kind: 'forecast', label: `Overall: ${pct(forecast.overall.today)} today → ${pct(forecast.overall.stop)} on exam day if you stop`,
      description: `${pct(forecast.overall.keep)} if you keep the goal`,
      tooltip: 'Predicted exam score. "If you stop": your answers so far, remembered as FSRS predicts on the exam day. "If you keep the goal": simulated with the scheduler, the daily goal met every day until the exam (README, Readiness on the exam day).',
    });
    for (const d of forecast.domains) children.push({ id: `exam:forecast:${d.domain}`, kind: 'forecast', label: forecastLine(d), description: `${pct(d.keep)} if you keep the goal` });
  }
  return {
    id: 'exam', kind: 'exam', label: examHeading(booked.exam, study.clock),
    ...(report?.goal ? { description: report.goal.met ? 'goal met' : goalLine(report.goal) } : {}), children,
  };
}
