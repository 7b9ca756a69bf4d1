import * as z from 'zod';
import { DiagnosticSink } from '../diagnostics';
import { loadYaml, type YamlSource } from './yamlSource';
import {
  BlueprintSchema, ChangeSchema, ObjectiveSchema, PlanWeekSchema, TopicSchema,
  type Blueprint, type Change, type Objective, type PlanWeek, type Topic,
} from './schema';

export interface ExamData {
  objectives: Objective[];
  topics: Topic[];
  blueprints: Blueprint[];
  changes: Change[];
  plan: PlanWeek[];
}

/** The four exam data files (path as printed in diagnostics, and text). */
export interface ExamDataFiles {
  objectives: { path: string; text: string };
  blueprints: { path: string; text: string };
  changes: { path: string; text: string };
  plan: { path: string; text: string };
}

function validate<T>(schema: z.ZodType<T>, src: YamlSource, path: (string | number)[], sink: DiagnosticSink): T | undefined {
  let v: unknown = src.value;
  for (const p of path) v = (v as Record<string | number, unknown> | undefined)?.[p];
  const r = schema.safeParse(v);
  if (r.success) return r.data;
  for (const issue of r.error.issues) {
    const at = [...path, ...(issue.path as (string | number)[])];
    sink.error(src.lineOf(at), `${at.join('.')}: ${issue.message}`);
  }
  return undefined;
}

/** Expands "c1.*" patterns against the known objective ids, keeping order and reporting unknowns. */
export function expandObjectivePatterns(patterns: readonly string[], known: readonly string[]): { ids: string[]; unknown: string[] } {
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const p of patterns) {
    if (p.endsWith('*')) {
      const prefix = p.slice(0, -1);
      const hits = known.filter((k) => k.startsWith(prefix));
      if (!hits.length) unknown.push(p);
      ids.push(...hits);
    } else if (known.includes(p)) ids.push(p);
    else unknown.push(p);
  }
  return { ids, unknown };
}

/** Parses and cross-checks objectives, topics, blueprints, version changes and the study plan. */
export function parseExamData(files: ExamDataFiles, sinkFor: (file: string) => DiagnosticSink): ExamData {
  const out: ExamData = { objectives: [], topics: [], blueprints: [], changes: [], plan: [] };

  const oSink = sinkFor(files.objectives.path);
  const oSrc = loadYaml(files.objectives.text, oSink);
  if (oSrc) {
    out.objectives = validate(z.array(ObjectiveSchema), oSrc, ['objectives'], oSink) ?? [];
    out.topics = validate(z.array(TopicSchema), oSrc, ['topics'], oSink) ?? [];
    const seen = new Set<string>();
    out.objectives.forEach((o, i) => {
      if (seen.has(o.id)) oSink.error(oSrc.lineOf(['objectives', i]), `duplicate objective id ${o.id}`);
      seen.add(o.id);
      for (const t of o.topics) {
        if (!out.topics.some((x) => x.id === t)) oSink.error(oSrc.lineOf(['objectives', i]), `unknown topic ${t}`);
      }
    });
  }
  const known = out.objectives.map((o) => o.id);

  const bSink = sinkFor(files.blueprints.path);
  const bSrc = loadYaml(files.blueprints.text, bSink);
  if (bSrc) {
    const raw = z.array(z.unknown()).safeParse((bSrc.value as { blueprints?: unknown })?.blueprints);
    if (!raw.success) bSink.error(1, 'blueprints: expected a list');
    (raw.success ? raw.data : []).forEach((_, bi) => {
      const domainsRaw = (((bSrc.value as { blueprints: { domains?: unknown[] }[] }).blueprints[bi] ?? {}).domains ?? []) as { objectives?: string[] }[];
      const expanded = domainsRaw.map((d, di) => {
        const { ids, unknown } = expandObjectivePatterns(d.objectives ?? [], known);
        for (const u of unknown) bSink.error(bSrc.lineOf(['blueprints', bi, 'domains', di, 'objectives']), `unknown objective ${u}`);
        return { ...d, objectives: ids };
      });
      const bp = validate(BlueprintSchema, { value: { blueprints: [{ ...(raw.success ? (raw.data[bi] as object) : {}), domains: expanded }] }, lineOf: (p) => bSrc.lineOf(['blueprints', bi, ...p.slice(2)]) }, ['blueprints', 0], bSink);
      if (!bp) return;
      const where = new Map<string, string>();
      for (const d of bp.domains) {
        for (const o of d.objectives) {
          if (where.has(o)) bSink.error(bSrc.lineOf(['blueprints', bi]), `${bp.id}: objective ${o} is in both ${where.get(o)} and ${d.id}`);
          where.set(o, d.id);
        }
      }
      const total = bp.domains.reduce((s, d) => s + d.weight, 0);
      if (Math.abs(total - 100) > 0.001) bSink.error(bSrc.lineOf(['blueprints', bi]), `${bp.id}: domain weights add up to ${total}, not 100`);
      out.blueprints.push(bp);
    });
    if (!out.blueprints.some((b) => b.id === 'current')) bSink.error(1, 'the blueprint "current" (the default) is missing');
  }

  const cSink = sinkFor(files.changes.path);
  const cSrc = loadYaml(files.changes.text, cSink);
  if (cSrc) out.changes = validate(z.array(ChangeSchema), cSrc, ['changes'], cSink) ?? [];

  const pSink = sinkFor(files.plan.path);
  const pSrc = loadYaml(files.plan.text, pSink);
  if (pSrc) {
    out.plan = validate(z.array(PlanWeekSchema), pSrc, ['weeks'], pSink) ?? [];
    const ids = new Set<string>();
    out.plan.forEach((w, wi) => w.items.forEach((it, ii) => {
      const line = pSrc.lineOf(['weeks', wi, 'items', ii]);
      if (ids.has(it.id)) pSink.error(line, `duplicate plan item id ${it.id}`);
      ids.add(it.id);
      for (const o of it.objectives) if (!known.includes(o)) pSink.error(line, `unknown objective ${o}`);
    }));
  }
  return out;
}
