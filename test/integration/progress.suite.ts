import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { ProgressStore } from '../../src/core/progress/store';
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
      it('writes a damaged journal beside it (a torn line, NUL bytes, a line keyed __proto__, an unknown change)', async () => {
        const { backend } = await api();
        const dir = join(dirname(backend.backupDir), 'journal');
        mkdirSync(dir, { recursive: true });
        const line = (id: string) => JSON.stringify({ t: 'answer', a: { ...ANSWER, id } });
        writeFileSync(join(dir, 'damaged-window.jsonl'), [
          line('integration-journal-1'), '{"t":"answer","a":{"id":"torn', '\u0000\u0000\u0000 not json',
          '{"t":"tick","id":"__proto__","tick":{"checked":true,"at":1,"by":"user"}}', '{"t":"unknown","polluted":true}', line('integration-journal-2'), '',
        ].join('\n'));
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
      it('recovers the valid lines of a damaged journal, keeps a backup, and does not tell it again at the next start', async () => {
        const { store, backend } = await api();
        for (const id of ['integration-journal-1', 'integration-journal-2']) assert.ok(store.progress.answers.some((a) => a.id === id), `${id} is recovered`);
        const backups = readdirSync(backend.backupDir).filter((f) => f.startsWith('journal-damaged-window-'));
        assert.equal(backups.length, 1, `one backup of the journal (${backups.join(', ')})`);
        assert.match(readFileSync(join(backend.backupDir, backups[0]!), 'utf8'), /not json/);
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
        assert.equal(Object.getPrototypeOf(store.progress.ticks), Object.prototype);
        const again = await new ProgressStore(backend).load();
        assert.deepEqual(again, { problems: [], backups: [] }, 'the same damage is told once');
      });
    }
  });
}
