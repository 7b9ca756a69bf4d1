import type { Card } from './content/schema';
import type { Resolution } from './python/resolver';
import type { Bank } from './bank';

/** The command "Quiz me on this" runs; its argument is the card's symbol. */
export const QUIZ_SYMBOL_COMMAND = 'mlAssociatePrep.quizSymbol';

const LIBRARY_NAMES: Record<Card['library'], string> = { mlflow: 'MLflow', pyspark: 'PySpark', hyperopt: 'Hyperopt', databricks: 'Databricks' };

/** The card for a resolved name: the note on the class it was called on, else on its definition. */
export function cardFor(bank: Bank, r: Resolution): Card | undefined {
  const member = r.qualname.split('.').pop()!;
  if (r.calledOn) {
    const onCaller = bank.card(`${r.calledOn}.${member}`);
    if (onCaller) return onCaller;
  }
  return bank.card(r.qualname);
}

/** The symbols whose questions "Quiz me on this" offers for a card. */
export function quizSymbols(card: Card, r?: Resolution): string[] {
  return [...new Set([card.symbol, ...(r ? [r.qualname] : [])])];
}

/** The card as Markdown, identical in the editor's hover and in `cli hover`. */
export function cardMarkdown(card: Card, questionCount: number, symbols: readonly string[] = [card.symbol]): string {
  const kind = card.kind === 'class' ? 'class' : card.kind === 'property' || card.kind === 'attribute' ? 'attribute' : card.kind.includes('method') ? 'method' : card.kind;
  const lines = [`**${card.symbol}** · ${LIBRARY_NAMES[card.library]} ${kind} · exam note`, '', '```python', card.signature, '```'];
  if (card.omitted) lines.push(`*${card.omitted} more parameter${card.omitted === 1 ? '' : 's'} not shown (…)*`);
  if (card.deprecated) lines.push('', `⚠ ${card.deprecated}`);
  lines.push('', `**Exam:** ${card.exam}`);
  if (card.trap) lines.push('', `**Trap:** ${card.trap}`);
  if (card.versions) lines.push('', `**Versions:** ${card.versions}`);
  const quiz = questionCount
    ? `[Quiz me on this (${questionCount} question${questionCount === 1 ? '' : 's'})](command:${QUIZ_SYMBOL_COMMAND}?${encodeURIComponent(JSON.stringify(symbols))} "Practise the questions on ${card.symbol}")`
    : 'No practice questions on this API yet';
  lines.push('', `[Docs](${card.docs}) · ${quiz}`);
  return lines.join('\n');
}
