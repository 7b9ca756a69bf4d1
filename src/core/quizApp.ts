import type { FeedbackView, FromWebview, QuestionView, View } from '../protocol';
import { OUTSIDE, type Bank } from './bank';
import type { Question } from './content/schema';
import { isCorrect, keysOf, selectCount } from './engine/grading';
import { countedMocks, drawMock, mockDiscard, mockGoto, mockPause, mockReport, mockResume, mockSelect, mockSubmit, mockTick, mockToggleFlag, remainingMs, startMock } from './engine/mock';
import { drawOrders, orderedChoices } from './engine/optionOrder';
import { drillQuestions, filterQuestions, lastAnswers, practiceOrder, type DrillKind } from './engine/selection';
import { activeSession, currentId, finishSession, nextQuestion, selectChoice, sessionScore, setChoices, startSession, submitAnswer } from './engine/session';
import type { Answer, Delta, Mock, Progress, Session } from './progress/schema';
import { computeReadiness } from './readiness';
import { cardsFrom, dueQuestions } from './scheduler';
import { answeredOnDayOf, computeStats } from './stats';
import { fixedClock, startOfDay, today as todayOf, type Clock } from './study/clock';
import { dailyGoal, goalNewQuestions, type GoalSettings } from './study/dailyGoal';
import { studyIndexOf } from './study/studyIndex';
import { examDelta, parseExamDate } from './study/examDate';
import { homeExamView, statsExamView } from './study/studyViews';

// The quiz panel's behaviour as pure functions: an intent from the webview and the current screen
// give the next screen and the changes to record; a screen and the state give the view to draw.
// The VS Code adapter only persists the changes and posts the views.

export interface QuizSettings {
  blueprint: string;
  setSize: number;
  order: 'random' | 'in-order';
  feedback: 'immediate' | 'end';
  allowPause: boolean;
  tzOffsetMinutes: number;
  /** Show objective, difficulty and APIs before the answer in practice (off: as in the exam). */
  showHints?: boolean;
  /** The daily goal's settings (study/dailyGoal.ts); the defaults when absent. */
  goal?: GoalSettings;
}

export interface AppContext {
  bank: Bank;
  progress: Progress;
  now: number;
  settings: QuizSettings;
  newId: () => string;
  random: () => number;
  /** Local days for the exam date and the daily goal; a fixed clock at `now` and the settings' offset when absent. */
  clock?: Clock;
}

/** The clock of a context: its own, or `now` with the settings' offset. */
export const clockOf = (ctx: AppContext): Clock => ctx.clock ?? fixedClock(ctx.now, ctx.settings.tzOffsetMinutes);

export type Screen =
  | { name: 'home' }
  | { name: 'setup'; preset?: { domains: string[]; objectives: string[]; symbols: string[] } }
  | { name: 'stats' }
  | { name: 'session'; id: string }
  | { name: 'summary'; id: string }
  | { name: 'mock'; id: string }
  | { name: 'mockReport'; id: string }
  | { name: 'empty'; title: string; message: string };

export interface Outcome {
  screen: Screen;
  deltas: Delta[];
  openUrl?: string;
  openInEditor?: boolean;
}

/** Documentation hosts the panel may open. */
const DOC_HOSTS = /^https:\/\/([a-z0-9-]+\.)*(databricks\.com|microsoft\.com|mlflow\.org|apache\.org|github\.io|scikit-learn\.org|pydata\.org|pytorch\.org|python\.org)(\/|$)/i;

export function activeMock(progress: Progress): Mock | undefined {
  return Object.values(progress.mocks).filter((m) => !m.finishedAt).sort((a, b) => b.updatedAt - a.updatedAt)[0];
}

/** Where the panel opens: a running mock, else an unfinished session, else home. */
export function initialScreen(ctx: AppContext): Screen {
  const m = activeMock(ctx.progress);
  if (m) return { name: 'mock', id: m.id };
  const s = activeSession(ctx.progress.sessions);
  if (s && ctx.bank.get(currentId(s) ?? '')) return { name: 'session', id: s.id };
  return { name: 'home' };
}

const stay = (screen: Screen): Outcome => ({ screen, deltas: [] });

