import type { PerfLog } from './perfLog';
import * as vscode from 'vscode';
import type { HoverService } from '../core/hoverService';
import type { DocumentModel } from '../core/python/documentModel';
import { joinAllCells } from '../core/python/notebook';
import type { SeverityOverrides } from '../core/traps/engine';
import { trapBundle } from './lazyBundles';
import { nextTurn } from '../node/nextTurn';
import type { TrapFinding, TrapSeverity } from '../core/traps/types';
import { compareRuleIds } from '../core/traps/ruleOrder';
import { CardsDocuments } from './cardsDocument';
import { SECTION } from './settings';

// Exam-trap diagnostics: the core's rules over the hover's cached document model, shown as
// squiggles with code actions (the quick fix, "Quiz me on this trap", "Why is this a trap?").

export const QUIZ_TRAP_COMMAND = 'mlAssociatePrep.quizTrap';
export const SHOW_TRAP_COMMAND = 'mlAssociatePrep.showTrap';
const SOURCE = 'ML Associate Prep';
/** Edits come in bursts; a pass costs a few milliseconds, but there is no need to run one per key. */
const DEBOUNCE_MS = 300;

const SEVERITY: Record<Exclude<TrapSeverity, 'off'>, vscode.DiagnosticSeverity> = {
  hint: vscode.DiagnosticSeverity.Hint,
  information: vscode.DiagnosticSeverity.Information,
  warning: vscode.DiagnosticSeverity.Warning,
};

interface Placed {
  diagnostic: vscode.Diagnostic;
  finding: TrapFinding;
  document: vscode.TextDocument;
  /** Offset of this document's text within the text the rules saw (a notebook cell's base). */
  base: number;
}

function trapSettings(): { enabled: boolean; overrides: SeverityOverrides } {
  const c = vscode.workspace.getConfiguration(SECTION);
  const raw = c.get<Record<string, unknown>>('diagnostics.rules', {}) ?? {};
  const overrides: Record<string, TrapSeverity> = {};
  for (const [id, v] of Object.entries(raw)) if (/^MLAP\d{3}$/.test(id) && (v === 'off' || v === 'hint' || v === 'information' || v === 'warning')) overrides[id] = v;
  return { enabled: c.get<boolean>('diagnostics.enabled', true), overrides };
}

const isPython = (d: vscode.TextDocument) => d.languageId === 'python' && d.uri.scheme !== 'git' && d.uri.scheme !== 'output';

