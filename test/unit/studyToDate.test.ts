import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { keysOf } from '../../src/core/engine/grading';
import { seededRandom } from '../../src/core/engine/random';
import { mergeProgress } from '../../src/core/progress/merge';
import { recoverProgress } from '../../src/core/progress/recover';
import { emptyProgress, PROGRESS_VERSION, type Progress } from '../../src/core/progress/schema';
import { addDays, atHour, dayOf, daysBetween, fixedClock, hourOf, isDay, shortDay, startOfDay } from '../../src/core/study/clock';
import { reminderDue } from '../../src/core/study/reminder';
import { studyIndexOf } from '../../src/core/study/studyIndex';
import { dailyGoal, goalLine, mockDays, newPace, PRACTICE_DONE_BEFORE } from '../../src/core/study/dailyGoal';
import { countdown, parseExamDate } from '../../src/core/study/examDate';
import { examForecast } from '../../src/core/study/forecast';
import { forecastLine } from '../../src/core/study/forecastLine';
import { schedulePlan, weekLine } from '../../src/core/study/planPace';
import { bank as loadBank, ROOT } from './helpers/facts';
import { FromWebviewSchema, ToWebviewSchema } from '../../src/protocol';
import { handle, render, type AppContext, type Screen } from '../../src/core/quizApp';
import { deltaAsProgress } from '../../src/core/progress/schema';
import { planTree } from '../../src/core/plan';
import { diligent, lapsing, lastMinute, simulate } from './helpers/learners';

const b = loadBank();
const bp = b.blueprint('current');
const objectives = bp.domains.flatMap((d) => d.objectives);

/** New York's offset (minutes) at an instant of 2026: EDT from 8 Mar 07:00 UTC to 1 Nov 06:00 UTC. */
const newYork = (t: number) => (t >= Date.UTC(2026, 2, 8, 7) && t < Date.UTC(2026, 10, 1, 6) ? -240 : -300);
/** Auckland: NZDT (+13) until 5 Apr 2026 14:00 UTC, NZST (+12) until 26 Sep 14:00 UTC. */
const auckland = (t: number) => (t >= Date.UTC(2026, 3, 4, 14) && t < Date.UTC(2026, 8, 26, 14) ? 720 : 780);

describe('study to a date: the clock', () => {
  it('does calendar arithmetic on days, across months, leap years and DST', () => {
    assert.equal(addDays('2026-02-28', 1), '2026-03-01');
    assert.equal(addDays('2028-02-28', 1), '2028-02-29');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2026-03-08', -10), '2026-02-26');
    assert.equal(daysBetween('2026-03-01', '2026-04-01'), 31);
    assert.equal(daysBetween('2026-04-01', '2026-03-01'), -31);
    assert.equal(isDay('2026-02-30'), false);
    assert.equal(isDay('2026-02-28'), true);
    assert.equal(shortDay('2026-12-14'), '14 Dec');
  });

  it('finds local midnight and the evening hour on the days clocks change (offset functions)', () => {
    for (const [offset, days] of [[newYork, ['2026-03-07', '2026-03-08', '2026-03-09', '2026-11-01']], [auckland, ['2026-04-04', '2026-04-05', '2026-09-27']]] as const) {
      const clock = fixedClock(0, offset);
      for (const d of days) {
        const t = startOfDay(d, clock);
        assert.equal(dayOf(t, clock), d, `${d} starts on ${d}`);
        assert.equal(dayOf(t - 1, clock), addDays(d, -1), `the instant before ${d} is the day before`);
        assert.equal(hourOf(atHour(d, 18, clock), clock), 18);
        assert.equal(dayOf(atHour(d, 18, clock), clock), d);
      }
    }
  });

  it('counts the same days in real time zones (TZ set in child processes)', function () {
    this.timeout(60_000);
    const script = join(ROOT, 'test', 'unit', 'helpers', 'tzProbe.ts');
    for (const tz of ['America/New_York', 'Europe/London', 'Pacific/Auckland', 'Asia/Kolkata', 'UTC']) {
      const out = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, TZ: tz }, encoding: 'utf8' })) as { zone: string; checks: number; failures: string[]; goalDaysLeft: number[] };
      assert.equal(out.zone, tz);
      assert.deepEqual(out.failures, [], `${tz}: ${out.failures.join('; ')}`);
      assert.ok(out.checks > 700, `${tz}: ${out.checks} checks`);
      // Each evening of March (a DST change in three of the zones) is one day nearer the exam.
      assert.deepEqual(out.goalDaysLeft, Array.from({ length: 40 }, (_, i) => 45 - i));
    }
  });
});

