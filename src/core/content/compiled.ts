import * as z from 'zod';
import {
  BlueprintSchema, CardSchema, ChangeSchema, ObjectiveSchema, PlanWeekSchema, QuestionSchema, RulePageSchema, TopicSchema,
} from './schema';
import { CONTENT_SCHEMA_VERSION } from './contentVersion';

export { CONTENT_SCHEMA_VERSION };

/** The compiled content the extension and the CLI load (dist/content.json). */
export const CompiledContentSchema = z.object({
  schemaVersion: z.literal(CONTENT_SCHEMA_VERSION),
  objectives: z.array(ObjectiveSchema),
  topics: z.array(TopicSchema),
  blueprints: z.array(BlueprintSchema),
  changes: z.array(ChangeSchema),
  plan: z.array(PlanWeekSchema),
  questions: z.array(QuestionSchema),
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
});
export type CompiledContent = z.infer<typeof CompiledContentSchema>;
