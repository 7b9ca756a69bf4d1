import * as vscode from 'vscode';
import { shuffled } from '../core/engine/random';
import { questionSearchItem } from '../core/engine/search';
import { quizBundle } from './lazyBundles';
import type { ContentLoader } from './content';
import type { QuizViews } from './quizView';

/** "Practise APIs or Objectives…": a filterable list of both, several at a time. */
export async function pickApisOrObjectives(content: ContentLoader, quiz: QuizViews): Promise<void> {
  const bank = await content.get();
  type Item = vscode.QuickPickItem & { objective?: string; symbol?: string };
  const counts = new Map<string, number>();
  for (const q of bank.questions) for (const s of q.symbols) counts.set(s, (counts.get(s) ?? 0) + 1);
  const items: Item[] = [
    { label: 'Objectives', kind: vscode.QuickPickItemKind.Separator },
    ...bank.content.objectives.flatMap((o): Item[] => {
      const n = bank.questions.filter((q) => q.objective === o.id).length;
      return n ? [{ label: `${o.id} ${o.title}`, description: `${n} question${n === 1 ? '' : 's'}${o.guide === 'current' ? '' : ' · older guide'}`, objective: o.id }] : [];
    }),
    { label: 'APIs', kind: vscode.QuickPickItemKind.Separator },
    ...[...counts].sort((a, b) => a[0].localeCompare(b[0])).map(([s, n]): Item => ({ label: s.split('.').slice(-2).join('.'), description: `${s} · ${n} question${n === 1 ? '' : 's'}`, symbol: s })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Practise APIs or objectives', placeHolder: 'Type to filter (e.g. alias, CrossValidator, c3.10); pick one or more', canPickMany: true, matchOnDescription: true });
  if (!picked?.length) return;
  const objectives = new Set(picked.flatMap((p) => (p.objective ? [p.objective] : [])));
  const symbols = picked.flatMap((p) => (p.symbol ? [p.symbol] : []));
  const ids = [...new Set([...bank.questions.filter((q) => objectives.has(q.objective)), ...bank.forSymbols(symbols)].map((q) => q.id))];
  const title = `Practice: ${picked.length === 1 ? picked[0]!.label : `${picked.length} picks`}`;
  await quiz.show((ctx) => quizBundle().practiceIds(ctx, shuffled(ids, ctx.random).slice(0, ctx.settings.setSize), title));
}

/** "Search Questions…": stems, options and explanations, then the chosen question in practice. */
export async function searchQuestions(content: ContentLoader, quiz: QuizViews): Promise<void> {
  const bank = await content.get();
  const items = bank.questions.map((q) => ({ ...questionSearchItem(bank, q), alwaysShow: false }));
  const picked = await vscode.window.showQuickPick(items, { title: `Search ${items.length} questions`, placeHolder: 'Words from a stem, an option or an explanation', matchOnDescription: true, matchOnDetail: true });
  if (!picked) return;
  await quiz.show((ctx) => quizBundle().practiceIds(ctx, [picked.id], `Search: ${picked.label.slice(0, 60)}`));
}