describe('study to a date: the exam date', () => {
  const clock = fixedClock(Date.UTC(2026, 0, 10, 12));

  it('reads a date or "not booked", and explains bad input', () => {
    assert.deepEqual(parseExamDate(' 2026-03-14 ', clock), { date: '2026-03-14' });
    assert.deepEqual(parseExamDate('not booked', clock), { date: null });
    assert.deepEqual(parseExamDate('', clock), { date: null });
    assert.match((parseExamDate('14/03/2026', clock) as { error: string }).error, /YYYY-MM-DD/);
    assert.match((parseExamDate('2026-02-30', clock) as { error: string }).error, /not a day/);
    assert.match((parseExamDate('2026-01-09', clock) as { error: string }).error, /past/);
    assert.deepEqual(parseExamDate('2026-01-10', clock), { date: '2026-01-10' }, 'today is a valid exam day');
  });

  it('counts down in local days', () => {
    assert.equal(countdown('2026-01-28', clock), 'exam in 18 d');
    assert.equal(countdown('2026-01-11', clock), 'exam tomorrow');
    assert.equal(countdown('2026-01-10', clock), 'exam today');
    // 23:30 in New York on 10 Jan is already 11 Jan in UTC: the countdown follows the local day.
    assert.equal(countdown('2026-01-28', fixedClock(Date.UTC(2026, 0, 11, 4, 30), newYork)), 'exam in 18 d');
  });

  it('is stored with the progress: latest choice wins in a merge, "not booked" included, and it survives recovery', () => {
    const set = { ...emptyProgress(), exam: { date: '2026-03-14', at: 10 } };
    const cleared = { ...emptyProgress(), exam: { date: null, at: 20 } };
    assert.deepEqual(mergeProgress(set, cleared).exam, { date: null, at: 20 });
    assert.deepEqual(mergeProgress(cleared, set).exam, { date: null, at: 20 });
    assert.deepEqual(mergeProgress(set, emptyProgress()).exam, set.exam);
    assert.equal(mergeProgress(emptyProgress(), emptyProgress()).exam, undefined);
    const v1 = { version: 1, answers: [], ratings: {}, flags: {}, ticks: {}, mocks: {}, sessions: {} };
    const up = recoverProgress(v1);
    assert.equal(up.damaged, false, 'a version-1 state migrates without complaint');
    assert.equal(up.progress.version, PROGRESS_VERSION);
    const damaged = recoverProgress({ ...v1, version: PROGRESS_VERSION, exam: { date: '2026-13-01', at: 5 } });
    assert.equal(damaged.damaged, true);
    assert.equal(damaged.progress.exam, undefined, 'an invalid date is left out, not guessed');
    assert.deepEqual(recoverProgress({ ...v1, version: PROGRESS_VERSION, exam: set.exam }).progress.exam, set.exam);
  });
});

