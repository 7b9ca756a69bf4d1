import type { Bank } from '../bank';
import type { Question } from '../content/schema';

// Plain text of a question for "Search Questions…": stem, options and explanations, with the
// Markdown marks and code fences dropped so that typed words match what the learner reads.

const plain = (md: string) => md.replace(/```\w*\n?/g, ' ').replace(/[`*_>#]/g, '').replace(/\s+/g, ' ').trim();

export interface QuestionSearchItem {
  id: string;
  /** The stem's first sentence. */
  label: string;
  /** Objective and topic. */
  description: string;
  /** The rest of the stem, the options and the explanations: searched, shown shortened. */
  detail: string;
}

export function questionSearchItem(bank: Bank, q: Question): QuestionSearchItem {
  const stem = plain(q.stem);
  const first = /^(.{20,160}?[.?!:])(\s|$)/.exec(stem)?.[1] ?? stem.slice(0, 160);
  return {
    id: q.id,
    label: first,
    description: `${q.objective} · ${bank.objective(q.objective)?.title ?? q.topic}`,
    detail: [stem.slice(first.length), ...q.choices.map((c) => plain(c.text)), ...q.choices.map((c) => plain(c.explanation))].join(' · ').trim(),
  };
}
