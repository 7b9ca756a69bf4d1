import * as z from 'zod';

// Every message between the quiz webview and the extension, as zod schemas. Both sides validate
// what they receive: the extension drops (and logs) any message from the webview that does not
// parse; the webview ignores a render it cannot read. Views carry no answer keys until a question
// is submitted.

const Id = z.string().min(1).max(200);
const Letter = z.string().regex(/^[A-E]$/);
const Md = z.string().max(20_000);

/** Answers before the panel shows a readiness estimate and a chance of passing. */
export const READINESS_MIN = 10;

export const ScreenNameSchema = z.enum(['home', 'setup', 'stats']);

export const FromWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('show'), screen: ScreenNameSchema }),
  z.object({ type: z.literal('select'), questionId: Id, choice: Letter }),
  /** `selected`: the options picked in the webview (which keeps the selection itself until Submit). */
  z.object({ type: z.literal('submit'), questionId: Id, selected: z.array(Letter).max(5).optional() }),
  z.object({ type: z.literal('next') }),
  z.object({ type: z.literal('endSession') }),
  z.object({ type: z.literal('rate'), answerId: Id, rating: z.enum(['again', 'hard', 'good', 'easy']) }),
  z.object({ type: z.literal('flag'), questionId: Id }),
  z.object({
    type: z.literal('startPractice'),
    domains: z.array(Id).max(20),
    objectives: z.array(Id).max(200),
    symbols: z.array(Id).max(200),
    difficulties: z.array(z.enum(['easy', 'medium', 'hard'])).max(3),
    order: z.enum(['random', 'in-order']),
    size: z.number().int().min(1).max(500),
    feedback: z.enum(['immediate', 'end']),
  }),
  z.object({ type: z.literal('startReview') }),
  z.object({ type: z.literal('startDrill'), kind: z.enum(['mistakes', 'flagged', 'unseen']) }),
  z.object({ type: z.literal('startMock') }),
  z.object({ type: z.literal('resume') }),
  z.object({ type: z.literal('mockSelect'), questionId: Id, choice: Letter }),
  z.object({ type: z.literal('mockFlag') }),
  z.object({ type: z.literal('mockGoto'), index: z.number().int().min(0).max(500) }),
  z.object({ type: z.literal('mockPause') }),
  z.object({ type: z.literal('mockResume') }),
  z.object({ type: z.literal('mockSubmit') }),
  z.object({ type: z.literal('mockDiscard') }),
  z.object({ type: z.literal('drillMock'), mockId: Id }),
  z.object({ type: z.literal('openMockReport'), mockId: Id }),
  z.object({ type: z.literal('openDocs'), url: z.string().max(2000).regex(/^https:\/\/[^\s]+$/) }),
  z.object({ type: z.literal('openInEditor') }),
  /** "Practice the APIs in this workspace": the host scans the workspace (the webview cannot). */
  z.object({ type: z.literal('practiceWorkspace') }),
  /** The home panel's exam date control: a day, or null for "not booked". */
  z.object({ type: z.literal('setExamDate'), date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable() }),
  z.object({ type: z.literal('startGoal') }),
  /** The panel failed to draw a view and fell back to plain text: logged to the output channel. */
  z.object({ type: z.literal('renderError'), screen: z.string().max(40), questionId: Id.optional(), message: z.string().max(2000) }),  z.object({ type: z.literal('painted'), screen: z.string().max(40) }),
]);
export type FromWebview = z.infer<typeof FromWebviewSchema>;

/** What a question is about. Shown with the feedback, never before the answer (a real exam shows none of it). */
export const QuestionAboutSchema = z.object({
  objective: z.object({ id: Id, title: z.string() }),
  difficulty: z.enum(['easy', 'medium', 'hard']),
  symbols: z.array(z.string()),
  topic: z.string(),
});
export type QuestionAbout = z.infer<typeof QuestionAboutSchema>;

export const QuestionViewSchema = z.object({
  id: Id,
  stem: Md,
  /** In the order to show; `id` is the choice's own letter, the letter shown is its position. */
  choices: z.array(z.object({ id: Letter, text: Md })),
  type: z.enum(['single', 'multiple']),
  select: z.number().int().min(1).max(5),
  hasCode: z.boolean(),
  /** Practice may show the domain before the answer; the mock shows it only in its report. */
  domain: z.object({ id: Id, title: z.string() }).optional(),
  about: QuestionAboutSchema.optional(),
});
export type QuestionView = z.infer<typeof QuestionViewSchema>;

