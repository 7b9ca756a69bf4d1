import { strict as assert } from 'node:assert';
import { buildDocumentModel } from '../../src/core/python/documentModel';
import { Resolver } from '../../src/core/python/resolver';
import { facts } from './helpers/facts';

/** Resolves the name marked with «» in the source. */
function at(src: string): string | undefined {
  const offset = src.indexOf('«');
  assert.ok(offset >= 0, 'test source needs a « marker');
  const text = src.replace('«', '').replace('»', '');
  const r = new Resolver(facts().table).symbolAt(buildDocumentModel(text), offset);
  return r?.qualname;
}

describe('resolver: imports', () => {
  it('import mlflow', () => assert.equal(at('import mlflow\nmlflow.«log_param»("a", 1)'), 'mlflow.log_param'));
  it('import mlflow as mf', () => assert.equal(at('import mlflow as mf\nmf.«log_param»("a", 1)'), 'mlflow.log_param'));
  it('from mlflow import log_param', () => assert.equal(at('from mlflow import log_param\n«log_param»("a", 1)'), 'mlflow.log_param'));
  it('from mlflow import log_param as lp', () => assert.equal(at('from mlflow import log_param as lp\n«lp»("a", 1)'), 'mlflow.log_param'));
  it('from a import (b, c)', () => assert.equal(at('from mlflow import (\n    log_param,\n    log_metric,\n)\n«log_metric»("a", 1)'), 'mlflow.log_metric'));
  it('import a, b', () => assert.equal(at('import os, mlflow\nmlflow.«end_run»()'), 'mlflow.end_run'));
  it('import a.b as c', () => assert.equal(at('import mlflow.sklearn as mls\nmls.«autolog»()'), 'mlflow.sklearn.autolog'));
  it('import a.b binds a', () => assert.equal(at('import mlflow.sklearn\nmlflow.sklearn.«autolog»()'), 'mlflow.sklearn.autolog'));
  it('dotted submodules', () => assert.equal(at('import mlflow\nmlflow.sklearn.«autolog»(log_models=True)'), 'mlflow.sklearn.autolog'));
  it('from pyspark.ml.tuning import CrossValidator', () => assert.equal(at('from pyspark.ml.tuning import CrossValidator\ncv = «CrossValidator»(numFolds=3)'), 'pyspark.ml.tuning.CrossValidator'));
  it('imports inside a function', () => assert.equal(at('def train():\n    import mlflow as m\n    m.«log_metric»("x", 1)'), 'mlflow.log_metric'));
  it('a function-local import is not visible outside', () => assert.equal(at('def train():\n    import mlflow as m\n\nm.«log_metric»("x", 1)'), undefined));
  it('the name in an import statement', () => assert.equal(at('from mlflow import «log_param»'), 'mlflow.log_param'));
  it('an alias used as the import path', () => assert.equal(at('from mlflow import MlflowClient\n«MlflowClient»()'), 'mlflow.client.MlflowClient'));
  it('pyfunc function through an alias chain', () => assert.equal(at('import mlflow as mf\nmf.pyfunc.«spark_udf»(spark, "models:/m@champion")'), 'mlflow.pyfunc.spark_udf'));
});

describe('resolver: flow', () => {
  it('client = MlflowClient() then a method', () =>
    assert.equal(at('from mlflow import MlflowClient\nclient = MlflowClient()\nclient.«set_registered_model_alias»("m", "champion", "3")'), 'mlflow.client.MlflowClient.set_registered_model_alias'));
  it('through mlflow.tracking.MlflowClient', () =>
    assert.equal(at('import mlflow\nc = mlflow.tracking.MlflowClient()\nc.«get_model_version_by_alias»("m", "champion")'), 'mlflow.client.MlflowClient.get_model_version_by_alias'));
  it('cv.fit(df) gives a CrossValidatorModel and bestModel', () =>
    assert.equal(at('from pyspark.ml.tuning import CrossValidator\ncv = CrossValidator()\nmodel = cv.fit(df)\nmodel.«bestModel»'), 'pyspark.ml.tuning.CrossValidatorModel.bestModel'));
  it('an inherited method is named by its defining class', () =>
    assert.equal(at('from pyspark.ml.tuning import CrossValidator\ncv = CrossValidator()\ncv.«fit»(df)'), 'pyspark.ml.Estimator.fit'));
  it('with mlflow.start_run() as run: run.info.run_id', () =>
    assert.equal(at('import mlflow\nwith mlflow.start_run() as run:\n    print(run.info.«run_id»)'), 'mlflow.entities.RunInfo.run_id'));
  it('spark.read.table(...).toPandas()', () => assert.equal(at('pdf = spark.read.table("t").«toPandas»()'), 'pyspark.sql.DataFrame.toPandas'));
  it('a variable holding a DataFrame', () => assert.equal(at('df = spark.table("t")\ndf.groupBy("k").«applyInPandas»(fit, schema)'), 'pyspark.sql.GroupedData.applyInPandas'));
  it('tuple unpacking of randomSplit', () => assert.equal(at('df = spark.table("t")\ntrain, test = df.randomSplit([0.8, 0.2], seed=42)\ntrain.«summary»()'), 'pyspark.sql.DataFrame.summary'));
  it('reassignment follows the latest binding', () =>
    assert.equal(at('from pyspark.ml import Pipeline\np = Pipeline(stages=[])\np = p.fit(df)\np.«transform»(df)'), 'pyspark.ml.Transformer.transform'));
  it('x = x.fit(df) reads the previous x on the right', () =>
    assert.equal(at('from pyspark.ml import Pipeline\np = Pipeline(stages=[])\np = p.«fit»(df)'), 'pyspark.ml.Estimator.fit'));
  it('hyperopt hp functions', () => assert.equal(at('from hyperopt import hp\nspace = {"x": hp.«uniform»("x", 0, 1)}'), 'hyperopt.hp.uniform'));
  it('dbutils is a notebook global', () => assert.equal(at('dbutils.data.«summarize»(df)'), 'dbutils.data.summarize'));
});