describe('study to a date: the daily goal', () => {
  it('paces new questions to finish a week before the exam; the last two days are for reviews', () => {
    assert.equal(newPace(144, '2026-01-01', '2026-02-12'), Math.ceil(144 / 36));
    assert.equal(newPace(10, '2026-02-04', '2026-02-12'), 5, 'the deadline day itself counts');
    assert.equal(newPace(10, '2026-02-08', '2026-02-12'), 4, 'behind in the last week: spread over the days before the eve');
    assert.equal(newPace(10, '2026-02-11', '2026-02-12'), 0);
    assert.equal(newPace(0, '2026-01-01', '2026-02-12'), 0);
    assert.deepEqual(mockDays('2026-02-20', 2), ['2026-02-08', '2026-02-15']);
    assert.deepEqual(mockDays('2026-02-20', 3), ['2026-02-07', '2026-02-11', '2026-02-15']);
  });

  it('a diligent learner meets the goal every day, practises every objective N times a week before, sits both mocks', () => {
    const run = simulate(b, { start: '2026-01-05', exam: '2026-02-16', behaviour: diligent });
    assert.ok(run.days.every((d) => d.after.goal!.met), `missed: ${run.days.filter((d) => !d.after.goal!.met).map((d) => d.day).join(', ')}`);
    assert.equal(run.days.at(-1)!.after.streak, run.days.length);
    const deadline = run.days.find((d) => d.day === addDays('2026-02-16', -PRACTICE_DONE_BEFORE + 1))!;
    assert.equal(deadline.before.goal!.remainingPractice, 0, 'every objective practised N times by a week before the exam');
    assert.ok(run.days.every((d) => !d.before.pace?.startsWith('You missed')));
    assert.deepEqual(run.days.filter((d) => d.before.goal!.mockDue).map((d) => d.day), mockDays('2026-02-16', 2));
    const perObjective = new Map<string, Set<string>>();
    for (const a of run.progress.answers) {
      const o = b.get(a.q)!.objective;
      perObjective.set(o, (perObjective.get(o) ?? new Set()).add(a.q));
    }
    assert.ok(objectives.every((o) => (perObjective.get(o)?.size ?? 0) >= 3));
  });

  it('a lapsing learner loses the streak, and the pace change is explained', () => {
    const run = simulate(b, { start: '2026-01-05', exam: '2026-02-16', behaviour: lapsing(10, 2) });
    const back = run.days[12]!;
    assert.equal(run.days[11]!.after.goal!.met, false);
    assert.equal(back.before.missedDays, 2);
    const m = /^You missed 2 days: (\d+) new a day instead of (\d+)\.$/.exec(back.before.pace ?? '');
    assert.ok(m, `pace note: ${back.before.pace}`);
    assert.ok(Number(m[1]) > Number(m[2]));
    assert.equal(Number(m[1]), back.before.goal!.newTarget);
    assert.equal(back.after.streak, 1, 'the streak starts again');
    assert.equal(run.days.at(-1)!.after.streak, run.days.length - 12);
    assert.match(goalLine(back.before.goal!), /^\d+ new \(0 done\)/);
  });

  it('a last-minute learner is asked for more each day, still gets new questions in the last week, and is told why', () => {
    const run = simulate(b, { start: '2026-01-05', exam: '2026-02-16', behaviour: lastMinute(10) });
    const first = run.days[0]!.before.goal!;
    const start = run.days.find((d) => daysBetween(d.day, '2026-02-16') === 10)!;
    assert.ok(start.before.goal!.newTarget > 3 * first.newTarget, `${start.before.goal!.newTarget} vs ${first.newTarget}`);
    assert.match(start.before.pace!, /^You missed \d+ days: \d+ new a day instead of \d+\./);
    const lastWeek = run.days.find((d) => daysBetween(d.day, '2026-02-16') === 5)!;
    assert.ok(lastWeek.before.goal!.newTarget > 0 || lastWeek.before.goal!.remainingPractice === 0);
    assert.equal(run.days.at(-1)!.before.goal!.newTarget, 0, 'the day before the exam: reviews only');
    assert.equal(run.days[5]!.after.streak, 0);
  });
});

