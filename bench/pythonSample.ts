// The benches' shared Python file: realistic training code (imports, functions with MLflow /
// Spark ML / Hyperopt calls, strings, comments), so every bench and the peer comparison hover the
// same text.

/** A generated file of `lines` lines. */
export function samplePython(lines: number): string {
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

/** Hover targets spread over the file: offsets (one past the first character) of names that have cards. */
export function hoverTargets(text: string): number[] {
  const targets: number[] = [];
  let offset = 0;
  for (const l of text.split('\n')) {
    for (const word of ['log_param', 'log_metric', 'CrossValidator', 'set_registered_model_alias', 'fmin', 'bestModel', 'run_id']) {
      const at = l.indexOf(word);
      if (at >= 0 && !l.trimStart().startsWith('#') && !l.includes('"""')) targets.push(offset + at + 1);
    }
    offset += l.length + 1;
  }
  return targets;
}

/** Median and p99 of a list of durations. */
export function quantiles(xs: number[]): { median: number; p99: number; n: number } {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { median: q(0.5), p99: q(0.99), n: s.length };
}

/** A duration for a table: microseconds below 0.1 ms. */
export const ms = (x: number): string => (x < 0.1 ? `${(x * 1000).toFixed(1)} µs` : `${x.toFixed(2)} ms`);
