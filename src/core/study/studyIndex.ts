import * as z from 'zod/mini';
import type { Blueprint, Question } from '../content/schema';

// What the daily goal needs to know about the content, and no more: each blueprint's domains and
// objectives, and each objective's question ids. The build writes it as dist/studyIndex.json
// (about 20 KB), so the status bar and the reminders can work out today's goal from the saved
// progress without loading the 1.6 MB bank. A loaded bank (with its question packs) gives the
// same interface, so every surface computes the goal the same way.

export const StudyIndexSchema = z.object({
  version: z.literal(1),
  blueprints: z.array(z.object({
    id: z.string(),
    title: z.string(),
    domains: z.array(z.object({ id: z.string(), title: z.string(), weight: z.number(), objectives: z.array(z.string()) })),
  })),
  /** Question ids per objective, in bank order. */
  objectives: z.record(z.string(), z.array(z.string())),
});
export type StudyIndexData = z.infer<typeof StudyIndexSchema>;

export type StudyBlueprint = Pick<Blueprint, 'id' | 'title'> & { domains: { id: string; title: string; weight: number; objectives: string[] }[] };

export interface StudyIndex {
  /** The blueprint by id (the current guide if the id is unknown). */
  blueprint(id: string): StudyBlueprint;
  /** Question ids of an objective, in bank order. */
  questionsOf(objective: string): readonly string[];
  /** The objective of a question, if the content has it. */
  objectiveOf(questionId: string): string | undefined;
}

/** The index's data from compiled content (written at build time). */
export function studyIndexData(content: { blueprints: readonly Blueprint[]; questions: readonly Pick<Question, 'id' | 'objective'>[] }): StudyIndexData {
  const objectives: Record<string, string[]> = {};
  for (const q of content.questions) (objectives[q.objective] ??= []).push(q.id);
  return {
    version: 1,
    blueprints: content.blueprints.map((b) => ({ id: b.id, title: b.title, domains: b.domains.map((d) => ({ id: d.id, title: d.title, weight: d.weight, objectives: d.objectives })) })),
    objectives,
  };
}

/** The index over its data (the file, or content compiled in a test). */
export function studyIndex(data: Pick<StudyIndexData, 'blueprints' | 'objectives'>): StudyIndex {
  const objectiveOf = new Map<string, string>();
  for (const [o, ids] of Object.entries(data.objectives)) for (const id of ids) objectiveOf.set(id, o);
  const fallback = data.blueprints.find((b) => b.id === 'current') ?? data.blueprints[0]!;
  return {
    blueprint: (id) => data.blueprints.find((b) => b.id === id) ?? fallback,
    questionsOf: (o) => data.objectives[o] ?? [],
    objectiveOf: (id) => objectiveOf.get(id),
  };
}

const fromBank = new WeakMap<object, StudyIndex>();
/** The index of a loaded bank (question packs included), built once per bank. */
export function studyIndexOf(bank: { content: Parameters<typeof studyIndexData>[0] }): StudyIndex {
  let i = fromBank.get(bank);
  if (!i) fromBank.set(bank, (i = studyIndex(studyIndexData(bank.content))));
  return i;
}
