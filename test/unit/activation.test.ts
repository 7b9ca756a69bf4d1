import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers/facts';

// Issue 13: activation registers and reads nothing big; the first trap check and the first card
// read the hover index (dist/hoverIndex.json), never the bank (dist/content.json) nor the reference
// part (dist/reference.json: cards, symbols, rule pages for the cards document and packs). The probe runs
// activate() of the built dist/extension.js (which requires dist/traps.js and the other lazy bundles
// by path, as in VS Code) in a fresh process against a stand-in vscode module, with one Python file open.
interface ProbeReport {
  reads: { file: string; phase: 'load' | 'activate' | 'after activation' | 'plan' | 'hover' }[];
  planRoots: string[];
  diagnosticsSet: string[];
  hover: string | null;
}

describe('activation', () => {
  let report: ProbeReport;
  before(function () {
    if (!existsSync(join(ROOT, 'dist', 'hoverIndex.json'))) this.skip(); // needs `npm run build`
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, 'helpers', 'activationProbe.ts'), 'dist'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    report = JSON.parse(out.trim().split('\n').at(-1)!) as ProbeReport;
  });

  it('reads no content file during activate()', () => {
    assert.deepEqual(report.reads.filter((r) => r.phase === 'activate'), []);
  });

  it('checks the open Python file for traps after activation, reading the hover index and not the bank', () => {
    assert.ok(report.diagnosticsSet.includes('ml-associate-prep file:///workspace/train.py'), `trap check did not run: ${report.diagnosticsSet.join(', ')}`);
    const after = report.reads.filter((r) => r.phase === 'after activation').map((r) => r.file);
    assert.ok(after.includes('hoverIndex.json'), after.join(', '));
    assert.ok(!after.includes('content.json'), 'the bank was loaded after activation');
  });

  it('reads neither part of the compiled content (dist/content.json, dist/reference.json) for activation, the first trap check, the plan or the first card', () => {
    const compiled = report.reads.filter((r) => /^(content|reference)\./.test(r.file));
    assert.deepEqual(compiled, [], compiled.map((r) => `${r.file} (${r.phase})`).join(', '));
  });

  it('shows the study plan from the plan index, with its counts, without loading the bank', () => {
    assert.ok(report.planRoots.some((r) => /^domains: Exam domains · .* \(ready \d+ %/.test(r)), report.planRoots.join('\n'));
    assert.ok(report.planRoots.some((r) => /^plan: Six-week plan \(0\/\d+\)/.test(r)), report.planRoots.join('\n'));
    assert.deepEqual(report.reads.filter((r) => r.phase === 'plan').map((r) => r.file), ['planIndex.json', 'planIndex.sha256']);
  });

  it('shows the first card from the hover index, with its question count, without loading the bank', () => {
    assert.match(report.hover ?? '', /^\*\*mlflow\.log_param\*\* · MLflow function/);
    assert.match(report.hover ?? '', /Quiz me on this \(\d+ questions?\)/);
    assert.deepEqual(report.reads.filter((r) => r.file.startsWith('content')), []);
    assert.equal(report.reads.filter((r) => r.file === 'hoverIndex.json').length, 1, 'the index is read once');
  });

  it('packages every dist file it reads (.vscodeignore)', () => {
    const allowed = new Set(readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n').filter((l) => l.startsWith('!dist/')).map((l) => l.slice('!dist/'.length)));
    const read = [...new Set(report.reads.map((r) => r.file).filter((f) => !f.endsWith('.map')))];
    for (const f of [...read, 'content.json', 'content.sha256', 'reference.json', 'reference.sha256', 'studyIndex.json']) assert.ok(allowed.has(f), `dist/${f} is read but left out of the .vsix`);
  });

  it('leaves the bank to the surfaces that need questions: the hover, trap, status bar, goal and plan adapters never ask for it', () => {
    // ContentLoader.get() loads the bank; these run at or right after activation and read the indexes.
    for (const f of ['hover.ts', 'traps.ts', 'statusBar.ts', 'studyGoal.ts', 'studyPlan.ts', 'reminders.ts']) {
      const text = readFileSync(join(ROOT, 'src', 'vscode', f), 'utf8').replace(/\/\/.*$/gm, '');
      assert.doesNotMatch(text, /content\.get\(\)|readContent\(|new Bank\(/, `src/vscode/${f} loads the bank`);
      assert.doesNotMatch(text, /\.reference\(\)|readReference\(/, `src/vscode/${f} loads the reference part`);
    }
  });
});
