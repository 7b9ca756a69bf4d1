import * as z from 'zod';

// The compiled content model. Markdown sources are parsed into these shapes at build time and the
// result is validated again with these schemas, so the extension can trust dist/content.json.

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export const DifficultySchema = z.enum(DIFFICULTIES);
export type Difficulty = z.infer<typeof DifficultySchema>;

export const SourceRefSchema = z.object({ file: z.string(), line: z.number().int().positive() });
export type SourceRef = z.infer<typeof SourceRefSchema>;

export const ObjectiveSchema = z.object({
  id: z.string().regex(/^(c[1-4]\.\d\d|o[1-4]\.\d\d|s\.\d\d)$/),
  guide: z.enum(['current', 'old', 'study']),
  section: z.number().int().min(1).max(4),
  title: z.string().min(3).max(90),
  topics: z.array(z.string()).default([]),
});
export type Objective = z.infer<typeof ObjectiveSchema>;

export const TopicSchema = z.object({ id: z.string(), title: z.string(), min: z.number().int().nonnegative() });
export type Topic = z.infer<typeof TopicSchema>;

export const DomainSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string(),
  weight: z.number().positive(),
  /** Objective ids after pattern expansion. */
  objectives: z.array(z.string()),
});
export type Domain = z.infer<typeof DomainSchema>;

export const BlueprintSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string(),
  official: z.boolean(),
  questions: z.number().int().positive(),
  minutes: z.number().int().positive(),
  passPercent: z.number().min(0).max(100),
  passPublished: z.boolean(),
  domains: z.array(DomainSchema).min(1),
});
export type Blueprint = z.infer<typeof BlueprintSchema>;

export const ChangeSchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  symbols: z.array(z.string()).default([]),
});
export type Change = z.infer<typeof ChangeSchema>;

export const PlanItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  objectives: z.array(z.string()).default([]),
  symbols: z.array(z.string()).default([]),
  docs: z.string().url().optional(),
});
export type PlanItem = z.infer<typeof PlanItemSchema>;
export const PlanWeekSchema = z.object({ id: z.string(), title: z.string(), items: z.array(PlanItemSchema).min(1) });
export type PlanWeek = z.infer<typeof PlanWeekSchema>;

export const ChoiceSchema = z.object({
  /** Letter shown to the learner: A, B, C... */
  id: z.string().regex(/^[A-E]$/),
  text: z.string().min(1),
  correct: z.boolean(),
  explanation: z.string().min(1),
});
export type Choice = z.infer<typeof ChoiceSchema>;

export const QuestionSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  objective: z.string(),
  difficulty: DifficultySchema,
  type: z.enum(['single', 'multiple']),
  symbols: z.array(z.string()),
  docs: z.array(z.string().url()).min(1),
  changes: z.array(z.string()),
  /** The file's title: the topic the question sits under. */
  topic: z.string(),
  stem: z.string().min(1),
  hasCode: z.boolean(),
  choices: z.array(ChoiceSchema).min(2).max(5),
  versionNote: z.string().optional(),
  /** false where the options' order carries meaning (numeric ranges, "both of the above"). */
  shuffle: z.boolean().optional(),
  source: SourceRefSchema,
});
export type Question = z.infer<typeof QuestionSchema>;

export const NoteSchema = z.object({
  symbol: z.string(),
  docs: z.string().url(),
  /** Parameter names the card shows when the signature is too long to show whole. */
  show: z.array(z.string()).optional(),
  changes: z.array(z.string()),
  exam: z.string().min(1),
  trap: z.string().optional(),
  versions: z.string().optional(),
  topic: z.string(),
  source: SourceRefSchema,
});
export type Note = z.infer<typeof NoteSchema>;

export const ParamShownSchema = z.object({
  name: z.string(),
  kind: z.string(),
  default: z.string().optional(),
  annotation: z.string().optional(),
});
export type ParamShown = z.infer<typeof ParamShownSchema>;

/** A hover card: the note plus the facts it stands on, with its signature rendered. */
export const CardSchema = NoteSchema.extend({
  kind: z.string(),
  signature: z.string(),
  params: z.array(ParamShownSchema),
  /** Count of parameters left out of `signature` (shown there as "…"). */
  omitted: z.number().int().nonnegative(),
  deprecated: z.string().optional(),
  library: z.enum(['mlflow', 'pyspark', 'hyperopt', 'databricks']),
});
export type Card = z.infer<typeof CardSchema>;

export const TRAP_SEVERITIES = ['hint', 'information', 'warning'] as const;

/** An exam-trap rule's page (questions/rules/MLAPxxx-slug.md), compiled for the editor and the CLI. */
export const RulePageSchema = z.object({
  id: z.string().regex(/^MLAP\d{3}$/),
  slug: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(3).max(90),
  /** The diagnostic's message when the rule gives no more specific one. */
  message: z.string().min(10).max(160),
  objective: z.string(),
  questions: z.array(z.string()).min(1),
  apis: z.array(z.string()),
  severity: z.enum(TRAP_SEVERITIES),
  deprecated: z.boolean(),
  docs: z.array(z.string()).min(1),
  /** The page's sections as Markdown (What it finds, Why the exam asks, In production, Wrong, Right, Versions). */
  body: z.string(),
  /** Parameter names, in order, of the callables in `apis` (what a detector may check). */
  params: z.record(z.string(), z.array(z.string())),
  source: SourceRefSchema,
});
export type RulePage = z.infer<typeof RulePageSchema>;