describe('resolver: what it must not resolve', () => {
  it('nothing inside a string', () => assert.equal(at('import mlflow\nx = "mlflow.«log_param»"'), undefined));
  it('nothing inside an f-string', () => assert.equal(at('import mlflow\nx = f"{y} mlflow.«log_param»"'), undefined));
  it('nothing inside a triple-quoted string', () => assert.equal(at('import mlflow\n"""\nmlflow.«log_param»\n"""'), undefined));
  it('nothing inside a raw or bytes string', () => {
    assert.equal(at('import mlflow\nx = rb"mlflow.«log_param»"'), undefined);
    assert.equal(at("import mlflow\nx = R'mlflow.«log_param»'"), undefined);
  });
  it('nothing inside a comment', () => assert.equal(at('import mlflow\n# mlflow.«log_param»("a", 1)'), undefined));
  it('code after a string with an escaped quote still resolves', () => assert.equal(at('import mlflow\nx = "a\\"b"; mlflow.«log_param»("a", 1)'), 'mlflow.log_param'));
  it('code after an f-string with nested quotes still resolves', () => assert.equal(at('import mlflow\nx = f"{d["k"]}"; mlflow.«log_param»("a", 1)'), 'mlflow.log_param'));
  it('a parameter shadows an import', () => assert.equal(at('import mlflow\ndef f(mlflow):\n    mlflow.«log_param»("a", 1)'), undefined));
  it('a local assignment shadows an import', () => assert.equal(at('import mlflow\ndef f():\n    mlflow = object()\n    mlflow.«log_param»("a", 1)'), undefined));
  it('a module-level rebinding shadows an import', () => assert.equal(at('import mlflow\nmlflow = None\nmlflow.«log_param»("a", 1)'), undefined));
  it('a for-loop target shadows an import', () => assert.equal(at('from mlflow import log_param\nfor log_param in []:\n    «log_param»()'), undefined));
  it('an unknown attribute of a known module resolves to nothing', () => assert.equal(at('import mlflow\nmlflow.«log_paramz»("a", 1)'), undefined));
  it('a name never imported resolves to nothing', () => assert.equal(at('log_param«»("a", 1)'), undefined));
  it('a local used before its assignment in a function is not the import', () =>
    assert.equal(at('import mlflow\ndef f():\n    mlflow.«log_param»("a", 1)\n    mlflow = 3'), undefined));
  it('a function reads a module import bound after it', () => assert.equal(at('def f():\n    mlflow.«log_param»("a", 1)\nimport mlflow'), 'mlflow.log_param'));
  it('line continuations keep the chain', () => assert.equal(at('import mlflow\nmlflow \\\n    .«log_param»("a", 1)'), 'mlflow.log_param'));
  it('a chain spanning lines inside brackets', () => assert.equal(at('import mlflow\nx = (mlflow\n     .«log_param»("a", 1))'), 'mlflow.log_param'));
});

describe('resolver: notebooks', () => {
  it('Databricks source notebooks resolve across commands and skip MAGIC lines', () => {
    const src = '# Databricks notebook source\nimport mlflow\n\n# COMMAND ----------\n\n# MAGIC %md\n# MAGIC mlflow.log_param is documented here\n\n# COMMAND ----------\n\nmlflow.«log_param»("a", 1)';
    assert.equal(at(src), 'mlflow.log_param');
    assert.equal(at(src.replace('mlflow.«log_param»("a", 1)', 'x = 1').replace('# MAGIC mlflow.log_param', '# MAGIC mlflow.«log_param»')), undefined);
  });
  it('IPython magics and shell lines are not Python', () => assert.equal(at('%pip install mlflow\n!ls\nimport mlflow\nmlflow.«autolog»()'), 'mlflow.autolog'));
});

describe('resolver: unknown references (content lint)', () => {
  const unknown = (src: string) => new Resolver(facts().table).unknownReferences(buildDocumentModel(src)).map((u) => u.path);
  it('reports a misspelt module function', () => assert.deepEqual(unknown('import mlflow\nmlflow.log_metrc("x", 1)'), ['mlflow.log_metrc']));
  it('reports a method missing on an exactly known class', () => assert.deepEqual(unknown('from mlflow import MlflowClient\nc = MlflowClient()\nc.get_latest_versionz("m")'), ['mlflow.client.MlflowClient.get_latest_versionz']));
  it('does not judge members of declared return types (subclasses may add them)', () => assert.deepEqual(unknown('from pyspark.ml.tuning import CrossValidator\nm = CrossValidator().fit(df)\nm.bestModel.stages'), []));
  it('reports only the first unknown step', () => assert.deepEqual(unknown('import mlflow\nmlflow.nope.deeper.call()'), ['mlflow.nope']));
});
