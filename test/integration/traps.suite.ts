import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, fixture } from './helpers';

// Exam-trap diagnostics as the editor sees them (vscode.languages.getDiagnostics), their code
// actions (vscode.executeCodeActionProvider), and "Practice the APIs in this workspace".

const ours = (d: vscode.Diagnostic) => d.source === 'ML Associate Prep';
const rule = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

/** The newest session whose title matches, once the quiz view has started it (the view may resolve after the command returns). */
async function sessionTitled(store: { progress: { sessions: Record<string, { title: string; startedAt: number; questionIds: string[] }> } }, title: RegExp) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const s = Object.values(store.progress.sessions).filter((x) => title.test(x.title)).sort((a, b) => b.startedAt - a.startedAt)[0];
    if (s) return s;
    if (Date.now() > deadline) assert.fail(`no session titled ${title} (sessions: ${Object.values(store.progress.sessions).map((x) => x.title).join(', ')})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The extension's diagnostics on a document once `ready` holds (they are debounced after an edit). */
async function diagnostics(uri: vscode.Uri, ready: (ds: vscode.Diagnostic[]) => boolean, what: string): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const ds = vscode.languages.getDiagnostics(uri).filter(ours);
    if (ready(ds)) return ds;
    if (Date.now() > deadline) assert.fail(`${what}: diagnostics now ${JSON.stringify(ds.map((d) => `${d.range.start.line + 1}: ${rule(d)}`))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function registerTrapsSuite(): void {
  describe('exam-trap diagnostics (vscode.languages.getDiagnostics)', () => {
    let doc: vscode.TextDocument;
    before(async () => {
      await api();
      // An untitled copy: the quick fix below edits it, and nothing may ever save that to the fixture.
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(fixture('traps.py')));
      doc = await vscode.workspace.openTextDocument({ language: 'python', content: text });
      await vscode.window.showTextDocument(doc);
    });
    after(async () => {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.workspace.getConfiguration('mlAssociatePrep').update('diagnostics.rules', undefined, vscode.ConfigurationTarget.Global);
    });

    it('reports the traps of a Python file with rule ids, page links and the Deprecated tag', async () => {
      const ds = await diagnostics(doc.uri, (x) => x.some((d) => rule(d) === 'MLAP015') && x.some((d) => rule(d) === 'MLAP001'), 'MLAP001 and MLAP015 in traps.py');
      const split = ds.find((d) => rule(d) === 'MLAP015')!;
      assert.match(doc.getText(split.range), /^randomSplit\(/);
      assert.equal(split.severity, vscode.DiagnosticSeverity.Information);
      const target = (split.code as { target: vscode.Uri }).target;
      assert.equal(target.toString(), 'ml-associate-prep:/rules/MLAP015.md');
      const logModel = ds.find((d) => rule(d) === 'MLAP001')!;
      assert.equal(doc.getText(logModel.range), 'artifact_path');
      assert.deepEqual(logModel.tags, [vscode.DiagnosticTag.Deprecated]);
      // `train.limit(1000).toPandas()` collects 1,000 rows, not the table: no MLAP021.
      assert.ok(!ds.some((d) => rule(d) === 'MLAP021'), 'no whole-table finding on a limited toPandas');
    });

    it('offers the quick fix, "Quiz me on this trap" and "Why is this a trap?", and the fix changes the text', async () => {
      const split = (await diagnostics(doc.uri, (x) => x.some((d) => rule(d) === 'MLAP015'), 'MLAP015')).find((d) => rule(d) === 'MLAP015')!;
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, split.range);
      const titles = actions.map((a) => a.title);
      assert.ok(titles.includes('Add seed=42'), titles.join(' | '));
      assert.ok(titles.includes('Quiz me on this trap (MLAP015)'), titles.join(' | '));
      assert.ok(titles.includes('Why is this a trap? (MLAP015)'), titles.join(' | '));
      const fix = actions.find((a) => a.title === 'Add seed=42')!;
      assert.equal(fix.isPreferred, true);
      assert.ok(await vscode.workspace.applyEdit(fix.edit!));
      assert.match(doc.getText(), /df\.randomSplit\(\[0\.8, 0\.2\], seed=42\)/);
      await diagnostics(doc.uri, (x) => !x.some((d) => rule(d) === 'MLAP015') && x.some((d) => rule(d) === 'MLAP001'), 'MLAP015 gone after the fix, MLAP001 still there');
    });

    it('"Quiz me on this trap" starts a practice set on the rule\'s questions', async () => {
      const { store } = await api();
      await vscode.commands.executeCommand('mlAssociatePrep.quizTrap', 'MLAP001');
      const session = await sessionTitled(store, /^Trap MLAP001: /);
      assert.ok(session.questionIds.length >= 2, `${session.questionIds.length} questions`);
      assert.ok(session.questionIds.includes('manual-log-model-name-keyword') || session.questionIds.some((q) => /log-model|ucreg/.test(q)), session.questionIds.join(', '));
    });

    it('follows the per-rule severity setting, "off" included', async () => {
      const config = vscode.workspace.getConfiguration('mlAssociatePrep');
      await config.update('diagnostics.rules', { MLAP001: 'warning' }, vscode.ConfigurationTarget.Global);
      await diagnostics(doc.uri, (x) => x.some((d) => rule(d) === 'MLAP001' && d.severity === vscode.DiagnosticSeverity.Warning), 'MLAP001 as a warning');
      await config.update('diagnostics.rules', { MLAP001: 'off' }, vscode.ConfigurationTarget.Global);
      await diagnostics(doc.uri, (x) => !x.some((d) => rule(d) === 'MLAP001'), 'MLAP001 switched off');
    });

    it('reports a trap in a notebook cell whose import is in an earlier cell', async () => {
      const notebook = await vscode.workspace.openNotebookDocument(fixture('traps_notebook.ipynb'));
      await vscode.window.showNotebookDocument(notebook);
      const cells = notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code);
      const ds = await diagnostics(cells[1]!.document.uri, (x) => x.some((d) => rule(d) === 'MLAP015'), 'MLAP015 in the second code cell');
      assert.match(cells[1]!.document.getText(ds.find((d) => rule(d) === 'MLAP015')!.range), /^randomSplit\(/);
      assert.equal(vscode.languages.getDiagnostics(cells[0]!.document.uri).filter(ours).length, 0, 'nothing in the first cell');
    });
  });
}

/** Run in the demo workspace: the practice set is made of the APIs its files use, as `cli usage` counts them. */
export function registerWorkspaceUsageSuite(): void {
  describe('"Practice the APIs in this workspace" on the demo workspace', () => {
    it('starts a set whose every question names an API the workspace uses, with the counts of `cli usage`', async () => {
      const { store } = await api();
      const report = await vscode.commands.executeCommand<{ files: number; filesWithApis: number; apis: { symbol: string; questions: string[] }[]; questionIds: string[] }>('mlAssociatePrep.practiceWorkspace', { confirm: false });
      assert.ok(report && report.apis.length >= 10, `${report?.apis.length} APIs found`);
      const session = await sessionTitled(store, /^Practice: the APIs in this workspace$/);
      const covered = new Set(report.questionIds);
      for (const q of session.questionIds) assert.ok(covered.has(q), `${q} is on an API the workspace uses`);
      // The CLI reads the same folder with the same core: same counts.
      const root = path.resolve(__dirname, '..', '..', '..');
      const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
      const cli = JSON.parse(execFileSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'usage', '--json', folder], { encoding: 'utf8' })) as typeof report;
      assert.equal(report.files, cli.files);
      assert.equal(report.filesWithApis, cli.filesWithApis);
      assert.deepEqual(report.apis.map((a) => a.symbol).sort(), cli.apis.map((a) => a.symbol).sort());
      assert.deepEqual([...report.questionIds].sort(), [...cli.questionIds].sort());
    });
  });
}
