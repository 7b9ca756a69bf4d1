import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';

export const EXTENSION_ID = 'mlassociateprep.ml-associate-prep';

/** Activates the extension under test and returns its API. */
export async function api(): Promise<ExtensionApi> {
  const ext = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in this VS Code`);
  const exports = await ext.activate();
  await exports.ready;
  return exports;
}

/** A file of the test workspace (the folder VS Code was opened on). */
export function fixture(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the integration tests need the fixture workspace open');
  return vscode.Uri.file(path.join(folder.uri.fsPath, name));
}

/** The Markdown of every hover at a position, as the editor's hover providers returned it. */
export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return (hovers ?? []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n---\n');
}

/** Position of the `n`th occurrence of `needle` on the line containing `lineMarker`, plus `offset`. */
export function positionOf(doc: vscode.TextDocument, lineMarker: string, needle: string, offset = 1): vscode.Position {
  const text = doc.getText();
  const lineStart = text.indexOf(lineMarker);
  assert.ok(lineStart >= 0, `"${lineMarker}" not in ${doc.uri.fsPath}`);
  const at = text.indexOf(needle, lineStart);
  assert.ok(at >= 0, `"${needle}" not after "${lineMarker}"`);
  return doc.positionAt(at + offset);
}