export const FeedbackViewSchema = z.object({
  correct: z.boolean(),
  keys: z.array(Letter),
  explanations: z.record(Letter, Md),
  versionNote: Md.optional(),
  docs: z.array(z.string()),
  answerId: Id.optional(),
  rating: z.enum(['again', 'hard', 'good', 'easy']).optional(),
});
export type FeedbackView = z.infer<typeof FeedbackViewSchema>;

const ReviewItemSchema = z.object({ question: QuestionViewSchema, selected: z.array(Letter), feedback: FeedbackViewSchema, spentMs: z.number().optional(), flagged: z.boolean().optional() });

/** The exam-day forecast: predicted share right today, on the exam day if you stop, if you keep the goal. */
const ForecastSchema = z.object({
  overall: z.object({ today: z.number(), stop: z.number(), keep: z.number(), passPercent: z.number() }),
  domains: z.array(z.object({ domain: Id, title: z.string(), today: z.number(), stop: z.number(), keep: z.number() })),
});
export type ForecastView = z.infer<typeof ForecastSchema>;

/** The home panel's exam part: the date (null: not booked), today's goal, streak, pace, forecast. */
const ExamViewSchema = z.object({
  date: z.string().nullable(),
  /** The earliest day the date field accepts (today). */
  min: z.string(),
  heading: z.string().optional(),
  goal: z.object({
    newTarget: z.number(), newDone: z.number(), reviewTarget: z.number(), reviewsDone: z.number(),
    mockDue: z.boolean(), mockDone: z.boolean(), met: z.boolean(), line: z.string(),
  }).optional(),
  streak: z.number(),
  pace: z.string().optional(),
  forecast: ForecastSchema.optional(),
});
export type ExamView = z.infer<typeof ExamViewSchema>;

const HomeSchema = z.object({
  screen: z.literal('home'),
  blueprint: z.object({ id: Id, title: z.string(), questions: z.number(), minutes: z.number(), passPercent: z.number(), passPublished: z.boolean() }),
  totalQuestions: z.number(),
  /** Questions of the bank outside this blueprint (older guides), offered in Practice. */
  otherQuestions: z.number(),
  /** Answers given to questions of this blueprint (readiness shows from READINESS_MIN on). */
  answered: z.number(),
  due: z.number(),
  mistakes: z.number(),
  flagged: z.number(),
  unseen: z.number(),
  answeredToday: z.number(),
  streak: z.number(),
  resumable: z.object({ title: z.string(), index: z.number(), total: z.number() }).optional(),
  activeMock: z.object({ id: Id, answered: z.number(), total: z.number(), endsAt: z.number(), paused: z.boolean(), remainingMs: z.number() }).optional(),
  domains: z.array(z.object({ id: Id, title: z.string(), weight: z.number(), questions: z.number(), answered: z.number(), accuracy: z.number().optional(), predicted: z.number().optional() })),
  readiness: z.object({ predicted: z.number(), low: z.number(), high: z.number(), passProbability: z.number(), thin: z.boolean() }).optional(),
  mocks: z.array(z.object({ id: Id, at: z.number(), percent: z.number(), passed: z.boolean() })),
  exam: ExamViewSchema.optional(),
});

const SetupSchema = z.object({
  screen: z.literal('setup'),
  blueprint: z.object({ id: Id, title: z.string() }),
  domains: z.array(z.object({ id: Id, title: z.string(), questions: z.number() })),
  objectives: z.array(z.object({ id: Id, title: z.string(), domain: Id, questions: z.number() })),
  symbols: z.array(z.object({ id: z.string(), questions: z.number() })),
  defaults: z.object({ size: z.number(), order: z.enum(['random', 'in-order']), feedback: z.enum(['immediate', 'end']) }),
  preset: z.object({ domains: z.array(Id), objectives: z.array(Id), symbols: z.array(z.string()) }).optional(),
});

