// npm run bench (second part): the exam-trap rules and the workspace scan. Prints figures:
//   rules, full pass   every rule over a 10,000-line file whose document model is cached (as the
//                      editor runs them after the debounce); target ≤ 10 ms
//   rules + parse      the same with the model rebuilt (the first pass after an edit)
//   new model          the pass alone on a model no pass has seen (what an edit costs the rules:
//                      the code index is cached per model, so the cached line is a repeat pass)
//   workspace scan     1,000 files of about 120 lines read from disk and counted (cli usage's path)
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bank } from '../src/core/bank';
import { bankHoverContent } from '../src/core/hover/hoverIndex';
import { SymbolTable } from '../src/core/facts/symbolTable';
import { buildDocumentModel } from '../src/core/python/documentModel';
import { Resolver } from '../src/core/python/resolver';
import { CodeIndex } from '../src/core/traps/code';
import { checkTraps } from '../src/core/traps/engine';
import { DETECTORS } from '../src/core/traps/rules';
import { apisInDocument, UsageCounter } from '../src/core/usage/apiUsage';
import { pythonFiles } from '../src/node/pythonFiles';
import { compiledContent } from './distContent';

const content = compiledContent();
const bank = new Bank(content);
const resolver = new Resolver(new SymbolTable(content.symbols));
const pages = content.rules;

/** Training code of the kind the rules read: runs, metrics in loops, splits, Hyperopt, pipelines. */
function block(i: number): string[] {
  return [
    `def train_${i}(spark, df):`,
    `    train, test = df.randomSplit([0.8, 0.2], seed=${i})`,
    `    indexer = StringIndexer(inputCol="c${i}", outputCol="c${i}_idx")`,
    `    encoder = OneHotEncoder(inputCols=["c${i}_idx"], outputCols=["c${i}_vec"])`,
    `    model = Pipeline(stages=[indexer, encoder]).fit(train)`,
    `    with mlflow.start_run(run_name="r${i}"):`,
    `        for epoch in range(3):`,
    `            mlflow.log_metric("loss", 0.${i % 97}, step=epoch)`,
    `        mlflow.sklearn.log_model(model, name="m${i}", input_example=test.limit(5).toPandas())`,
    `    best = fmin(fn=objective, space=space, algo=tpe.suggest, max_evals=8, trials=Trials())`,
    `    return space_eval(space, best)`,
    '',
  ];
}

function generate(lines: number): string {
  const head = [
    'import mlflow', 'from hyperopt import fmin, tpe, hp, Trials, space_eval', 'from pyspark.ml import Pipeline',
    'from pyspark.ml.feature import StringIndexer, OneHotEncoder', 'space = {"depth": hp.choice("depth", [3, 5, 8])}',
    'def objective(params):', '    return {"loss": params["depth"] * 0.1, "status": "ok"}', '',
  ];
  const out = [...head];
  for (let i = 0; out.length < lines; i++) out.push(...block(i));
  return out.slice(0, lines).join('\n');
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { median: q(0.5), p99: q(0.99), max: s[s.length - 1]! };
}
const ms = (x: number) => `${x.toFixed(2)} ms`;
function time(runs: number, f: () => void): ReturnType<typeof stats> {
  for (let i = 0; i < 3; i++) f(); // warm the JIT
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    xs.push(performance.now() - t);
  }
  return stats(xs);
}

const text = generate(10_000);
const model = buildDocumentModel(text);
let found = 0;
const pass = time(30, () => (found = checkTraps(model, resolver, pages).findings.length));
const parsed = time(15, () => checkTraps(buildDocumentModel(text), resolver, pages));
// Models built ahead, one per run (and the warm-up), so only the pass is timed.
const fresh = Array.from({ length: 18 }, () => buildDocumentModel(text));
const firstPass = time(15, () => checkTraps(fresh.pop()!, resolver, pages));
console.log(`exam-trap rules: ${pages.length} rules over ${text.split('\n').length} lines (${found} findings)`);
console.log(`  full pass (cached model)   median ${ms(pass.median)}  p99 ${ms(pass.p99)}  (target ≤ 10 ms)`);
console.log(`  parse + full pass          median ${ms(parsed.median)}  p99 ${ms(parsed.p99)}`);
console.log(`  full pass on a new model   median ${ms(firstPass.median)}  p99 ${ms(firstPass.p99)}  (parse excluded)`);
// Where a pass goes: the index of calls and blocks, then each rule on it (the five slowest).
const index = time(15, () => new CodeIndex(model, resolver));
const perRule = DETECTORS.map((d) => {
  const page = pages.find((p) => p.id === d.id);
  const code = new CodeIndex(model, resolver);
  return { id: d.id, ...time(5, () => d.detect(code, { params: (q) => page?.params[q] })) };
}).sort((a, b) => b.median - a.median);
console.log(`  of which: index ${ms(index.median)}; slowest rules ${perRule.slice(0, 5).map((r) => `${r.id} ${ms(r.median)}`).join(', ')}`);

const dir = mkdtempSync(join(tmpdir(), 'mlap-bench-ws-'));
try {
  for (let f = 0; f < 1000; f++) {
    const sub = join(dir, `pkg${f % 20}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `job_${f}.py`), generate(120));
  }
  const runs: number[] = [];
  let apis = 0;
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    const counter = new UsageCounter();
    for (const file of pythonFiles([dir]).files) counter.add(apisInDocument(buildDocumentModel(readFileSync(file, 'utf8')), resolver, bankHoverContent(bank, content)));
    apis = counter.report().apis.length;
    runs.push(performance.now() - t);
  }
  const s = stats(runs);
  console.log(`workspace scan: 1,000 files of 120 lines (${apis} exam APIs found)  median ${ms(s.median)}  best ${ms(Math.min(...runs))}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
