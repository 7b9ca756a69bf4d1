import { strict as assert } from 'node:assert';
import { checkDocs } from '../../src/core/content/references';

describe('docs links', () => {
  it('accepts official documentation pages', () => {
    assert.equal(checkDocs('https://mlflow.org/docs/latest/ml/mlflow-3'), undefined);
    assert.equal(checkDocs('https://docs.databricks.com/aws/en/machine-learning/'), undefined);
  });
  it('judges the host a browser would go to, not the text after https://', () => {
    assert.match(checkDocs('https://mlflow.org:443@127.0.0.1:8080/x')!, /user name/);
    assert.match(checkDocs('https://mlflow.org@evil.example/')!, /user name/);
    assert.ok(checkDocs('https://docs.databricks.com.127.0.0.1/'), 'an IP address made to look like the docs host');
    assert.match(checkDocs('https://docs.databricks.com.evil.example/')!, /not an official/);
    assert.match(checkDocs('http://mlflow.org/')!, /not an https URL/);
    assert.match(checkDocs('https://mlflow.org:x/')!, /not an https URL/);
  });
});