describe('study to a date: the exam-day forecast', () => {
  const run = simulate(b, { start: '2026-01-05', exam: '2026-02-16', behaviour: lapsing(8, 3), skill: 0.7 });
  const clock = run.clockOn('2026-01-20', 20);
  const cut: Progress = { ...run.progress, answers: run.progress.answers.filter((a) => a.at <= clock.now()) };

  it('decays to the exam day if you stop, and keeping the goal beats stopping in every domain', () => {
    const f = examForecast(b, cut, bp, '2026-02-16', clock)!;
    assert.ok(f.overall.stop < f.overall.today, 'forgetting until the exam');
    assert.ok(f.overall.keep > f.overall.stop);
    for (const d of f.domains) assert.ok(d.keep >= d.stop && d.stop <= d.today, d.domain);
    assert.ok(f.simulated.reviews > 0 && f.simulated.newQuestions > 0);
    assert.deepEqual(examForecast(b, cut, bp, '2026-02-16', clock), f, 'deterministic');
    assert.match(forecastLine(f.domains[3]!), /^Model Deployment: \d+ % today → \d+ % on exam day if you stop$/);
  });

  it('property: the forecast with the goal kept is never below the forecast if you stop', function () {
    this.timeout(120_000);
    const ids = b.questions.filter((q) => b.inBlueprint(q, bp)).map((q) => q.id);
    const T0 = Date.UTC(2026, 2, 1, 12);
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 0, max: 120 }), fc.integer({ min: 1, max: 90 }), fc.double({ min: 0, max: 1, noNaN: true }),
      fc.constantFrom<number | ((t: number) => number)>(0, 330, newYork, auckland, -600),
      (seed, count, daysToExam, skill, offset) => {
        const random = seededRandom(seed);
        const p = emptyProgress();
        for (let i = 0; i < count; i++) {
          const q = b.get(ids[Math.floor(random() * ids.length)]!)!;
          const right = random() < skill;
          p.answers.push({ id: `p${i}`, q: q.id, at: T0 - Math.floor(random() * 40 * 86_400_000), choices: right ? keysOf(q) : [q.choices.find((c) => !c.correct)!.id], correct: right, ms: 1000, mode: 'practice' });
        }
        p.answers.sort((x, y) => x.at - y.at);
        const clock = fixedClock(T0, offset);
        const f = examForecast(b, p, bp, addDays(dayOf(T0, clock), daysToExam), clock)!;
        assert.ok(f.overall.keep >= f.overall.stop - 1e-9, `overall ${f.overall.keep} < ${f.overall.stop}`);
        for (const d of f.domains) assert.ok(d.keep >= d.stop - 1e-9, `${d.domain} ${d.keep} < ${d.stop}`);
      },
    ), { numRuns: 60, seed: 12 });
  });
});

describe('study to a date: the six-week plan keeps pace', () => {
  const weeks = Array.from({ length: 6 }, (_, i) => ({ id: `w${i + 1}`, items: 5, done: i < 2 ? 5 : 0 }));

  it('with six weeks or more, dates each week; the last ends the day before the exam; a week behind says so', () => {
    const s = schedulePlan(weeks, '2026-03-15', '2026-01-20', '2026-02-10')!;
    assert.equal(s.compressed, false);
    assert.equal(s.weeks[5]!.due, '2026-03-14');
    assert.equal(s.weeks[2]!.due, '2026-02-21');
    const late = schedulePlan(weeks, '2026-03-15', '2026-01-20', '2026-02-22')!;
    assert.equal(late.weeks[2]!.behind, true);
    assert.equal(weekLine(late.weeks[2]!), 'Week 3 · due 21 Feb · 5 items left');
    assert.equal(late.weeks[1]!.behind, false, 'a done week is never behind');
  });

  it('with less than six weeks, compresses and says which weeks share days', () => {
    const s = schedulePlan(weeks, '2026-03-15', '2026-02-13', '2026-02-13')!; // 30 days: 5 calendar weeks
    assert.equal(s.compressed, true);
    assert.equal(s.weeks[5]!.due, '2026-03-14');
    assert.deepEqual(s.weeks[0]!.sharesWith, [2]);
    assert.equal(s.weeks[0]!.start, '2026-02-13');
    assert.match(s.note!, /^Less than 6 weeks left \(5 weeks\): weeks 1 and 2 share 13–18 Feb\.$/);
    const tight = schedulePlan(weeks, '2026-03-15', '2026-03-02', '2026-03-02')!; // 13 days: 2 slots
    assert.match(tight.note!, /weeks 1–3 share 2–7 Mar; weeks 4–6 share 8–14 Mar/);
    assert.equal(schedulePlan(weeks, '2026-03-15', '2026-03-15', '2026-03-15'), undefined, 'nothing to lay out on the exam day');
  });
});

