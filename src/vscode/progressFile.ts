import { readFile, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { exportDocument, importSummary, MAX_IMPORT_CHARS, readExport, TOO_LARGE, type ImportResult } from '../core/progress/exportFile';
import type { ProgressStore } from '../core/progress/store';

/** Where the export and import dialogs start: the first workspace folder, else the home folder. */
function startFolder(): vscode.Uri {
  return vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
}

/** Writes the progress to a JSON file the user picks. */
export async function exportProgress(store: ProgressStore, target?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const uri = target ?? (await vscode.window.showSaveDialog({
    title: 'Export ML Associate Prep progress',
    // In the workspace folder when there is one, else the home folder (never the file-system root).
    defaultUri: vscode.Uri.joinPath(startFolder(), `ml-associate-prep-progress-${new Date().toISOString().slice(0, 10)}.json`),
    filters: { JSON: ['json'] },
  }));
  if (!uri) return undefined;
  await writeFile(uri.fsPath, exportDocument(store.progress, Date.now()), 'utf8');
  if (!target) void vscode.window.showInformationMessage(`Progress exported to ${uri.fsPath} (${store.progress.answers.length} answers).`);
  return uri;
}

/**
 * Merges a progress file into the current progress (never replaces it). Invalid files get a clear
 * error; a file with some damaged records asks before importing the valid rest.
 */
export async function importProgress(store: ProgressStore, source?: vscode.Uri, confirm = true): Promise<{ imported: boolean; message: string }> {
  const uri = source ?? (await vscode.window.showOpenDialog({ title: 'Import ML Associate Prep progress', defaultUri: startFolder(), canSelectMany: false, filters: { JSON: ['json'] } }))?.[0];
  if (!uri) return { imported: false, message: 'cancelled' };
  let r: ImportResult;
  try {
    // A file over the limit is refused unread: it would be held in memory whole only to be refused.
    const tooLarge = (await stat(uri.fsPath)).size > MAX_IMPORT_CHARS;
    r = tooLarge ? { problems: [TOO_LARGE] } : readExport(await readFile(uri.fsPath, 'utf8'), Date.now());
  } catch (e) {
    const message = `Could not read ${uri.fsPath}: ${e instanceof Error ? e.message : String(e)}`;
    if (confirm) void vscode.window.showErrorMessage(message);
    return { imported: false, message };
  }
  if (!r.progress) {
    const message = `Nothing imported: ${r.problems.join('; ')}.`;
    if (confirm) void vscode.window.showErrorMessage(message);
    return { imported: false, message };
  }
  const s = importSummary(store.progress, r.progress);
  const parts = [`${s.newAnswers} new answer${s.newAnswers === 1 ? '' : 's'} (of ${s.answers} in the file)`];
  if (s.ticks) parts.push(`${s.ticks} plan tick${s.ticks === 1 ? '' : 's'}`);
  if (s.mocks) parts.push(`${s.mocks} mock exam${s.mocks === 1 ? '' : 's'}`);
  if (s.flags) parts.push(`${s.flags} flag${s.flags === 1 ? '' : 's'}`);
  const what = parts.join(', ');
  if (confirm) {
    const detail = r.problems.length ? `Problems found: ${r.problems.join('; ')}. The valid records can still be imported.` : 'Your current progress is kept; the file is merged into it.';
    const choice = await vscode.window.showWarningMessage(`Import ${what}?`, { modal: true, detail }, 'Merge into my progress');
    if (choice !== 'Merge into my progress') return { imported: false, message: 'cancelled' };
  }
  await store.importState(r.progress);
  const message = `Imported ${what}.`;
  if (confirm) void vscode.window.showInformationMessage(message);
  return { imported: true, message };
}
