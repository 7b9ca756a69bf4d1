import type { HoverCard } from './hover/hoverIndex';
import type { Resolution } from './python/resolver';

/** The command "Quiz me on this" runs; its argument is the card's symbol. */
export const QUIZ_SYMBOL_COMMAND = 'mlAssociatePrep.quizSymbol';

const LIBRARY_NAMES: Record<HoverCard['library'], string> = { mlflow: 'MLflow', pyspark: 'PySpark', hyperopt: 'Hyperopt', databricks: 'Databricks' };

/** The card for a resolved name: the note on the class it was called on, else on its definition. */
export function cardFor<C extends HoverCard>(bank: { card(symbol: string): C | undefined }, r: Resolution): C | undefined {
  const member = r.qualname.split('.').pop()!;
  if (r.calledOn) {
    const onCaller = bank.card(`${r.calledOn}.${member}`);
    if (onCaller) return onCaller;
  }
  return bank.card(r.qualname);
}

/** The symbols whose questions "Quiz me on this" offers for a card. */
export function quizSymbols(card: HoverCard, r?: Resolution): string[] {
  return [...new Set([card.symbol, ...(r ? [r.qualname] : [])])];
}

/**
 * Prose with `<placeholders>` kept as text: the hover renders no HTML, so a bare `<run_id>` would
 * vanish ("runs://plots"). Code spans and fences are left as they are (they show `<` literally).
 */
export function escapeAngles(md: string): string {
  return md.split(/(```[\s\S]*?```|`[^`\n]*`)/).map((part, i) => (i % 2 ? part : part.replace(/</g, '&lt;').replace(/>/g, '&gt;'))).join('');
}

/** The card as Markdown, identical in the editor's hover and in `cli hover`. */
export function cardMarkdown(card: HoverCard, questionCount: number, symbols: readonly string[] = [card.symbol]): string {
  const kind = card.kind === 'class' ? 'class' : card.kind === 'property' ? 'property' : card.kind === 'attribute' ? 'attribute' : card.kind.includes('method') ? 'method' : card.kind;
  const quiz = questionCount
    ? `[Quiz me on this (${questionCount} question${questionCount === 1 ? '' : 's'})](command:${QUIZ_SYMBOL_COMMAND}?${encodeURIComponent(JSON.stringify(symbols))} "Practise the questions on ${card.symbol}")`
    : 'No practice questions on this API yet';
  // The actions come first: on a long card they would otherwise sit below the hover's fold.
  const lines = [`**${card.symbol}** · ${LIBRARY_NAMES[card.library]} ${kind} · exam note`, '', `[Docs](${card.docs}) · ${quiz}`, '', '```python', card.signature, '```'];
  if (card.omitted) lines.push(`*${card.omitted} more parameter${card.omitted === 1 ? '' : 's'} not shown (…)*`);
  if (card.deprecated) lines.push('', `⚠ ${card.deprecated}`);
  lines.push('', `**Exam:** ${escapeAngles(card.exam)}`);
  if (card.trap) lines.push('', `**Trap:** ${escapeAngles(card.trap)}`);
  if (card.versions) lines.push('', `**Versions:** ${escapeAngles(card.versions)}`);
  return lines.join('\n');
}
