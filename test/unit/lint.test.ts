import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileContent } from '../../src/core/content/compile';
import { formatDiagnostic } from '../../src/core/diagnostics';
import { loadCompileInput } from '../../src/node/contentSources';
import { facts, ROOT } from './helpers/facts';

const GOOD = `## q-good-{n}

- objective: c1.12
- difficulty: easy
- type: single
- symbols: mlflow.log_metric
- docs: https://mlflow.org/docs/latest/ml/tracking/

{stem}

- [ ] Option one
  > Why one is wrong.
- [x] Option two
  > Why two is right.
- [ ] Option three
  > Why three is wrong.
`;

let counter = 0;
/** A fresh, valid question; each gets its own stem so none is a near-duplicate of another. */
function question(patch: (s: string) => string = (s) => s): string {
  counter++;
  const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima'];
  const stem = `Team ${words[counter % 12]} ${counter} runs experiment number ${counter * 7} on cluster ${words[(counter * 5) % 12]}-${counter} and asks about step ${counter * 13}.`;
  return patch(GOOD.replace('{n}', String(counter)).replace('{stem}', stem));
}

/** Lints one Markdown file (plus the project's exam data and facts) and returns file:line messages. */
function lint(body: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'mlap-lint-'));
  const file = join(dir, 'broken.md');
  writeFileSync(file, `# Broken topic\n\n${body}`);
  const input = loadCompileInput(ROOT, [file], facts());
  return compileContent(input).diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d).replace(/^[^:]*broken\.md/, 'broken.md'));
}