describe('study to a date: the quiz panel', () => {
  // The panel's pure app, driven as the webview drives it (messages validated as on arrival).
  let progress: Progress = emptyProgress();
  let screen: Screen = { name: 'home' };
  const now = Date.UTC(2026, 0, 10, 15);
  let n = 0;
  const ctx = (): AppContext => ({ bank: b, progress, now, newId: () => `g${n++}`, random: seededRandom(3), clock: fixedClock(now, newYork), settings: { blueprint: 'current', setSize: 5, order: 'random', feedback: 'immediate', allowPause: false, tzOffsetMinutes: 0 } });
  const send = (intent: unknown) => {
    const o = handle(FromWebviewSchema.parse(intent), screen, ctx());
    for (const d of o.deltas) progress = mergeProgress(progress, deltaAsProgress(d));
    screen = o.screen;
    return o;
  };
  const home = () => {
    const v = ToWebviewSchema.parse({ type: 'render', view: render({ name: 'home' }, ctx()) });
    assert.ok(v.type === 'render' && v.view.screen === 'home');
    return v.view;
  };

  it('refuses malformed or past dates on arrival, sets a valid one, and "not booked" clears it', () => {
    assert.equal(FromWebviewSchema.safeParse({ type: 'setExamDate', date: '<img src=x>' }).success, false);
    assert.equal(send({ type: 'setExamDate', date: '2025-12-01' }).deltas.length, 0, 'past');
    assert.equal(send({ type: 'setExamDate', date: '2026-02-31' }).deltas.length, 0, 'not a day');
    assert.deepEqual(home().exam, { date: null, min: '2026-01-10', streak: 0 });
    send({ type: 'setExamDate', date: '2026-03-01' });
    assert.equal(progress.exam?.date, '2026-03-01');
    assert.equal(send({ type: 'setExamDate', date: '2026-03-01' }).deltas.length, 0, 'the same date again records nothing');
  });

  it('starts today\'s goal; answering it shows the goal met and a 1-day streak', () => {
    const before = home().exam!;
    assert.match(before.heading!, /^Exam on 1 Mar 2026 \(in 50 days\)$/);
    const goal = before.goal!;
    assert.equal(goal.met, false);
    assert.ok(goal.newTarget > 0 && goal.reviewTarget === 0);
    assert.ok(before.forecast && before.forecast.domains.length === 4);
    send({ type: 'startGoal' });
    assert.equal(screen.name, 'session');
    const s = progress.sessions[(screen as { id: string }).id]!;
    assert.equal(s.title, "Today's goal");
    assert.equal(s.questionIds.length, goal.newTarget);
    for (const id of s.questionIds) {
      send({ type: 'select', questionId: id, choice: keysOf(b.get(id)!)[0]! });
      if (keysOf(b.get(id)!).length > 1) send({ type: 'select', questionId: id, choice: keysOf(b.get(id)!)[1]! });
      send({ type: 'submit', questionId: id });
      send({ type: 'next' });
    }
    const after = home().exam!;
    assert.equal(after.goal!.met, true);
    assert.equal(after.streak, 1);
    assert.equal(send({ type: 'startGoal' }).screen.name, 'empty', 'nothing left to start');
    send({ type: 'setExamDate', date: null });
    assert.equal(progress.exam?.date, null);
  });
});

