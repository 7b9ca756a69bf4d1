import type { PlanContent } from './study/planContent';
import type { Blueprint } from './content/schema';
import { lastAnswers } from './engine/selection';
import type { Progress, Tick } from './progress/schema';
import { computeReadiness, type Readiness } from './readiness';
import { cardsFrom, dueQuestions } from './scheduler';
import { forecastLine } from './study/forecastLine';
import { datePlanWeeks, examNode, forecastFor, type StudyNodeKind, type StudyOptions } from './study/planStudy';

// The study plan tree as plain data: the six weeks, the blueprint's domains with their objectives,
// and a "what next" suggestion. Ticks the learner set win; otherwise an item counts as done when
// quiz results prove it (PROOF_* below), and the learner can untick that.

/** An objective is proven when at least this many of its questions were last answered... */
export const PROOF_MIN_QUESTIONS = 3;
/** ...and at least this share of those last answers were right. */
export const PROOF_ACCURACY = 0.8;

export interface PlanNode {
  id: string;
  kind: 'next' | 'plan' | 'week' | 'item' | 'domains' | 'domain' | 'objective' | 'workspace' | StudyNodeKind;
  label: string;
  description?: string;
  tooltip?: string;
  /** Items and objectives carry a checkbox. */
  checked?: boolean;
  /** True when the check comes from quiz results, not from a tick. */
  proven?: boolean;
  objectives?: string[];
  symbols?: string[];
  docs?: string;
  children?: PlanNode[];
}

/** Tick ids: plan items use their own id, objectives are prefixed. */
export const objectiveTickId = (objective: string): string => `objective:${objective}`;

/** Objectives whose last answers prove them known. */
export function provenObjectives(bank: Pick<PlanContent, 'get'>, progress: Progress): Set<string> {
  const per = new Map<string, { n: number; right: number }>();
  for (const a of lastAnswers(progress).values()) {
    const q = bank.get(a.q);
    if (!q) continue;
    const v = per.get(q.objective) ?? { n: 0, right: 0 };
    v.n++;
    if (a.correct) v.right++;
    per.set(q.objective, v);
  }
  return new Set([...per.entries()].filter(([, v]) => v.n >= PROOF_MIN_QUESTIONS && v.right / v.n >= PROOF_ACCURACY).map(([o]) => o));
}

function checkState(tick: Tick | undefined, proven: boolean, autoTick: boolean): { checked: boolean; proven: boolean } {
  if (tick) return { checked: tick.checked, proven: false };
  return { checked: autoTick && proven, proven: autoTick && proven };
}

const pct = (x: number) => `${Math.round(x * 100)} %`;

/** The "what next" suggestion: the weakest domain's due questions, else its unseen ones. */
export function whatNext(bank: Pick<PlanContent, 'get'>, progress: Progress, blueprint: Blueprint, now: number, readiness: Readiness): { label: string; detail: string; domain?: string; action: 'review' | 'practice' | 'mock' } {
  const weakest = [...readiness.domains].sort((a, b) => a.predicted - b.predicted)[0];
  if (!weakest) return { label: 'Start practising', detail: '', action: 'practice' };
  const dom = blueprint.domains.find((d) => d.id === weakest.domain)!;
  const due = dueQuestions(cardsFrom(progress), now, (id) => {
    const q = bank.get(id);
    return !!q && dom.objectives.includes(q.objective);
  });
  if (due.length) return { label: `Review ${due.length} due in ${dom.title}`, detail: `weakest domain, predicted ${pct(weakest.predicted)}`, domain: dom.id, action: 'review' };
  if (readiness.domains.every((d) => d.predicted >= blueprint.passPercent / 100 + 0.05 && !d.thin)) {
    return { label: 'Sit a timed mock exam', detail: 'every domain looks ready', action: 'mock' };
  }
  return { label: `Practise ${dom.title}`, detail: `weakest domain, predicted ${pct(weakest.predicted)}`, domain: dom.id, action: 'practice' };
}