/** Option orders for a new attempt at these questions (each differs from the one shown last time). */
function ordersFor(ctx: AppContext, ids: readonly string[]): Record<string, string[]> {
  return drawOrders(ids.flatMap((id) => ctx.bank.get(id) ?? []), ctx.progress.answers, ctx.random);
}

function newSession(ctx: AppContext, kind: Session['kind'], title: string, ids: string[], feedback: Session['feedback'], filter?: Session['filter']): Outcome {
  if (!ids.length) return stay({ name: 'empty', title, message: emptyMessage(kind, title) });
  const s = startSession({ id: ctx.newId(), kind, title, questionIds: ids, feedback, orders: ordersFor(ctx, ids), ...(filter ? { filter } : {}) }, ctx.now);
  return { screen: { name: 'session', id: s.id }, deltas: [{ t: 'session', s }] };
}

function emptyMessage(kind: Session['kind'], title: string): string {
  if (kind === 'review') return 'Nothing is due for review. Answer a few practice questions and they will come back here when it is time.';
  if (title.startsWith('My mistakes')) return 'No mistakes to drill: every question you last answered was right.';
  if (title.startsWith('Flagged')) return 'You have not flagged any question. Flag one from the question screen to find it here.';
  if (title.startsWith('Never seen')) return 'You have answered every question in this blueprint at least once.';
  return 'No question matches this choice. Widen the filter and try again.';
}

/** Starts the practice set for a symbol ("Quiz me on this" from a hover card). */
export function practiceSymbols(ctx: AppContext, symbols: string[]): Outcome {
  const qs = ctx.bank.forSymbols(symbols);
  const ids = practiceOrder(qs, 'random', ctx.settings.setSize, ctx.random);
  return newSession(ctx, 'practice', `Practice: ${symbols[0]}`, ids, ctx.settings.feedback, { blueprint: ctx.settings.blueprint, domains: [], objectives: [], symbols, difficulties: [] });
}

/** Starts practice on chosen questions (a search result, the APIs and objectives picked in a list). */
export function practiceIds(ctx: AppContext, ids: readonly string[], title: string): Outcome {
  return newSession(ctx, 'practice', title, ids.filter((id) => ctx.bank.get(id)), ctx.settings.feedback);
}

/** Starts practice on objectives (a study-plan item, a weak domain). */
export function practiceObjectives(ctx: AppContext, objectives: string[], title: string): Outcome {
  const f = { blueprint: ctx.settings.blueprint, domains: [], objectives, symbols: [], difficulties: [] };
  const ids = practiceOrder(filterQuestions(ctx.bank, f), 'random', ctx.settings.setSize, ctx.random);
  return newSession(ctx, 'practice', title, ids, ctx.settings.feedback, f);
}

/** Reviews what is due (optionally only questions of some objectives, e.g. the weakest domain). */
export function startReviewOutcome(ctx: AppContext, objectives?: readonly string[], title = 'Review due questions'): Outcome {
  const inScope = (id: string) => {
    const q = ctx.bank.get(id);
    return !!q && (!objectives || objectives.includes(q.objective));
  };
  const due = dueQuestions(cardsFrom(ctx.progress), ctx.now, inScope).slice(0, Math.max(ctx.settings.setSize, 20));
  return newSession(ctx, 'review', title, due, 'immediate');
}

/** Starts today's goal: the reviews and new questions it still asks for, else its mock exam. */
export function startGoalOutcome(ctx: AppContext): Outcome {
  const { bank, progress } = ctx;
  const bp = bank.blueprint(ctx.settings.blueprint);
  const clock = clockOf(ctx);
  const index = studyIndexOf(bank);
  const report = dailyGoal(index, progress, bp.id, clock, ctx.settings.goal);
  const title = "Today's goal";
  if (!report?.goal) return stay({ name: 'empty', title, message: report ? 'The exam day has come: no goal today. Good luck!' : 'Set your exam date first (Set Exam Date… or the home panel): the goal is worked out from it.' });
  const g = report.goal;
  const dayStart = startOfDay(todayOf(clock), clock);
  const answeredToday = new Set(progress.answers.filter((a) => a.at >= dayStart).map((a) => a.q));
  const inBp = (id: string) => { const q = bank.get(id); return !!q && bank.inBlueprint(q, bp); };
  const reviews = dueQuestions(cardsFrom({ ...progress, answers: progress.answers.filter((a) => a.at < dayStart) }), dayStart, inBp)
    .filter((id) => !answeredToday.has(id)).slice(0, Math.max(0, g.reviewTarget - g.reviewsDone));
  const fresh = goalNewQuestions(index, progress, bp.id, Math.max(0, g.newTarget - g.newDone), ctx.settings.goal).filter((id) => bank.get(id));
  const ids = [...reviews, ...fresh];
  if (!ids.length && g.mockDue && !g.mockDone) return handle({ type: 'startMock' }, { name: 'home' }, ctx);
  if (!ids.length) return stay({ name: 'empty', title, message: "Today's goal is met. Practise more if you like; tomorrow's goal will be a little lighter." });
  return newSession(ctx, 'practice', title, ids, 'immediate');
}

