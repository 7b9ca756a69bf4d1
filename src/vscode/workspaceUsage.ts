import * as vscode from 'vscode';
import type { HoverService } from '../core/hoverService';
import type { ProgressStore } from '../core/progress/store';
import { buildDocumentModel } from '../core/python/documentModel';
import { ipynbCodeCells, joinAllCells } from '../core/python/notebook';
import { quizBundle } from './lazyBundles';
import { apisInDocument, UsageCounter, usageSummary, weakestFirst, type UsageReport } from '../core/usage/apiUsage';
import type { QuizViews } from './quizView';

// "Practice the APIs in this workspace": reads the workspace's Python files and notebooks (as
// files.exclude and search.exclude leave them), counts the exam APIs they use, and starts a
// practice set on those APIs' questions, weakest first.

export const PRACTICE_WORKSPACE_COMMAND = 'mlAssociatePrep.practiceWorkspace';
/** A file larger than this is generated or data, not code someone studies from. */
const MAX_PY_BYTES = 2 * 1024 * 1024;
/** Notebooks carry their outputs (plots, tables), so they get more room. */
const MAX_IPYNB_BYTES = 20 * 1024 * 1024;
const MAX_FILES = 5000;

export async function scanWorkspace(python: HoverService, token?: vscode.CancellationToken, progress?: vscode.Progress<{ message?: string; increment?: number }>): Promise<UsageReport | undefined> {
  const uris = await vscode.workspace.findFiles('**/*.{py,ipynb}', undefined, MAX_FILES, token);
  const counter = new UsageCounter();
  const step = uris.length ? 100 / uris.length : 0;
  for (const uri of uris) {
    if (token?.isCancellationRequested) return undefined;
    const name = vscode.workspace.asRelativePath(uri);
    progress?.report({ message: name, increment: step });
    try {
      const notebook = /\.ipynb$/i.test(uri.path);
      const { size } = await vscode.workspace.fs.stat(uri);
      if (size > (notebook ? MAX_IPYNB_BYTES : MAX_PY_BYTES)) {
        counter.skip(name, `larger than ${(notebook ? MAX_IPYNB_BYTES : MAX_PY_BYTES) / (1024 * 1024)} MB`);
        continue;
      }
      let text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      if (notebook) {
        const nb = ipynbCodeCells(text);
        if ('error' in nb) {
          counter.skip(name, nb.error);
          continue;
        }
        text = joinAllCells(nb.cells).text;
      }
      counter.add(apisInDocument(buildDocumentModel(text), python.resolver, python.content));
    } catch (e) {
      counter.skip(name, e instanceof Error ? e.message : String(e));
    }
  }
  return counter.report();
}

/** The command: scan with progress (cancellable), say what was found, start the set. */
export async function practiceWorkspaceApis(python: () => Promise<HoverService>, store: ProgressStore, quiz: QuizViews, options: { confirm?: boolean } = {}): Promise<UsageReport | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) {
    void vscode.window.showInformationMessage('Open a folder with Python files or notebooks first: the practice set is made of the exam APIs they use.');
    return undefined;
  }
  const service = await python();
  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Finding the exam APIs this workspace uses', cancellable: true },
    (progress, token) => scanWorkspace(service, token, progress),
  );
  if (!report) return undefined;
  if (!report.questionIds.length) {
    void vscode.window.showInformationMessage(`${report.files} Python files and notebooks read: none uses an API the exam asks about.`);
    return report;
  }
  const record = weakestFirst(report.questionIds, store.progress.answers);
  const summary = `${usageSummary(report).replace(/\.$/, '')}${record.accuracy === undefined ? '.' : `; your accuracy on them ${Math.round(record.accuracy * 100)} %.`}`;
  if (options.confirm !== false) {
    const go = await vscode.window.showInformationMessage(summary, 'Practise them, weakest first');
    if (!go) return report;
  }
  await quiz.show((ctx) => quizBundle().practiceIds(ctx, record.ordered.slice(0, ctx.settings.setSize), 'Practice: the APIs in this workspace'));
  return report;
}
