import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers/facts';

// `cli check` and `cli usage`, the built CLI as CI jobs and pre-commit hooks run it.

const CLI = join(ROOT, 'dist', 'cli.js');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });

describe('CLI: check and usage', function () {
  this.timeout(60_000);
  before(function () {
    if (!existsSync(CLI)) this.skip();
  });

  it('check is silent on every file of the demo workspace (exit 0)', () => {
    const r = cli('check', 'demo');
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
  });

  it('check prints file:line:col: MLAPxxx message and exits 1 when it finds a trap', () => {
    const file = 'test/fixtures/traps/MLAP015.bad.py';
    const r = cli('check', file);
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.length >= 1);
    for (const l of lines) assert.match(l, /^test\/fixtures\/traps\/MLAP015\.bad\.py:\d+:\d+: MLAP\d{3} \S.+$/);
    assert.ok(lines.some((l) => / MLAP015 /.test(l)));
  });

  it('check --json places notebook findings in their cell', () => {
    const r = cli('check', '--json', 'test/fixtures/workspace/traps_notebook.ipynb');
    assert.equal(r.status, 1, r.stderr);
    const found = JSON.parse(r.stdout) as { cell?: number; line: number; col: number; rule: string }[];
    assert.deepEqual(found.map((f) => [f.rule, f.cell, f.line, f.col]), [['MLAP015', 2, 1, 18]]);
  });

  it('check --rules lists at least 15 rules, each with its objective, questions and page', () => {
    const r = cli('check', '--rules', '--json');
    assert.equal(r.status, 0, r.stderr);
    const rules = JSON.parse(r.stdout) as { id: string; objective: string; questions: string[]; page: string }[];
    assert.ok(rules.length >= 15, `${rules.length} rules`);
    for (const rule of rules) {
      assert.match(rule.objective, /^(c|o)\d\.\d\d$|^s\.\d\d$/);
      assert.ok(rule.questions.length >= 2, `${rule.id} questions`);
      assert.ok(existsSync(join(ROOT, rule.page)), `${rule.id} page ${rule.page}`);
    }
  });

  it('usage counts the exam APIs of the demo workspace and the questions on them', () => {
    const r = cli('usage', '--json', 'demo');
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { files: number; filesWithApis: number; apis: { symbol: string; questions: string[] }[]; questionIds: string[] };
    assert.equal(report.files, 7);
    assert.ok(report.apis.some((a) => a.symbol === 'mlflow.sklearn.log_model'));
    assert.ok(report.apis.some((a) => a.symbol === 'hyperopt.fmin'));
    assert.deepEqual([...new Set(report.apis.flatMap((a) => a.questions))].sort(), [...report.questionIds].sort());
    const text = cli('usage', 'demo');
    assert.match(text.stdout, new RegExp(`^7 files read\\. You use ${report.apis.length} exam APIs in ${report.filesWithApis} files; ${report.questionIds.length} questions cover them\\.$`, 'm'));
  });

  it('a bad path is one line and exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlap-check-'));
    writeFileSync(join(dir, 'broken.ipynb'), '{"cells": [');
    for (const args of [['check', join(dir, 'missing.py')], ['usage', join(dir, 'missing')], ['check', join(dir, 'broken.ipynb')], ['check']]) {
      const r = cli(...args);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    }
  });
});
