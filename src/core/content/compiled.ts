import * as z from 'zod';
import {
  BlueprintSchema, CardSchema, ChangeSchema, ObjectiveSchema, PlanWeekSchema, QuestionSchema, RulePageSchema, TopicSchema,
} from './schema';
import { CONTENT_SCHEMA_VERSION } from './contentVersion';

export { CONTENT_SCHEMA_VERSION };

// The build writes the compiled content as two files: the quiz part (dist/content.json), which the
// quiz, the study plan and the bank wait for, and the reference part (dist/reference.json: cards,
// symbol table, keywords, rule pages), which only the cards document, rule pages, question packs
// and the hover's fallback read, on demand. Each carries the schema version.

const version = { schemaVersion: z.literal(CONTENT_SCHEMA_VERSION) };
const quizShape = {
  objectives: z.array(ObjectiveSchema),
  topics: z.array(TopicSchema),
  blueprints: z.array(BlueprintSchema),
  changes: z.array(ChangeSchema),
  plan: z.array(PlanWeekSchema),
  questions: z.array(QuestionSchema),
};
const referenceShape = {
  cards: z.array(CardSchema),
  symbols: z.object({
    version: z.literal(1),
    symbols: z.record(z.string(), z.tuple([z.string(), z.string()])),
    aliases: z.record(z.string(), z.string()),
    mro: z.record(z.string(), z.array(z.string())),
    memberTypes: z.record(z.string(), z.string()),
  }),
  /** Keyword arguments per callable (keywordTable.ts), so packs are checked as the CLI checks them. */
  keywords: z.record(z.string(), z.array(z.string())),
  /** The exam-trap rules' pages (questions/rules/). */
  rules: z.array(RulePageSchema),
};

/** The quiz part (dist/content.json): what the bank is made of. */
export const QuizContentSchema = z.object({ ...version, ...quizShape });
/** The reference part (dist/reference.json): what the quiz never reads. */
export const ReferenceContentSchema = z.object({ ...version, ...referenceShape });
/** The whole compiled content: what compile() produces and the CLI works on (both parts merged). */
export const CompiledContentSchema = z.object({ ...version, ...quizShape, ...referenceShape });

export type QuizContent = z.infer<typeof QuizContentSchema>;
export type ReferenceContent = z.infer<typeof ReferenceContentSchema>;
export type CompiledContent = z.infer<typeof CompiledContentSchema>;

const pick = <T>(content: CompiledContent, keys: readonly string[]): T => Object.fromEntries(keys.map((k) => [k, content[k as keyof CompiledContent]])) as T;

/** The two files `cli build` writes; every field goes to the part whose schema names it. */
export function splitContent(content: CompiledContent): { quiz: QuizContent; reference: ReferenceContent } {
  return { quiz: pick(content, Object.keys(QuizContentSchema.shape)), reference: pick(content, Object.keys(ReferenceContentSchema.shape)) };
}