/** The whole tree; with `study` and a booked exam, the weeks are dated and the exam's goal and forecast lead. */
export function planTree(bank: PlanContent, progress: Progress, blueprint: Blueprint, now: number, autoTick = true, study?: StudyOptions): PlanNode[] {
  const proven = provenObjectives(bank, progress);
  const readiness = computeReadiness(bank, progress, blueprint, now);
  const next = whatNext(bank, progress, blueprint, now, readiness);

  const weeks = bank.content.plan.map((w): PlanNode => {
    const items = w.items.map((it): PlanNode => {
      const isProven = it.objectives.length > 0 && it.objectives.every((o) => proven.has(o));
      const st = checkState(progress.ticks[it.id], isProven, autoTick);
      return {
        id: it.id, kind: 'item', label: it.title, ...st,
        ...(st.proven ? { description: 'proven by your answers' } : {}),
        objectives: it.objectives, symbols: it.symbols, ...(it.docs ? { docs: it.docs } : {}),
        tooltip: [it.title, it.objectives.length ? `Objectives: ${it.objectives.join(', ')}` : '', it.symbols.length ? `APIs: ${it.symbols.join(', ')}` : ''].filter(Boolean).join('\n'),
      };
    });
    const done = items.filter((i) => i.checked).length;
    return { id: w.id, kind: 'week', label: w.title, description: `${done}/${items.length}`, children: items };
  });

  const dated = study ? datePlanWeeks(weeks, progress, study) : undefined;
  const forecast = study ? forecastFor(bank, progress, blueprint, study) : undefined;
  const domains = blueprint.domains.map((d): PlanNode => {
    const r = readiness.domains.find((x) => x.domain === d.id)!;
    const f = forecast?.domains.find((x) => x.domain === d.id);
    const objectives = d.objectives.map((o): PlanNode => {
      const st = checkState(progress.ticks[objectiveTickId(o)], proven.has(o), autoTick);
      const n = bank.questions.filter((q) => q.objective === o).length;
      return {
        id: objectiveTickId(o), kind: 'objective', label: `${o} ${bank.objective(o)?.title ?? ''}`.trim(), ...st,
        description: st.proven ? `proven · ${n} questions` : `${n} questions`, objectives: [o],
      };
    });
    const done = objectives.filter((i) => i.checked).length;
    return {
      id: `domain:${d.id}`, kind: 'domain', label: `${d.title} (${d.weight} %)`,
      description: `${done}/${objectives.length} · ready ${pct(r.predicted)}${f ? ` → ${pct(f.stop)} on exam day` : ''}${r.thin ? ' (thin data)' : ''}`,
      tooltip: `${d.title}: predicted ${pct(r.predicted)} of this domain's exam questions right (90 % interval ${pct(r.low)}–${pct(r.high)}), from ${r.answered} answered questions; ${r.objectivesSeen} of ${r.objectives} objectives practised.${f ? `\n${forecastLine(f)}; ${pct(f.keep)} if you keep the daily goal.` : ''}`,
      objectives: d.objectives, children: objectives,
    };
  });

  const exam = study ? examNode(bank, progress, blueprint, study, forecast) : undefined;
  return [
    ...(exam ? [exam] : []),
    { id: 'next', kind: 'next', label: `What next: ${next.label}`, description: next.detail, ...(next.domain ? { objectives: blueprint.domains.find((d) => d.id === next.domain)!.objectives } : {}), tooltip: `${next.label} (${next.detail})` },
    { id: 'plan', kind: 'plan', label: 'Six-week plan', description: `${weeks.reduce((s, w) => s + (w.children ?? []).filter((c) => c.checked).length, 0)}/${weeks.reduce((s, w) => s + (w.children ?? []).length, 0)}${dated?.compressed ? ' · compressed' : ''}`, ...(dated?.note ? { tooltip: dated.note } : {}), children: [...(dated?.noteNode ? [dated.noteNode] : []), ...weeks] },
    {
      id: 'domains', kind: 'domains', label: `Exam domains · ${blueprint.title}`,
      description: `ready ${pct(readiness.overall.predicted)} (${pct(readiness.overall.low)}–${pct(readiness.overall.high)})`,
      tooltip: `Predicted exam score ${pct(readiness.overall.predicted)}, 90 % interval ${pct(readiness.overall.low)}–${pct(readiness.overall.high)}; chance of reaching ${blueprint.passPercent} %: ${pct(readiness.overall.passProbability)}.`,
      children: domains,
    },
  ];
}
