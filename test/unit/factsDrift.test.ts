import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error plain JS module shared with scripts/sync-facts.mjs
import { FACT_FILES, readCompactFacts } from '../../scripts/lib/compactFacts.mjs';
import { facts, ROOT } from './helpers/facts';

const SHARED = join(ROOT, '..', 'shared', 'api');

describe('API facts', () => {
  it('the project copy equals ../shared/api (when it is present)', function () {
    if (!existsSync(SHARED)) this.skip();
    for (const f of FACT_FILES as string[]) {
      const ours = JSON.parse(readFileSync(join(ROOT, 'facts', f), 'utf8'));
      assert.deepEqual(ours, readCompactFacts(SHARED, f), `facts/${f} drifted from ../shared/api/${f}: run npm run sync-facts`);
    }
  });

  it('every hand-added symbol cites its documentation page', () => {
    const db = facts();
    assert.ok(db.manual.size > 0);
    for (const q of db.manual) assert.match(String(db.get(q)?.docs), /^https:\/\//, q);
  });

  it('resolves aliases and inherited members to canonical names', () => {
    const t = facts().table;
    assert.equal(t.canonical('mlflow.MlflowClient'), 'mlflow.client.MlflowClient');
    assert.equal(t.member('pyspark.ml.tuning.CrossValidator', 'fit')?.qualname, 'pyspark.ml.Estimator.fit');
    assert.equal(t.member('pyspark.ml.tuning.CrossValidator', 'fit')?.type, 'pyspark.ml.tuning.CrossValidatorModel');
    assert.equal(t.get('mlflow.start_run')?.type, 'mlflow.ActiveRun');
  });
});
