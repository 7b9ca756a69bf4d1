import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { Bank } from '../core/bank';
import type { CompiledContent, QuizContent, ReferenceContent } from '../core/content/compiled';
import { mergeContent } from '../core/content/contentParts';
import { bankHoverContent, type HoverContent } from '../core/hover/hoverIndex';
import type { PlanContent } from '../core/study/planContent';
import type { PerfLog } from './perfLog';
import { readContent, readHoverIndex, readPlanIndex, readReference } from '../node/distFiles';

/**
 * The content the surfaces use: the compiled bank (dist/content.json, the quiz part, read the first
 * time a surface needs it, never at activation) plus the question packs named in the settings; the
 * reference part (dist/reference.json: cards, symbols, keywords, rule pages), read only by what needs
 * it (reference()); and the smaller indexes the build writes beside them, which the hover, the trap
 * checks and the study plan read instead until the bank is needed (python(), hover(), plan()).
 * A pack's problems go to the Problems panel with their file and line; its valid files join the bank.
 */
export class ContentLoader implements vscode.Disposable {
  private base: Promise<QuizContent> | undefined;
  private bank: Promise<Bank> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('ml-associate-prep-packs');
  private watchers: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: vscode.LogOutputChannel, private readonly perf?: PerfLog) {}

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

  private loadBase(): Promise<QuizContent> {
    // Validation (zod's content schema) lives in packCompiler.js: only a damaged file needs it.
    this.base ??= readContent(this.dist, (why) => this.log.warn(`content: ${why}`), (json) => packCompiler().QuizContentSchema.safeParse(json));
    return this.base;
  }

  /**
   * The reference part (cards, symbol table, keywords, rule pages), read on first use: the cards
   * document, rule pages, question packs and the hover's fallback need it; the quiz never does.
   * A missing or damaged file rejects with a message that names it.
   */
  reference(): Promise<ReferenceContent> {
    this.referencePart ??= readReference(this.dist, (why) => this.log.warn(`content: ${why}`), (json) => packCompiler().ReferenceContentSchema.safeParse(json));
    return this.referencePart;
  }
  private referencePart: Promise<ReferenceContent> | undefined;

  /** Both parts, what question packs are compiled against; one object, so the pack compiler's symbol table is built once. */
  private packBase(): Promise<CompiledContent> {
    this.merged ??= Promise.all([this.loadBase(), this.reference()]).then(([quiz, reference]) => mergeContent(quiz, reference));
    return this.merged;
  }
  private merged: Promise<CompiledContent> | undefined;

  /**
   * What the resolver, the cards and the trap diagnostics read: the build's hover index
   * (dist/hoverIndex.json), never the bank, so neither the first card nor the first trap check
   * waits for the questions. Question counts come from the merged bank once it is loaded (it has
   * the packs' questions); an unusable index is replaced by the bank (validated).
   */
  python(): Promise<HoverContent> {
    // Each step of the load (hash, parse, build) timed as content:<step>: they run right after activation.
    this.index ??= readHoverIndex(this.dist, (what, fn) => (this.perf ? this.perf.time(`content:${what}`, fn) : fn())).then((index) => {
      if (index) return this.countingLoadedBank(index);
      this.log.warn('content: dist/hoverIndex.json is missing or does not match its hash; the hover uses the bank');
      return undefined;
    }, (e: unknown) => {
      this.log.warn(`content: dist/hoverIndex.json: ${String(e)}; the hover uses the bank`);
      return undefined;
    });
    return this.index.then(async (index) => index ?? this.bankContent(...(await Promise.all([this.get(), this.reference()]))));
  }
  private index: Promise<HoverContent | undefined> | undefined;

  /** The fallback's hover content, one per bank: a new object per call would make the hover build a new service each time. */
  private bankContent(bank: Bank, reference: ReferenceContent): HoverContent {
    if (this.fallback?.bank !== bank) this.fallback = { bank, content: bankHoverContent(bank, reference) };
    return this.fallback.content;
  }
  private fallback: { bank: Bank; content: HoverContent } | undefined;

  /** python(), once the packs' questions count: with packs configured, after loading the merged bank. */
  async hover(): Promise<HoverContent> {
    if (this.packFolders().length) await this.get();
    return this.python();
  }

  /**
   * What the study plan reads: the bank once a surface has loaded it; before that, without question
   * packs, dist/planIndex.json (40 KB), so showing the plan does not load 1.97 MB.
   */
  async plan(): Promise<PlanContent> {
    if (this.loadedBank) return this.loadedBank;
    if (this.packFolders().length) return this.get();
    this.planIndex ??= readPlanIndex(this.dist).then((index) => {
      if (!index) this.log.warn('content: dist/planIndex.json is missing or does not match its hash; the plan uses the bank');
      return index;
    }, (e: unknown) => {
      this.log.warn(`content: dist/planIndex.json: ${String(e)}; the plan uses the bank`);
      return undefined;
    });
    return (await this.planIndex) ?? this.get();
  }
  private planIndex: Promise<PlanContent | undefined> | undefined;

  private countingLoadedBank(index: HoverContent): HoverContent {
    return {
      table: index.table,
      rules: index.rules,
      card: (symbol) => index.card(symbol),
      // Without packs the bank and the index count alike; with packs only the bank counts theirs.
      questionIds: (symbols) => this.loadedBank?.forSymbols(symbols).map((q) => q.id) ?? index.questionIds(symbols),
    };
  }

  private get dist(): string {
    return vscode.Uri.joinPath(this.extensionUri, 'dist').fsPath;
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
    // Packs are checked against the API symbols and keywords too: the reference part. Without it
    // (a damaged install) the bank's own questions still make a quiz.
    let packBase: CompiledContent;
    try {
      packBase = await this.packBase();
    } catch (e) {
      const why = (e instanceof Error ? e.message : String(e)).replace(/^ML Associate Prep: /, '');
      this.log.error(`question packs left out: ${why}`);
      void vscode.window.showWarningMessage(`ML Associate Prep: the question packs were left out: ${why}`);
      return new Bank(base);
    }
    // The reader and compiler `node dist/cli.js lint FOLDER` uses, so both give the same verdict.
    // It reads synchronously: its caps (file size, files, questions) bound the time it takes.
    const { questions, diagnostics, files, unreadable } = packCompiler().loadPacks(folders, packBase, packCompiler().compilePack, (p) => p);
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