/** `{ key: value }` when the value is there, else nothing (for optional view fields). */
const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));

const answerIndex = (p: Progress) => new Map(p.answers.map((a) => [a.id, a]));

/** Applies one intent from the webview. */
export function handle(intent: FromWebview, screen: Screen, ctx: AppContext): Outcome {
  const { bank, progress, now } = ctx;
  const session = screen.name === 'session' ? progress.sessions[screen.id] : undefined;
  const mock = screen.name === 'mock' ? progress.mocks[screen.id] : undefined;
  const bp = bank.blueprint(ctx.settings.blueprint);
  switch (intent.type) {
    case 'ready':
      return stay(screen);
    case 'show':
      return stay({ name: intent.screen });
    case 'openDocs':
      return DOC_HOSTS.test(intent.url) ? { screen, deltas: [], openUrl: intent.url } : stay(screen);
    case 'openInEditor':
      return { screen, deltas: [], openInEditor: true };
    case 'renderError':
      return stay(screen); // the adapter logs it; the webview already shows the text plainly
    case 'painted':
      return stay(screen); // the adapter records the time; nothing changes
    case 'practiceWorkspace':
      return stay(screen); // the adapter scans the workspace, then starts the set
    case 'setExamDate': {
      // Checked again here: the date field's own limits are the webview's, not ours.
      const r = parseExamDate(intent.date ?? 'not booked', clockOf(ctx));
      if ('error' in r || r.date === (progress.exam?.date ?? null)) return stay(screen);
      return { screen, deltas: [examDelta(r.date, now)] };
    }
    case 'startGoal':
      return startGoalOutcome(ctx);
    case 'startPractice': {
      const f = { blueprint: bp.id, domains: intent.domains, objectives: intent.objectives, symbols: intent.symbols, difficulties: intent.difficulties };
      const ids = practiceOrder(filterQuestions(bank, f), intent.order, intent.size, ctx.random);
      return newSession(ctx, 'practice', practiceTitle(ctx, f), ids, intent.feedback, f);
    }
    case 'startReview':
      return startReviewOutcome(ctx);
    case 'startDrill': {
      const titles: Record<DrillKind, string> = { mistakes: 'My mistakes', flagged: 'Flagged questions', unseen: 'Never seen' };
      const qs = drillQuestions(bank, progress, intent.kind, bp);
      return newSession(ctx, 'drill', titles[intent.kind], practiceOrder(qs, 'random', Math.max(ctx.settings.setSize, qs.length > 50 ? ctx.settings.setSize : qs.length), ctx.random), ctx.settings.feedback);
    }
    case 'resume':
      return stay(initialScreen(ctx));
    case 'select': {
      const q = bank.get(intent.questionId);
      if (!session || !q) return stay(screen);
      const s = selectChoice(session, q, intent.choice, now);
      return s === session ? stay(screen) : { screen, deltas: [{ t: 'session', s }] };
    }
    case 'submit': {
      const q = bank.get(intent.questionId);
      if (!session || !q) return stay(screen);
      const picked = intent.selected ? setChoices(session, q, intent.selected, now) : session;
      const { session: s, answer } = submitAnswer(picked, q, now, ctx.newId());
      if (!answer) return stay(screen);
      return { screen, deltas: [{ t: 'answer', a: answer }, { t: 'session', s }] };
    }
    case 'next': {
      if (!session) return stay(screen);
      const s = nextQuestion(session, now);
      return { screen: s.finishedAt ? { name: 'summary', id: s.id } : screen, deltas: [{ t: 'session', s }] };
    }
    case 'endSession': {
      if (!session) return stay({ name: 'home' });
      const s = finishSession(session, now);
      return { screen: { name: 'summary', id: s.id }, deltas: [{ t: 'session', s }] };
    }
    case 'rate': {
      const a = progress.answers.find((x) => x.id === intent.answerId);
      if (!a) return stay(screen);
      return { screen, deltas: [{ t: 'rating', id: a.id, r: { rating: intent.rating, at: now } }] };
    }
    case 'flag': {
      if (!bank.get(intent.questionId)) return stay(screen);
      const flagged = !progress.flags[intent.questionId]?.flagged;
      return { screen, deltas: [{ t: 'flag', q: intent.questionId, f: { flagged, at: now } }] };
    }
    case 'startMock': {
      const running = activeMock(progress);
      if (running) return stay({ name: 'mock', id: running.id });
      const draw = drawMock(bank, bp, Object.values(progress.mocks), ctx.random);
      if (!draw.questionIds.length) return stay({ name: 'empty', title: 'Mock exam', message: 'The bank has no questions for this blueprint yet.' });
      const m = startMock(ctx.newId(), bp, draw.questionIds, now, ordersFor(ctx, draw.questionIds));
      return { screen: { name: 'mock', id: m.id }, deltas: [{ t: 'mock', m }] };
    }
    case 'mockSelect': {
      const q = bank.get(intent.questionId);
      if (!mock || !q) return stay(screen);
      return mockOutcome(screen, mock, mockSelect(mock, q, intent.choice, now));
    }
    case 'mockFlag': {
      if (!mock) return stay(screen);
      const after = mockToggleFlag(mock, now);
      if (after === mock) return stay(screen);
      // A flag set in a mock is a flag like any other: it feeds the Flagged drill.
      const qid = mock.questionIds[mock.index]!;
      return { screen, deltas: [{ t: 'mock', m: after }, { t: 'flag', q: qid, f: { flagged: after.flagged.includes(qid), at: now } }] };
    }
    case 'mockDiscard':
      return mock ? { screen: { name: 'home' }, deltas: [{ t: 'mock', m: mockDiscard(mock, now) }] } : stay(screen);
    case 'drillMock': {
      const m = progress.mocks[intent.mockId];
      if (!m?.finishedAt || m.discarded) return stay(screen);
      const wrong = mockReport(m, bank).questions.filter((row) => !row.correct).map((row) => row.id).filter((id) => bank.get(id));
      return newSession(ctx, 'drill', "This mock's mistakes", wrong, 'immediate');
    }
    case 'mockGoto':
      return mock ? mockOutcome(screen, mock, mockGoto(mock, intent.index, now)) : stay(screen);
    case 'mockPause':
      return mock && ctx.settings.allowPause ? mockOutcome(screen, mock, mockPause(mock, now)) : stay(screen);
    case 'mockResume':
      return mock ? mockOutcome(screen, mock, mockResume(mock, now)) : stay(screen);
    case 'mockSubmit': {
      if (!mock) return stay(screen);
      const { mock: m, answers } = mockSubmit(mock, bank, now, 'user', (qid) => mockAnswerId(mock.id, qid));
      return { screen: { name: 'mockReport', id: m.id }, deltas: [{ t: 'mock', m }, ...answers.map((a): Delta => ({ t: 'answer', a }))] };
    }
    case 'openMockReport':
      return progress.mocks[intent.mockId]?.finishedAt ? stay({ name: 'mockReport', id: intent.mockId }) : stay(screen);
  }
}