describe('study to a date: the daily reminder', () => {
  const run = simulate(b, { start: '2026-01-05', exam: '2026-02-16', behaviour: (i) => i < 3 });
  const report = (hour: number) => {
    const clock = run.clockOn('2026-01-12', hour);
    return { clock, report: dailyGoal(studyIndexOf(b), run.progress, 'current', clock) };
  };

  it('reminds once a day, after the hour, with the goal and the countdown; never when off or met', () => {
    const at19 = report(19);
    const due = reminderDue({ enabled: true, hour: 18 }, at19.report, at19.clock)!;
    assert.equal(due.day, '2026-01-12');
    assert.match(due.message, /^ML Associate Prep: today's goal is \d+ new \(0 done\)( · \d+ reviews? \(0 done\))?; exam in 35 d\.$/);
    assert.equal(reminderDue({ enabled: true, hour: 18, lastShown: '2026-01-12' }, at19.report, at19.clock), undefined, 'once a day');
    assert.equal(reminderDue({ enabled: false, hour: 18 }, at19.report, at19.clock), undefined, 'opt-in');
    const at17 = report(17);
    assert.equal(reminderDue({ enabled: true, hour: 18 }, at17.report, at17.clock), undefined, 'not before the hour');
    assert.ok(reminderDue({ enabled: true, hour: 18, lastShown: '2026-01-11' }, at19.report, at19.clock), 'yesterday\'s reminder does not count');
    const met = simulate(b, { start: '2026-01-05', exam: '2026-02-16', behaviour: diligent }).days[7]!;
    assert.equal(met.after.goal!.met, true);
    assert.equal(reminderDue({ enabled: true, hour: 0 }, met.after, run.clockOn(met.day, 23)), undefined, 'never when the goal is met');
    assert.equal(reminderDue({ enabled: true, hour: 0 }, undefined, at19.clock), undefined, 'never without an exam date');
  });
});

describe('study to a date: the plan tree of simulated learners', () => {
  const weeksOf = (tree: ReturnType<typeof planTree>) => tree.find((n) => n.kind === 'plan')!.children!;

  it('a diligent learner booked seven weeks ahead: dated weeks, no compression, the forecast per domain', () => {
    const run = simulate(b, { start: '2026-01-05', exam: '2026-02-23', behaviour: diligent });
    const clock = run.clockOn('2026-01-20', 20);
    const tree = planTree(b, { ...run.progress, answers: run.progress.answers.filter((a) => a.at <= clock.now()) }, bp, clock.now(), true, { clock, forecast: examForecast });
    assert.equal(tree[0]!.kind, 'exam');
    assert.match(tree[0]!.label, /^Exam on 23 Feb 2026 \(in 34 days\)$/);
    const weeks = weeksOf(tree);
    assert.equal(weeks.filter((w) => w.kind === 'week').length, 6, 'no compression note');
    assert.match(weeks[5]!.description!, /· due 22 Feb$/);
    assert.ok(tree[0]!.children!.some((c) => /^Model Deployment: \d+ % today → \d+ % on exam day if you stop$/.test(c.label)));
    const domain = tree.find((n) => n.kind === 'domains')!.children![3]!;
    assert.match(domain.description!, /ready \d+ % → \d+ % on exam day/);
  });

  it('a last-minute learner booked four weeks ahead, nothing ticked: compressed, shared weeks named, week 1 behind', () => {
    const run = simulate(b, { start: '2026-01-26', exam: '2026-02-23', behaviour: lastMinute(5) });
    const clock = run.clockOn('2026-02-05', 20);
    const tree = planTree(b, { ...run.progress, ticks: {} }, bp, clock.now(), false, { clock, forecast: examForecast });
    const weeks = weeksOf(tree);
    assert.equal(weeks[0]!.kind, 'pace');
    assert.match(weeks[0]!.label, /^Less than 6 weeks left \(4 weeks\): weeks 1 and 2 share 26 Jan–1 Feb; weeks 4 and 5 share 9–15 Feb\.$/);
    assert.match(weeks[1]!.description!, /^behind · due 1 Feb · \d+ items left$/);
    assert.match(weeks[1]!.tooltip!, /^Week 1 · due 1 Feb · \d+ items? left \(behind\)\nShares its days with week 2\.$/);
    assert.match(tree[0]!.children!.find((c) => c.kind === 'pace')!.label, /^You missed \d+ days/);
  });
});