/** Line (1-based, in the file lint() writes) of the first line containing `needle`. */
const lineOf = (body: string, needle: string) => `# Broken topic\n\n${body}`.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('lint: every way a question can be broken', () => {
  it('a valid question passes', () => assert.deepEqual(lint(question()), []));

  it('missing field', () => {
    const body = question((s) => s.replace('- difficulty: easy\n', ''));
    assert.deepEqual(lint(body), [`broken.md:${lineOf(body, '- objective')}: q-good-${counter}: missing field "difficulty"`]);
  });

  it('unknown field', () => {
    const body = question((s) => s.replace('- type: single\n', '- type: single\n- colour: blue\n'));
    assert.deepEqual(lint(body), [`broken.md:${lineOf(body, 'colour')}: q-good-${counter}: unknown field "colour" (fields: objective, difficulty, type, symbols, docs, changes, shuffle)`]);
  });

  it('unknown objective', () => {
    const body = question((s) => s.replace('c1.12', 'c9.99'));
    assert.deepEqual(lint(body), [`broken.md:${lineOf(body, 'c9.99')}: q-good-${counter}: unknown objective c9.99`]);
  });

  it('duplicate id', () => {
    const first = question();
    const id = `q-good-${counter}`;
    const second = question((q) => q.replace(/## q-good-\d+/, `## ${id}`));
    const body = `${first}\n${second}`;
    const lines = `# Broken topic\n\n${body}`.split('\n');
    const firstLine = lines.indexOf(`## ${id}`) + 1;
    const secondLine = lines.lastIndexOf(`## ${id}`) + 1;
    assert.deepEqual(lint(body).map((e) => e.replace(/\(also at [^:]*broken\.md/, '(also at broken.md')), [`broken.md:${secondLine}: duplicate question id ${id} (also at broken.md:${firstLine})`]);
  });

  it('no correct option', () => {
    const body = question((s) => s.replace('- [x]', '- [ ]'));
    assert.deepEqual(lint(body), [`broken.md:${lineOf(body, '- [ ] Option one')}: q-good-${counter}: no correct option (mark it "- [x]")`]);
  });

  it('a single-answer question with two keys', () => {
    const body = question((s) => s.replace('- [ ] Option three', '- [x] Option three'));
    assert.deepEqual(lint(body), [`broken.md:${lineOf(body, 'Option one')}: q-good-${counter}: single-answer question has 2 correct options`]);
  });

  it('a multiple-select stem that does not say how many', () => {
    const body = question((s) => s.replace('- type: single', '- type: multiple').replace('- [ ] Option three', '- [x] Option three'));
    assert.deepEqual(lint(body), [`broken.md:${lineOf(body, '## q-good')}: q-good-${counter}: multiple-select stem does not say how many to select ("Select TWO.")`]);
  });

  it('an option without explanation', () => {
    const body = question((s) => s.replace('- [ ] Option three\n  > Why three is wrong.\n', '- [ ] Option three\n'));
    assert.deepEqual(lint(body), [`broken.md:${lineOf(body, 'Option three')}: q-good-${counter}: option C has no explanation (quote it under the option: "  > why")`]);
  });

  it('an API symbol the real libraries do not have', () => {
    const body = question((s) => s.replace('symbols: mlflow.log_metric', 'symbols: mlflow.log_metrix'));
    assert.deepEqual(lint(body), [`broken.md:${lineOf(body, 'symbols:')}: q-good-${counter}: mlflow.log_metrix is not in the API facts (add it to facts/manual/*.yaml with its documentation page if the library really has it)`]);
  });

  it('an alias where the canonical qualname is required', () => {
    const body = question((s) => s.replace('symbols: mlflow.log_metric', 'symbols: mlflow.MlflowClient'));
    assert.deepEqual(lint(body), [`broken.md:${lineOf(body, 'symbols:')}: q-good-${counter}: mlflow.MlflowClient is an alias: name it by its qualname mlflow.client.MlflowClient`]);
  });

  it('code that calls an API the library does not have', () => {
    const body = question((s) => s.replace('- [ ] Option one', '- [ ] `mlflow.log_metrics_history("x")`'));
    assert.deepEqual(lint(body), [`broken.md:${lineOf(body, 'log_metrics_history')}: q-good-${counter}: code uses mlflow.log_metrics_history, which is not in the API facts (a tag key or setting name is a string: quote it, e.g. "mlflow.parentRunId")`]);
  });

  it('code that passes a keyword the API does not take', () => {
    const body = question((s) => s.replace('- [ ] Option one', '- [ ] `mlflow.log_metric("loss", 0.1, epoch=3)`'));
    assert.deepEqual(lint(body), [`broken.md:${lineOf(body, 'epoch=3')}: q-good-${counter}: mlflow.log_metric has no keyword argument "epoch"`]);
  });

  it('a near-duplicate stem of another question', () => {
    const stem = 'Priya registers a churn model in Unity Catalog and wants the serving job to always load whichever version is marked as the production choice without code changes.';
    const a = question((s) => s.replace(/Team .*\.\n/, stem + '\n'));
    const b = question((s) => s.replace(/Team .*\.\n/, stem.replace('Priya', 'Omar').replace('churn', 'fraud') + '\n'));
    const errs = lint(`${a}\n${b}`);
    assert.equal(errs.length, 1);
    assert.match(errs[0]!, new RegExp(`^broken.md:${lineOf(`${a}\n${b}`, `## q-good-${counter}`)}: q-good-${counter}: stem is a near-duplicate \\(\\d+ % alike\\) of q-good-${counter - 1} at `));
  });

  it('a question on a changed API without its version note', () => {
    const body = question((s) => s.replace('symbols: mlflow.log_metric', 'symbols: mlflow.client.MlflowClient.transition_model_version_stage'));
    assert.deepEqual(lint(body), [`broken.md:${lineOf(body, 'symbols:')}: q-good-${counter}: uses an API affected by "registry-aliases": add "- changes: registry-aliases" and a "> **Versions:**" note`]);
  });

  it('a docs link off the official sites', () => {
    const body = question((s) => s.replace('https://mlflow.org/docs/latest/ml/tracking/', 'https://example.com/dump'));
    assert.equal(lint(body).length, 1);
    assert.match(lint(body)[0]!, new RegExp(`^broken.md:${lineOf(body, 'docs:')}: q-good-\\d+: docs link https://example.com/dump is not an official documentation site`));
  });
});

describe('lint: the CLI', () => {
  const cli = join(ROOT, 'dist', 'cli.js');
  before(function () {
    if (!existsSync(cli)) this.skip();
  });
  it('prints file:line: message and exits 1 on a broken file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mlap-cli-'));
    const file = join(dir, 'broken.md');
    const body = question((s) => s.replace('- [x]', '- [ ]'));
    writeFileSync(file, `# Broken topic\n\n${body}`);
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, [cli, 'lint', file], { cwd: ROOT, stdio: 'pipe' });
    } catch (e) {
      status = (e as { status: number }).status;
      stderr = String((e as { stderr: Buffer }).stderr);
    }
    assert.equal(status, 1);
    assert.match(stderr, new RegExp(`broken\\.md:${lineOf(body, '- [ ] Option one')}: q-good-\\d+: no correct option`));
  });
  it('exits 0 on the project content', () => {
    execFileSync(process.execPath, [cli, 'lint'], { cwd: ROOT, stdio: 'pipe' });
  });
});
