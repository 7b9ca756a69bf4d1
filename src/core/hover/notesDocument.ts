import type { Bank } from '../bank';
import type { ReferenceContent } from '../content/compiled';
import { cardMarkdown } from '../hoverCard';
import { rulePageMarkdown } from '../traps/rulePage';

/**
 * The read-only notes document's Markdown: a trap rule's page when `rule` is given, else the hover
 * cards of `symbols` (all cards when none), each with its question count from the bank.
 */
export function notesDocumentMarkdown(bank: Bank, reference: ReferenceContent, target: { rule?: string; symbols?: readonly string[] }): string {
  if (target.rule) return rulePageMarkdown(bank, reference.rules, target.rule);
  const wanted = target.symbols;
  const cards = reference.cards.filter((c) => !wanted?.length || wanted.includes(c.symbol));
  const title = wanted?.length ? 'Exam notes for this study item' : `Exam notes: ${cards.length} APIs`;
  const body = cards
    .sort((a, b) => a.symbol.localeCompare(b.symbol))
    .map((c) => cardMarkdown(c, bank.forSymbols([c.symbol]).length).replace(/\[Quiz me on this[^\]]*\]\([^)]*\)/, `${bank.forSymbols([c.symbol]).length} practice questions`));
  return [`# ${title}`, '', ...(body.length ? body.flatMap((b) => [b, '', '---', '']) : ['No exam note covers these APIs yet.'])].join('\n');
}
