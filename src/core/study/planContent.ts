import type { CompiledContent } from '../content/compiled';
import type { Blueprint, Objective, PlanWeek, Question } from '../content/schema';

// What the study plan (tree, readiness, exam-day forecast) reads of the content: each question's
// id and objective, the objectives' titles, the blueprints and the six-week plan. A loaded Bank
// has all of it; so has dist/planIndex.json (about 40 KB, written by the build), which the tree
// reads when it is shown before any surface has loaded the 1.97 MB bank.

export type PlanQuestion = Pick<Question, 'id' | 'objective'>;

export interface PlanContent {
  readonly questions: readonly PlanQuestion[];
  readonly content: { readonly plan: readonly PlanWeek[]; readonly blueprints: readonly Blueprint[]; readonly questions: readonly PlanQuestion[] };
  get(id: string): PlanQuestion | undefined;
  objective(id: string): Pick<Objective, 'title'> | undefined;
  blueprint(id: string): Blueprint;
}

export const PLAN_INDEX_VERSION = 1;

export interface PlanIndexData {
  version: typeof PLAN_INDEX_VERSION;
  blueprints: Blueprint[];
  plan: PlanWeek[];
  /** objective id -> title */
  objectives: Record<string, string>;
  /** [question id, objective], in bank order */
  questions: [string, string][];
}

/** The index's data from compiled content (written at build time). */
export function planIndexData(content: Pick<CompiledContent, 'blueprints' | 'plan' | 'objectives' | 'questions'>): PlanIndexData {
  return {
    version: PLAN_INDEX_VERSION,
    blueprints: content.blueprints,
    plan: content.plan,
    objectives: Object.fromEntries(content.objectives.map((o) => [o.id, o.title])),
    questions: content.questions.map((q) => [q.id, q.objective]),
  };
}

/** The plan content over the index's data. */
export function planIndex(data: PlanIndexData): PlanContent {
  const questions = data.questions.map(([id, objective]) => ({ id, objective }));
  const byId = new Map(questions.map((q) => [q.id, q]));
  const fallback = data.blueprints.find((b) => b.id === 'current') ?? data.blueprints[0]!;
  return {
    questions,
    content: { plan: data.plan, blueprints: data.blueprints, questions },
    get: (id) => byId.get(id),
    objective: (id) => (Object.prototype.hasOwnProperty.call(data.objectives, id) ? { title: data.objectives[id]! } : undefined),
    blueprint: (id) => data.blueprints.find((b) => b.id === id) ?? fallback,
  };
}
