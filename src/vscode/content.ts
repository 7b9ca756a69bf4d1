import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { Bank } from '../core/bank';
import { CompiledContentSchema } from '../core/content/compiled';

/**
 * The compiled content (dist/content.json), read and validated the first time a surface needs it,
 * never at activation.
 */
export class ContentLoader {
  private bank: Promise<Bank> | undefined;
  constructor(private readonly extensionUri: vscode.Uri) {}

  get(): Promise<Bank> {
    this.bank ??= (async () => {
      const file = vscode.Uri.joinPath(this.extensionUri, 'dist', 'content.json').fsPath;
      const parsed = CompiledContentSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (!parsed.success) throw new Error(`ML Associate Prep: dist/content.json is not valid (${parsed.error.issues[0]?.message}); reinstall the extension`);
      return new Bank(parsed.data);
    })();
    return this.bank;
  }
}