function mockOutcome(screen: Screen, before: Mock, after: Mock): Outcome {
  return after === before ? stay(screen) : { screen, deltas: [{ t: 'mock', m: after }] };
}

/**
 * A mock's answers get ids made from the mock and the question, so two windows that both submit
 * the same mock (one by time-out, one by hand) record each answer once.
 */
export const mockAnswerId = (mockId: string, qid: string): string => `${mockId}:${qid}`;

/** Auto-submits a running mock whose time ran out (called on a timer and on load). */
export function tick(screen: Screen, ctx: AppContext): Outcome | undefined {
  const m = activeMock(ctx.progress);
  if (!m) return undefined;
  const { mock, answers } = mockTick(m, ctx.bank, ctx.now, (qid) => mockAnswerId(m.id, qid));
  if (mock === m) return undefined;
  const onMock = screen.name === 'mock' && screen.id === m.id;
  return { screen: onMock ? { name: 'mockReport', id: m.id } : screen, deltas: [{ t: 'mock', m: mock }, ...answers.map((a): Delta => ({ t: 'answer', a }))] };
}

function practiceTitle(ctx: AppContext, f: { blueprint: string; domains: string[]; objectives: string[]; symbols: string[]; difficulties: string[] }): string {
  const bp = ctx.bank.blueprint(f.blueprint);
  const parts: string[] = [];
  if (f.domains.length) parts.push(f.domains.map((d) => bp.domains.find((x) => x.id === d)?.title ?? 'Older guides').join(', '));
  if (f.objectives.length) parts.push(f.objectives.length === 1 ? ctx.bank.objective(f.objectives[0]!)?.title ?? f.objectives[0]! : `${f.objectives.length} objectives`);
  if (f.symbols.length) parts.push(f.symbols.length === 1 ? f.symbols[0]! : `${f.symbols.length} APIs`);
  if (f.difficulties.length) parts.push(f.difficulties.join('/'));
  return `Practice${parts.length ? ': ' + parts.join(' · ') : ''}`;
}

