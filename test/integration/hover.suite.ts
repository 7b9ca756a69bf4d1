import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, fixture, hoverText, positionOf } from './helpers';

/** Hover cards as the editor's hover providers return them, in a .py file and in notebooks. */
export function registerHoverSuite(): void {
  describe('hover cards (vscode.executeHoverProvider)', () => {
    let doc: vscode.TextDocument;
    before(async () => {
      await api();
      doc = await vscode.workspace.openTextDocument(fixture('train.py'));
      await vscode.window.showTextDocument(doc);
    });

    it('shows the exam card on mlflow.log_param with its real signature', async () => {
      const md = await hoverText(doc.uri, positionOf(doc, 'mlflow.log_param("max_depth"', 'log_param'));
      assert.match(md, /\*\*mlflow\.log_param\*\*/);
      assert.match(md, /log_param\(key: str, value: Any, synchronous: bool \| None = None\)/);
      assert.match(md, /\*\*Exam:\*\*/);
      assert.match(md, /command:mlAssociatePrep\.quizSymbol/);
    });

    it('resolves `import mlflow as mf` and `from mlflow import log_param as lp`', async () => {
      assert.match(await hoverText(doc.uri, positionOf(doc, 'mf.log_metric', 'log_metric')), /\*\*mlflow\.log_metric\*\*/);
      assert.match(await hoverText(doc.uri, positionOf(doc, 'lp("alpha"', 'lp')), /\*\*mlflow\.log_param\*\*/);
    });

    it('resolves dotted submodules, classes from pyspark.ml.tuning and methods on instances', async () => {
      assert.match(await hoverText(doc.uri, positionOf(doc, 'mlflow.sklearn.autolog', 'autolog')), /\*\*mlflow\.sklearn\.autolog\*\*/);
      assert.match(await hoverText(doc.uri, positionOf(doc, 'cv = CrossValidator', 'CrossValidator')), /\*\*pyspark\.ml\.tuning\.CrossValidator\*\*/);
      assert.match(await hoverText(doc.uri, positionOf(doc, 'client.set_registered_model_alias', 'set_registered')), /\*\*mlflow\.client\.MlflowClient\.set_registered_model_alias\*\*/);
    });

    it('shows no card inside a comment or a string', async () => {
      assert.doesNotMatch(await hoverText(doc.uri, positionOf(doc, '# mlflow.log_param in a comment', 'log_param')), /exam note/);
      assert.doesNotMatch(await hoverText(doc.uri, positionOf(doc, 'note = "mlflow.log_param', 'log_param')), /exam note/);
    });

    it('resolves across commands of a Databricks source notebook and ignores MAGIC lines', async () => {
      const nb = await vscode.workspace.openTextDocument(fixture('databricks_notebook.py'));
      assert.match(await hoverText(nb.uri, positionOf(nb, 'mlflow.log_param("learning_rate"', 'log_param')), /\*\*mlflow\.log_param\*\*/);
      assert.doesNotMatch(await hoverText(nb.uri, positionOf(nb, '# MAGIC Log one parameter', 'log_param')), /exam note/);
    });

    it('resolves an .ipynb cell whose import is in an earlier cell', async () => {
      const notebook = await vscode.workspace.openNotebookDocument(fixture('notebook.ipynb'));
      await vscode.window.showNotebookDocument(notebook);
      const cell = notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code)[1]!;
      assert.match(cell.document.getText(), /^mlflow\.log_param/);
      assert.equal(cell.document.getText().includes('import'), false, 'the import must be in another cell');
      assert.match(await hoverText(cell.document.uri, positionOf(cell.document, 'mlflow.log_param', 'log_param')), /\*\*mlflow\.log_param\*\*/);
      assert.match(await hoverText(cell.document.uri, positionOf(cell.document, 'best = fmin', 'fmin')), /\*\*hyperopt\.fmin\*\*/);
    });

    it('the walkthrough\'s "Open a sample" gives a read-only Python document whose calls have cards', async () => {
      await vscode.commands.executeCommand('mlAssociatePrep.openSample');
      const sample = vscode.window.activeTextEditor!.document;
      assert.equal(sample.uri.scheme, 'ml-associate-prep-sample', 'a virtual document, never the installed file');
      assert.equal(sample.isUntitled, false, 'nothing to save when it closes');
      assert.equal(sample.isDirty, false);
      assert.equal(sample.languageId, 'python');
      assert.match(await hoverText(sample.uri, positionOf(sample, 'client.set_registered_model_alias', 'set_registered')), /\*\*mlflow\.client\.MlflowClient\.set_registered_model_alias\*\*/);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    it('turns cards off per library through the setting', async () => {
      const config = vscode.workspace.getConfiguration('mlAssociatePrep');
      await config.update('hover.libraries', { mlflow: false, pyspark: true, hyperopt: true, databricks: true }, vscode.ConfigurationTarget.Global);
      try {
        assert.doesNotMatch(await hoverText(doc.uri, positionOf(doc, 'mlflow.log_param("max_depth"', 'log_param')), /exam note/);
        assert.match(await hoverText(doc.uri, positionOf(doc, 'cv = CrossValidator', 'CrossValidator')), /exam note/);
      } finally {
        await config.update('hover.libraries', undefined, vscode.ConfigurationTarget.Global);
      }
    });
  });
}