export class TrapDiagnostics implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };
  readonly collection = vscode.languages.createDiagnosticCollection('ml-associate-prep');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly placed = new Map<string, Placed[]>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly python: () => Promise<HoverService>, private readonly log: vscode.LogOutputChannel, private readonly perf?: PerfLog) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d)),
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => this.clear(d.uri)),
      vscode.workspace.onDidOpenNotebookDocument((nb) => this.scheduleNotebook(nb)),
      vscode.workspace.onDidCloseNotebookDocument((nb) => nb.getCells().forEach((c) => this.clear(c.document.uri))),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(`${SECTION}.diagnostics`) && this.refreshAll()),
    );
  }

  /** Checks every open Python document (at start, and when the settings or the rules change). */
  refreshAll(): void {
    for (const d of vscode.workspace.textDocuments) if (d.uri.scheme !== 'vscode-notebook-cell') this.schedule(d, 0);
    for (const nb of vscode.workspace.notebookDocuments) this.scheduleNotebook(nb, 0);
  }

  private schedule(doc: vscode.TextDocument, delay = DEBOUNCE_MS): void {
    if (!isPython(doc)) return;
    if (doc.uri.scheme === 'vscode-notebook-cell') {
      const nb = vscode.workspace.notebookDocuments.find((n) => n.getCells().some((c) => c.document === doc));
      if (nb) this.scheduleNotebook(nb, delay);
      return;
    }
    this.debounce(doc.uri.toString(), delay, () => this.checkDocument(doc));
  }

  private scheduleNotebook(nb: vscode.NotebookDocument, delay = DEBOUNCE_MS): void {
    this.debounce(nb.uri.toString(), delay, () => this.checkNotebook(nb));
  }

  private debounce(key: string, delay: number, run: () => Promise<void>): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      run().catch((e) => this.log.error(`trap diagnostics: ${e instanceof Error ? e.stack ?? e.message : String(e)}`));
    }, delay));
  }

  private async findings(key: string, version: number, text: () => string): Promise<{ findings: TrapFinding[] } | undefined> {
    const settings = trapSettings();
    if (!settings.enabled) return undefined;
    const service = await this.python();
    // The checks run in the extension host every extension shares: loading the rules (the first
    // time), building the model and running the rules in three groups take turns of the event loop,
    // not one long block (a pass after an edit of a 10,000-line file is about 50 ms in all).
    if (!this.warm) {
      await this.timed(() => trapBundle());
      await nextTurn();
    }
    const model = this.timed(() => service.model(key, version, text));
    if (!model) return { findings: [] }; // past the size limits: no traps, like no hovers
    const ids = service.content.rules.map((r) => r.id);
    const findings: TrapFinding[] = [];
    for (let i = 0; i < 3; i++) {
      await nextTurn();
      const group = new Set(ids.filter((_, j) => j % 3 === i));
      findings.push(...this.timed(() => this.run(service, model, key, settings, group)).findings);
    }
    this.warm = true;
    return { findings: findings.sort((a, b) => a.start - b.start || compareRuleIds(a.rule, b.rule)) };
  }
  private warm = false;

  /** Runs `fn`, recording its time as one traps:check sample. */
  private timed<T>(fn: () => T): T {
    return this.perf ? this.perf.time('traps:check', fn) : fn();
  }

  private run(service: HoverService, model: DocumentModel, key: string, settings: ReturnType<typeof trapSettings>, only?: ReadonlySet<string>): { findings: TrapFinding[] } {
    const pages = service.content.rules;
    const run = trapBundle().checkTraps(model, service.resolver, pages, settings.overrides, only);
    for (const f of run.failures) this.log.warn(`trap rule ${f.rule} failed on ${key}: ${f.error}`);
    return { findings: run.findings };
  }

  private async checkDocument(doc: vscode.TextDocument): Promise<void> {
    if (doc.isClosed) return;
    const version = doc.version;
    const result = await this.findings(doc.uri.toString(), version, () => doc.getText());
    if (doc.isClosed || doc.version !== version) return; // a newer pass is scheduled
    this.publish(doc.uri, (result?.findings ?? []).map((f) => this.place(f, doc, 0)));
  }

  private async checkNotebook(nb: vscode.NotebookDocument): Promise<void> {
    if (nb.isClosed) return;
    const cells = nb.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code && c.document.languageId === 'python');
    const joined = joinAllCells(cells.map((c) => c.document.getText()));
    // One model for the notebook: a cell sees the imports of the cells above it.
    const version = cells.reduce((h, c) => (h * 31 + c.document.version) | 0, cells.length);
    const result = await this.findings(`${nb.uri.toString()}#all`, version, () => joined.text);
    const byCell = new Map<number, Placed[]>();
    for (const f of result?.findings ?? []) {
      let i = 0;
      while (i + 1 < joined.bases.length && joined.bases[i + 1]! <= f.start) i++;
      const list = byCell.get(i) ?? [];
      list.push(this.place(f, cells[i]!.document, joined.bases[i]!));
      byCell.set(i, list);
    }
    cells.forEach((c, i) => this.publish(c.document.uri, byCell.get(i) ?? []));
  }

  private place(f: TrapFinding, doc: vscode.TextDocument, base: number): Placed {
    const range = new vscode.Range(doc.positionAt(f.start - base), doc.positionAt(f.end - base));
    const d = new vscode.Diagnostic(range, f.message, SEVERITY[f.severity]);
    d.source = SOURCE;
    d.code = { value: f.rule, target: CardsDocuments.ruleUri(f.rule) };
    if (f.deprecated) d.tags = [vscode.DiagnosticTag.Deprecated];
    return { diagnostic: d, finding: f, document: doc, base };
  }

  private publish(uri: vscode.Uri, list: Placed[]): void {
    this.placed.set(uri.toString(), list);
    this.collection.set(uri, list.map((p) => p.diagnostic));
  }

  private clear(uri: vscode.Uri): void {
    clearTimeout(this.timers.get(uri.toString()));
    this.placed.delete(uri.toString());
    this.collection.delete(uri);
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const placed = this.placed.get(doc.uri.toString()) ?? [];
    const actions: vscode.CodeAction[] = [];
    const seenRules = new Set<string>();
    for (const d of context.diagnostics) {
      const p = placed.find((x) => x.diagnostic === d || (x.diagnostic.range.isEqual(d.range) && x.diagnostic.message === d.message));
      if (!p) continue;
      const { finding } = p;
      if (finding.fix) {
        const a = new vscode.CodeAction(finding.fix.title, vscode.CodeActionKind.QuickFix);
        a.diagnostics = [p.diagnostic];
        a.isPreferred = true;
        a.edit = new vscode.WorkspaceEdit();
        for (const e of finding.fix.edits) a.edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start - p.base), doc.positionAt(e.end - p.base)), e.text);
        actions.push(a);
      }
      if (seenRules.has(finding.rule)) continue;
      seenRules.add(finding.rule);
      const quiz = new vscode.CodeAction(`Quiz me on this trap (${finding.rule})`, vscode.CodeActionKind.QuickFix);
      quiz.command = { command: QUIZ_TRAP_COMMAND, title: quiz.title, arguments: [finding.rule] };
      quiz.diagnostics = [p.diagnostic];
      const why = new vscode.CodeAction(`Why is this a trap? (${finding.rule})`, vscode.CodeActionKind.QuickFix);
      why.command = { command: SHOW_TRAP_COMMAND, title: why.title, arguments: [finding.rule] };
      why.diagnostics = [p.diagnostic];
      actions.push(quiz, why);
    }
    return actions;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.disposables.forEach((d) => d.dispose());
  }
}