const QuestionScreenSchema = z.object({
  screen: z.literal('question'),
  sessionTitle: z.string(),
  kind: z.enum(['practice', 'review', 'drill']),
  index: z.number(),
  total: z.number(),
  feedbackMode: z.enum(['immediate', 'end']),
  question: QuestionViewSchema,
  selected: z.array(Letter),
  submitted: z.boolean(),
  feedback: FeedbackViewSchema.optional(),
  flagged: z.boolean(),
});

const SummarySchema = z.object({
  screen: z.literal('summary'),
  title: z.string(),
  right: z.number(),
  wrong: z.number(),
  skipped: z.number(),
  items: z.array(ReviewItemSchema),
});

const MockScreenSchema = z.object({
  screen: z.literal('mock'),
  mockId: Id,
  blueprintTitle: z.string(),
  index: z.number(),
  total: z.number(),
  question: QuestionViewSchema,
  selected: z.array(Letter),
  flagged: z.boolean(),
  map: z.array(z.object({ answered: z.boolean(), flagged: z.boolean() })),
  remainingMs: z.number(),
  endsAt: z.number(),
  paused: z.boolean(),
  canPause: z.boolean(),
});

const MockReportSchema = z.object({
  screen: z.literal('mockReport'),
  mockId: Id,
  blueprintTitle: z.string(),
  correct: z.number(),
  total: z.number(),
  percent: z.number(),
  passPercent: z.number(),
  passPublished: z.boolean(),
  passed: z.boolean(),
  finishedBy: z.enum(['user', 'timeout']),
  usedMs: z.number(),
  durationMs: z.number(),
  perDomain: z.array(z.object({ domain: Id, title: z.string(), correct: z.number(), total: z.number(), percent: z.number() })),
  items: z.array(ReviewItemSchema),
});

const StatsSchema = z.object({
  screen: z.literal('stats'),
  blueprintTitle: z.string(),
  answered: z.number(),
  correct: z.number(),
  streak: z.object({ current: z.number(), best: z.number() }),
  perDomain: z.array(z.object({ id: Id, title: z.string(), weight: z.number(), answered: z.number(), correct: z.number(), accuracy: z.number().optional(), weekly: z.array(z.number().nullable()) })),
  perObjective: z.array(z.object({ id: Id, title: z.string(), domain: Id, answered: z.number(), correct: z.number(), accuracy: z.number().optional() })),
  daily: z.array(z.object({ day: z.string(), answers: z.number(), correct: z.number() })),
  weeks: z.array(z.string()),
  mocks: z.array(z.object({ id: Id, at: z.number(), percent: z.number(), passed: z.boolean(), finishedBy: z.string() })),
  readiness: z.object({
    overall: z.object({ predicted: z.number(), low: z.number(), high: z.number(), passProbability: z.number(), passPercent: z.number(), thin: z.boolean() }),
    domains: z.array(z.object({ domain: Id, title: z.string(), predicted: z.number(), low: z.number(), high: z.number(), answered: z.number(), thin: z.boolean() })),
  }),
  /** With an exam date: the forecast for the exam day. */
  exam: z.object({ heading: z.string(), forecast: ForecastSchema }).optional(),
});

const EmptySchema = z.object({ screen: z.literal('empty'), title: z.string(), message: z.string() });

export const ViewSchema = z.discriminatedUnion('screen', [HomeSchema, SetupSchema, QuestionScreenSchema, SummarySchema, MockScreenSchema, MockReportSchema, StatsSchema, EmptySchema]);
export type View = z.infer<typeof ViewSchema>;
export type HomeView = z.infer<typeof HomeSchema>;
export type SetupView = z.infer<typeof SetupSchema>;
export type QuestionScreen = z.infer<typeof QuestionScreenSchema>;
export type SummaryView = z.infer<typeof SummarySchema>;
export type MockView = z.infer<typeof MockScreenSchema>;
export type MockReportView = z.infer<typeof MockReportSchema>;
export type StatsView = z.infer<typeof StatsSchema>;

export const ToWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('render'), view: ViewSchema }),
  /** Moves keyboard focus to the panel's main control (after "Quiz me on this" or a command). */
  z.object({ type: z.literal('focus') }),
]);
export type ToWebview = z.infer<typeof ToWebviewSchema>;
