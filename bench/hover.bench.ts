// npm run bench: the hover path on a generated 10,000-line Python file. Measures, per hover,
//   warm         the document unchanged since the last hover (cached model)
//   after edit   the first hover after an edit (the model is rebuilt once for the new version)
//   naive        a full re-parse on every hover (no cache), for comparison
// and prints median and p99 of each, with the ratios. Figures, not pass/fail.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Bank } from '../src/core/bank';
import { CompiledContentSchema } from '../src/core/content/compiled';
import { bankHoverContent } from '../src/core/hover/hoverIndex';
import { HoverService } from '../src/core/hoverService';
import { buildDocumentModel } from '../src/core/python/documentModel';

const ROOT = join(__dirname, '..');
const contentFile = join(ROOT, 'dist', 'content.json');
if (!existsSync(contentFile)) execFileSync(process.execPath, [join(ROOT, 'esbuild.config.mjs')], { cwd: ROOT, stdio: 'inherit' });
const bank = new Bank(CompiledContentSchema.parse(JSON.parse(readFileSync(contentFile, 'utf8'))));

/** A realistic 10,000-line file: imports, functions with MLflow / Spark ML / Hyperopt calls, strings, comments. */
function generate(lines: number): string {
  const head = [
    'import mlflow', 'import mlflow as mf', 'from mlflow import MlflowClient, log_param as lp',
    'from pyspark.ml.tuning import CrossValidator, ParamGridBuilder', 'from hyperopt import fmin, tpe, hp, Trials', '',
  ];
  const block = (i: number) => [
    `def step_${i}(df, estimator, evaluator):`,
    `    """Docstring ${i} mentioning mlflow.log_param, which is not code."""`,
    `    # a comment about mlflow.log_metric ${i}`,
    `    with mlflow.start_run(run_name=f"run-{${i}}") as run:`,
    `        mlflow.log_param("depth_${i}", ${i % 9})`,
    `        mf.log_metric("rmse", 0.${i % 97}, step=${i})`,
    `        cv = CrossValidator(estimator=estimator, estimatorParamMaps=ParamGridBuilder().build(), evaluator=evaluator, numFolds=3)`,
    `        model = cv.fit(df)`,
    `        client = MlflowClient()`,
    `        client.set_registered_model_alias("main.ml.m${i}", "champion", "${i}")`,
    `        best = fmin(fn=lambda x: x ** 2, space=hp.uniform("x", -1, 1), algo=tpe.suggest, max_evals=10, trials=Trials())`,
    `        return model.bestModel, run.info.run_id, best`,
    '',
  ];
  const out = [...head];
  for (let i = 0; out.length < lines; i++) out.push(...block(i));
  return out.slice(0, lines).join('\n');
}

const text = generate(10_000);
const lines = text.split('\n');
/** Hover targets spread over the file: (offset) of names that have cards. */
const targets: number[] = [];
let offset = 0;
for (const l of lines) {
  for (const word of ['log_param', 'log_metric', 'CrossValidator', 'set_registered_model_alias', 'fmin', 'bestModel', 'run_id']) {
    const at = l.indexOf(word);
    if (at >= 0 && !l.trimStart().startsWith('#') && !l.includes('"""')) targets.push(offset + at + 1);
  }
  offset += l.length + 1;
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { median: q(0.5), p99: q(0.99), n: s.length };
}
const ms = (x: number) => (x < 0.1 ? `${(x * 1000).toFixed(1)} µs` : `${x.toFixed(3)} ms`);

const service = new HoverService(bankHoverContent(bank));
const pick = (i: number) => targets[(i * 7919) % targets.length]!;
let hits = 0;

// Warm: one version, many hovers (after one untimed hover builds the model).
service.hover('doc', 1, () => text, pick(0));
const warm: number[] = [];
for (let i = 0; i < 20_000; i++) {
  const t0 = performance.now();
  if (service.hover('doc', 1, () => text, pick(i))) hits++;
  warm.push(performance.now() - t0);
}

// After an edit: each hover is the first on a new document version.
const edited: number[] = [];
for (let i = 0; i < 60; i++) {
  const t = text.replace('numFolds=3', `numFolds=${3 + (i % 5)}`);
  const t0 = performance.now();
  service.hover('doc', 100 + i, () => t, pick(i));
  edited.push(performance.now() - t0);
}

// Naive: tokenize and rebuild the model on every hover.
const naive: number[] = [];
const resolver = service.resolver;
for (let i = 0; i < 60; i++) {
  const t0 = performance.now();
  resolver.symbolAt(buildDocumentModel(text), pick(i));
  naive.push(performance.now() - t0);
}

const w = stats(warm);
const e = stats(edited);
const n = stats(naive);
console.log(`hover path on a generated ${lines.length.toLocaleString()}-line Python file (${(text.length / 1024).toFixed(0)} KB), ${targets.length} hover targets, ${((hits / warm.length) * 100).toFixed(0)} % with a card`);
console.log('');
console.log('case                          runs      median         p99');
console.log(`warm (cached model)         ${String(w.n).padStart(6)}  ${ms(w.median).padStart(10)}  ${ms(w.p99).padStart(10)}`);
console.log(`first hover after an edit   ${String(e.n).padStart(6)}  ${ms(e.median).padStart(10)}  ${ms(e.p99).padStart(10)}`);
console.log(`naive full re-parse         ${String(n.n).padStart(6)}  ${ms(n.median).padStart(10)}  ${ms(n.p99).padStart(10)}`);
console.log('');
console.log(`naive / warm:        median ${(n.median / w.median).toFixed(0)}x, p99 ${(n.p99 / w.p99).toFixed(0)}x`);
console.log(`naive / after edit:  median ${(n.median / e.median).toFixed(2)}x, p99 ${(n.p99 / e.p99).toFixed(2)}x`);
console.log(`targets: warm median < 0.1 ms: ${w.median < 0.1 ? 'yes' : 'NO'}; warm p99 < 1 ms: ${w.p99 < 1 ? 'yes' : 'NO'}`);
