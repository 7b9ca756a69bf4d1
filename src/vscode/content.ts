import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { Bank } from '../core/bank';
import type { CompiledContent } from '../core/content/compiled';
import { CONTENT_SCHEMA_VERSION } from '../core/content/contentVersion';

/**
 * The content the surfaces use: the compiled bank (dist/content.json, read and validated the first
 * time a surface needs it, never at activation) plus the question packs named in the settings.
 * A pack's problems go to the Problems panel with their file and line; its valid files join the bank.
 */
export class ContentLoader implements vscode.Disposable {
  private base: Promise<CompiledContent> | undefined;
  private bank: Promise<Bank> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('ml-associate-prep-packs');
  private watchers: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel) {}

  get(): Promise<Bank> {
    this.bank ??= this.load().then((b) => (this.loadedBank = b));
    return this.bank;
  }

  /** Drops the merged bank so the next use reloads the packs. */
  invalidate(): void {
    this.bank = undefined;
    this.loadedBank = undefined;
    this.changed.fire();
  }

  /** The bank if a surface has loaded it already (the status bar counts without forcing a load). */
  get loaded(): Bank | undefined {
    return this.loadedBank;
  }
  private loadedBank: Bank | undefined;

  private loadBase(): Promise<CompiledContent> {
    this.base ??= (async () => {
      const dist = (name: string) => vscode.Uri.joinPath(this.extensionUri, 'dist', name).fsPath;
      const text = await readFile(dist('content.json'), 'utf8');
      // The build validated this content and wrote its hash: when the file is that file, it is
      // trusted as is (validating 1.6 MB again would block the extension host for ~50 ms).
      // Anything else (a hand-edited or damaged file) is validated before use.
      const expected = await readFile(dist('content.sha256'), 'utf8').catch(() => '');
      const json: unknown = JSON.parse(text);
      if (expected && createHash('sha256').update(text).digest('hex') === expected.trim() && (json as { schemaVersion?: unknown }).schemaVersion === CONTENT_SCHEMA_VERSION) {
        return json as CompiledContent;
      }
      this.log.warn('content: dist/content.json does not match the hash the build wrote; validating it');
      const parsed = packCompiler().CompiledContentSchema.safeParse(json);
      if (!parsed.success) throw new Error(`ML Associate Prep: dist/content.json is not valid (${parsed.error.issues[0]?.message}); reinstall the extension`);
      return parsed.data;
    })();
    return this.base;
  }

  private packFolders(): string[] {
    const folders = vscode.workspace.getConfiguration('mlAssociatePrep').get<string[]>('questionPacks', []);
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    return folders.filter((f) => typeof f === 'string' && f.trim()).map((f) => (isAbsolute(f) || !root ? f : join(root, f)));
  }

  private async load(): Promise<Bank> {
    const base = await this.loadBase();
    const folders = this.packFolders();
    this.diagnostics.clear();
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    if (!folders.length) return new Bank(base);
    // The reader and compiler `node dist/cli.js lint FOLDER` uses, so both give the same verdict.
    // It reads synchronously: its caps (file size, files, questions) bound the time it takes.
    const { questions, diagnostics, files, unreadable } = packCompiler().loadPacks(folders, base, packCompiler().compilePack, (p) => p);
    for (const u of unreadable) {
      this.log.warn(`question pack ${u.message}`);
      void vscode.window.showWarningMessage(`ML Associate Prep: the question pack folder "${u.path}" could not be read.`);
    }
    for (const folder of folders.filter((f) => !unreadable.some((u) => u.path === f))) {
      // Both cases of the extension: the reader takes x.MD as a question file too.
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(folder), '**/*.[mM][dD]'));
      watcher.onDidChange(() => this.invalidate());
      watcher.onDidCreate(() => this.invalidate());
      watcher.onDidDelete(() => this.invalidate());
      this.watchers.push(watcher);
    }
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const d of diagnostics) {
      const diag = new vscode.Diagnostic(new vscode.Range(d.line - 1, 0, d.line - 1, 200), d.message, d.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      diag.source = 'ML Associate Prep';
      byFile.set(d.file, [...(byFile.get(d.file) ?? []), diag]);
    }
    for (const [file, ds] of byFile) this.diagnostics.set(vscode.Uri.file(file), ds);
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    if (errors) {
      void vscode.window.showWarningMessage(`ML Associate Prep: ${errors} problem${errors === 1 ? '' : 's'} in your question packs; those files were left out (see the Problems panel).`, 'Show Problems')
        .then((c) => c && vscode.commands.executeCommand('workbench.actions.view.problems'));
    }
    this.log.info(`question packs: ${questions.length} questions added from ${files} files`);
    return new Bank({ ...base, questions: [...base.questions, ...questions] });
  }

  dispose(): void {
    this.changed.dispose();
    this.diagnostics.dispose();
    for (const w of this.watchers) w.dispose();
  }
}

/**
 * The pack compiler pulls in marked and yaml (about 160 KB minified) that only users with question
 * packs need, so it is a bundle of its own (dist/packCompiler.js), required on first use rather
 * than parsed at every activation.
 */
type PackCompiler = typeof import('../node/packBundle');
let loadedPackCompiler: PackCompiler | undefined;
function packCompiler(): PackCompiler {
  // A computed path keeps esbuild from inlining the module into extension.js.
  return (loadedPackCompiler ??= require(join(__dirname, 'packCompiler.js')) as PackCompiler);
}