// ---------------------------------------------------------------- views

/**
 * What the learner sees of a question. Before the answer: the stem and the options (in this
 * attempt's order), and in practice the domain; objective, difficulty, APIs and topic come with the
 * feedback, unless the learner turned hints on for practice.
 */
export function questionView(bank: Bank, q: Question, blueprintId: string, o: { order?: readonly string[]; reveal: 'all' | 'domain' | 'none' }): QuestionView {
  const bp = bank.blueprint(blueprintId);
  const d = bank.domainOf(q.objective, bp);
  return {
    id: q.id, stem: q.stem, choices: orderedChoices(q, o.order).map((c) => ({ id: c.id, text: c.text })), type: q.type, select: selectCount(q), hasCode: q.hasCode,
    ...(o.reveal !== 'none' ? { domain: d ? { id: d.id, title: d.title } : { id: OUTSIDE, title: 'Older guides' } } : {}),
    ...(o.reveal === 'all' ? { about: { objective: { id: q.objective, title: bank.objective(q.objective)?.title ?? q.objective }, difficulty: q.difficulty, symbols: q.symbols, topic: q.topic } } : {}),
  };
}

export function feedbackView(q: Question, selected: readonly string[], answer?: Answer, rating?: FeedbackView['rating']): FeedbackView {
  return {
    correct: isCorrect(q, selected), keys: keysOf(q), explanations: Object.fromEntries(q.choices.map((c) => [c.id, c.explanation])),
    ...(q.versionNote ? { versionNote: q.versionNote } : {}), docs: q.docs,
    ...(answer ? { answerId: answer.id } : {}), ...(rating ? { rating } : {}),
  };
}

