import type { Bank } from '../bank';
import type { RulePage } from '../content/schema';

/** A rule's page (of `rules`, the reference part's) as the editor shows it: what the build compiled, plus its objective and questions. */
export function rulePageMarkdown(bank: Bank, rules: readonly RulePage[], id: string): string {
  const page = rules.find((r) => r.id === id);
  if (!page) return `# ${id}\n\nNo such exam-trap rule in this version of ML Associate Prep.`;
  const objective = bank.objective(page.objective);
  const questions = page.questions.filter((q) => bank.get(q)).length;
  return [
    `# ${page.id}: ${page.title}`,
    '',
    `> ${page.message}`,
    '',
    `**Exam objective:** ${page.objective}${objective ? ` ${objective.title}` : ''} · **Questions on this trap:** ${questions} (run "Quiz me on this trap" from the light bulb)${page.deprecated ? ' · flags a deprecated API' : ''}`,
    '',
    page.body,
    '',
    '## Documentation',
    '',
    ...page.docs.map((d) => `- <${d}>`),
  ].join('\n');
}
