import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { api } from './helpers';

const ANSWER = { id: 'integration-answer-1', q: 'manual-log-metric-per-epoch', at: 1_763_900_000_000, choices: ['C'], correct: true, ms: 4200, mode: 'practice' as const };
const exportPath = () => {
  const p = process.env.MLAP_EXPORT_PATH;
  assert.ok(p, 'the runner sets MLAP_EXPORT_PATH');
  return p;
};

async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Progress through the real extension: answers, export/import, reloads and damaged state. */
export function registerProgressSuite(mode: 'write' | 'verify' | 'import' | 'corrupt' | 'recovered'): void {
  describe(`progress (${mode})`, () => {
    if (mode === 'write') {
      it('"Quiz me on this" opens the quiz on a set of that API\'s questions', async () => {
        const { store } = await api();
        await vscode.commands.executeCommand('mlAssociatePrep.quizSymbol', 'mlflow.log_metric');
        await until(() => Object.values(store.progress.sessions).some((s) => s.filter?.symbols.includes('mlflow.log_metric')), 'a practice session on mlflow.log_metric');
      });

      it('records an answer and exports it to a file', async () => {
        const { store } = await api();
        await store.apply({ t: 'answer', a: ANSWER });
        const uri = await vscode.commands.executeCommand<vscode.Uri>('mlAssociatePrep.exportProgress', vscode.Uri.file(exportPath()));
        assert.equal(uri?.fsPath, exportPath());
        const file = JSON.parse(readFileSync(exportPath(), 'utf8'));
        assert.equal(file.format, 'ml-associate-prep-progress');
        assert.ok(file.progress.answers.some((a: { id: string }) => a.id === ANSWER.id));
        assert.equal(file.progress.ticks['w1.ml-cluster']?.checked, true);
      });
    }
    if (mode === 'verify') {
      it('keeps answers after a reload', async () => {
        const { store } = await api();
        assert.ok(store.progress.answers.some((a) => a.id === ANSWER.id));
      });
      it('sets the walkthrough\'s keys from progress made before this window opened', async () => {
        const a = await api();
        await a.ready;
        await until(() => a.contextKeys().tickedOne === true && a.contextKeys().answeredOne === true, 'tickedOne and answeredOne to be set');
      });
    }
    if (mode === 'import') {
      it('imports an exported file into a fresh profile and reproduces the progress', async () => {
        const { store } = await api();
        assert.equal(store.progress.answers.length, 0, 'the profile should start empty');
        const result = await vscode.commands.executeCommand<{ imported: boolean; message: string }>('mlAssociatePrep.importProgress', vscode.Uri.file(exportPath()), { confirm: false });
        assert.equal(result.imported, true, result.message);
        const exported = JSON.parse(readFileSync(exportPath(), 'utf8')).progress;
        assert.deepEqual(store.progress.answers.map((a) => a.id).sort(), exported.answers.map((a: { id: string }) => a.id).sort());
        assert.deepEqual(store.progress.ticks, exported.ticks);
      });
      it('re-importing the same file reports nothing new', async () => {
        const result = await vscode.commands.executeCommand<{ imported: boolean; message: string }>('mlAssociatePrep.importProgress', vscode.Uri.file(exportPath()), { confirm: false });
        assert.equal(result.imported, true, result.message);
        assert.match(result.message, /^Imported 0 new answers \(of \d+ in the file\)\.$/, result.message);
      });
      it('refuses a file that is not a progress export, with a clear message', async () => {
        const result = await vscode.commands.executeCommand<{ imported: boolean; message: string }>('mlAssociatePrep.importProgress', vscode.Uri.file(__filename), { confirm: false });
        assert.equal(result.imported, false);
        assert.match(result.message, /Nothing imported: the file is not JSON/);
      });
    }
    if (mode === 'corrupt') {
      it('writes a truncated snapshot (as a damaged store would hold)', async () => {
        const { backend } = await api();
        const whole = JSON.stringify({ version: 1, answers: [ANSWER, { ...ANSWER, id: 'integration-answer-2', at: ANSWER.at + 1000 }], ratings: {}, flags: {}, ticks: {}, mocks: {}, sessions: {} });
        await backend.writeSnapshot(whole.slice(0, whole.indexOf('integration-answer-2') + 30) as unknown as never);
      });
    }
    if (mode === 'recovered') {
      it('recovers the valid records of a truncated snapshot and keeps a backup', async () => {
        const { store, backend } = await api();
        assert.ok(store.progress.answers.some((a) => a.id === ANSWER.id), 'the complete answer is recovered');
        assert.ok(existsSync(backend.backupDir));
        const backups = readdirSync(backend.backupDir);
        assert.ok(backups.some((f) => f.startsWith('snapshot-')), `a backup was written (${backups.join(', ')})`);
        assert.match(readFileSync(`${backend.backupDir}/${backups.find((f) => f.startsWith('snapshot-'))}`, 'utf8'), /integration-answer-2/);
      });
    }
  });
}