/** The view for a screen. */
export function render(screen: Screen, ctx: AppContext): View {
  const { bank, progress, now } = ctx;
  const bp = bank.blueprint(ctx.settings.blueprint);
  switch (screen.name) {
    case 'empty':
      return { screen: 'empty', title: screen.title, message: screen.message };
    case 'session': {
      const s = progress.sessions[screen.id];
      const q = s && bank.get(currentId(s) ?? '');
      if (!s || !q) return render({ name: 'home' }, ctx);
      if (s.finishedAt) return render({ name: 'summary', id: s.id }, ctx);
      const r = s.responses[q.id];
      const answer = r?.answerId ? progress.answers.find((a) => a.id === r.answerId) : undefined;
      const showFeedback = !!r?.submittedAt && s.feedback === 'immediate';
      return {
        screen: 'question', sessionTitle: s.title, kind: s.kind, index: s.index, total: s.questionIds.length, feedbackMode: s.feedback,
        question: questionView(bank, q, bp.id, { order: s.orders?.[q.id], reveal: r?.submittedAt || ctx.settings.showHints ? 'all' : 'domain' }), selected: r?.selected ?? [], submitted: !!r?.submittedAt,
        ...(showFeedback ? { feedback: feedbackView(q, r!.selected, answer, answer ? progress.ratings[answer.id]?.rating : undefined) } : {}),
        flagged: !!progress.flags[q.id]?.flagged,
      };
    }
    case 'summary': {
      const s = progress.sessions[screen.id];
      if (!s) return render({ name: 'home' }, ctx);
      const answers = answerIndex(progress);
      const score = sessionScore(s, answers);
      const items = s.questionIds.flatMap((id) => {
        const q = bank.get(id);
        const r = s.responses[id];
        if (!q || !r?.submittedAt) return [];
        const a = r.answerId ? answers.get(r.answerId) : undefined;
        return [{ question: questionView(bank, q, bp.id, { order: s.orders?.[q.id], reveal: 'all' }), selected: r.selected, feedback: feedbackView(q, r.selected, a, a ? progress.ratings[a.id]?.rating : undefined), spentMs: a?.ms }];
      });
      return { screen: 'summary', title: s.title, ...score, items };
    }
    case 'mock': {
      const m = progress.mocks[screen.id];
      if (!m) return render({ name: 'home' }, ctx);
      if (m.finishedAt) return render({ name: 'mockReport', id: m.id }, ctx);
      const q = bank.get(m.questionIds[m.index]!);
      if (!q) return { screen: 'empty', title: 'Mock exam', message: 'A question of this mock is no longer in the bank.' };
      const remaining = remainingMs(m, now);
      return {
        screen: 'mock', mockId: m.id, blueprintTitle: bank.blueprint(m.blueprint).title, index: m.index, total: m.questionIds.length,
        question: questionView(bank, q, m.blueprint, { order: m.orders?.[q.id], reveal: 'none' }), selected: m.answers[q.id] ?? [], flagged: m.flagged.includes(q.id),
        map: m.questionIds.map((id) => ({ answered: (m.answers[id] ?? []).length > 0, flagged: m.flagged.includes(id) })),
        remainingMs: remaining, endsAt: now + remaining, paused: m.pausedAt !== undefined, canPause: ctx.settings.allowPause,
      };
    }
    case 'mockReport': {
      const m = progress.mocks[screen.id];
      if (!m?.finishedAt) return render({ name: 'home' }, ctx);
      const r = mockReport(m, bank);
      const items = r.questions.flatMap((row) => {
        const q = bank.get(row.id);
        return q ? [{ question: questionView(bank, q, m.blueprint, { order: m.orders?.[q.id], reveal: 'all' }), selected: row.selected, feedback: feedbackView(q, row.selected), spentMs: row.spentMs, flagged: row.flagged }] : [];
      });
      return {
        screen: 'mockReport', mockId: m.id, blueprintTitle: bank.blueprint(m.blueprint).title, correct: r.correct, total: r.total, percent: r.percent,
        passPercent: r.passPercent, passPublished: r.passPublished, passed: r.passed, finishedBy: r.finishedBy, usedMs: r.usedMs, durationMs: r.durationMs,
        perDomain: r.perDomain, items,
      };
    }
    case 'setup': {
      const inBp = bank.questions.filter((q) => bank.inBlueprint(q, bp));
      const symbolCounts = new Map<string, number>();
      for (const q of bank.questions) for (const s of q.symbols) symbolCounts.set(s, (symbolCounts.get(s) ?? 0) + 1);
      const outside = bank.questions.length - inBp.length;
      return {
        screen: 'setup', blueprint: { id: bp.id, title: bp.title },
        domains: [
          ...bp.domains.map((d) => ({ id: d.id, title: d.title, questions: inBp.filter((q) => d.objectives.includes(q.objective)).length })),
          ...(outside ? [{ id: OUTSIDE, title: 'Older guides (outside this blueprint)', questions: outside }] : []),
        ],
        objectives: bank.content.objectives.map((o) => ({ id: o.id, title: o.title, domain: bank.domainOf(o.id, bp)?.id ?? OUTSIDE, questions: bank.questions.filter((q) => q.objective === o.id).length })).filter((o) => o.questions),
        symbols: [...symbolCounts.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([id, n]) => ({ id, questions: n })),
        defaults: { size: ctx.settings.setSize, order: ctx.settings.order, feedback: ctx.settings.feedback },
        ...(screen.preset ? { preset: screen.preset } : {}),
      };
    }
    case 'stats': {
      const st = computeStats(bank, progress, bp, now, ctx.settings.tzOffsetMinutes);
      const rd = computeReadiness(bank, progress, bp, now);
      return {
        screen: 'stats', blueprintTitle: bp.title, answered: st.answered, correct: st.correct, streak: st.streak,
        perDomain: st.perDomain.map((d) => ({ id: d.id, title: d.title, weight: d.weight, answered: d.answered, correct: d.correct, ...(d.accuracy !== undefined ? { accuracy: d.accuracy } : {}), weekly: d.weekly })),
        perObjective: st.perObjective, daily: st.daily, weeks: st.weeks, mocks: st.mocks,
        readiness: { overall: rd.overall, domains: rd.domains.map((d) => ({ domain: d.domain, title: d.title, predicted: d.predicted, low: d.low, high: d.high, answered: d.answered, thin: d.thin })) },
        ...optional('exam', statsExamView(bank, progress, bp, clockOf(ctx), ctx.settings.goal)),
      };
    }
    case 'home': {
      const cards = cardsFrom(progress);
      const inBp = (id: string) => { const q = bank.get(id); return !!q && bank.inBlueprint(q, bp); };
      const st = computeStats(bank, progress, bp, now, ctx.settings.tzOffsetMinutes, 1, 1);
      const rd = computeReadiness(bank, progress, bp, now, cards);
      const last = lastAnswers(progress);
      const s = activeSession(progress.sessions);
      const m = activeMock(progress);
      return {
        screen: 'home',
        blueprint: { id: bp.id, title: bp.title, questions: bp.questions, minutes: bp.minutes, passPercent: bp.passPercent, passPublished: bp.passPublished },
        totalQuestions: bank.questions.filter((q) => bank.inBlueprint(q, bp)).length,
        otherQuestions: bank.questions.filter((q) => !bank.inBlueprint(q, bp)).length,
        answered: [...last.values()].filter((a) => inBp(a.q)).length,
        due: dueQuestions(cards, now, (id) => !!bank.get(id)).length,
        mistakes: [...last.values()].filter((a) => !a.correct && inBp(a.q)).length,
        flagged: Object.entries(progress.flags).filter(([id, f]) => f.flagged && inBp(id)).length,
        unseen: bank.questions.filter((q) => bank.inBlueprint(q, bp) && !last.has(q.id)).length,
        answeredToday: answeredOnDayOf(progress, now, ctx.settings.tzOffsetMinutes),
        streak: st.streak.current,
        ...(s && bank.get(currentId(s) ?? '') ? { resumable: { title: s.title, index: s.index, total: s.questionIds.length } } : {}),
        ...(m ? { activeMock: { id: m.id, answered: Object.values(m.answers).filter((a) => a.length).length, total: m.questionIds.length, endsAt: now + remainingMs(m, now), paused: m.pausedAt !== undefined, remainingMs: remainingMs(m, now) } } : {}),
        domains: bp.domains.map((d) => {
          const sd = st.perDomain.find((x) => x.id === d.id)!;
          const rdd = rd.domains.find((x) => x.domain === d.id)!;
          return { id: d.id, title: d.title, weight: d.weight, questions: bank.questions.filter((q) => d.objectives.includes(q.objective)).length, answered: sd.answered, ...(sd.accuracy !== undefined ? { accuracy: sd.accuracy } : {}), predicted: rdd.predicted };
        }),
        readiness: { predicted: rd.overall.predicted, low: rd.overall.low, high: rd.overall.high, passProbability: rd.overall.passProbability, thin: rd.overall.thin },
        mocks: countedMocks(progress.mocks).sort((a, b) => b.finishedAt! - a.finishedAt!).slice(0, 5).map((x) => {
          const r = mockReport(x, bank);
          return { id: x.id, at: x.finishedAt!, percent: r.percent, passed: r.passed };
        }),
        exam: homeExamView(bank, progress, bp, clockOf(ctx), ctx.settings.goal),
      };
    }
  }
}
