import { strict as assert } from 'node:assert';
import { escapeAngles, cardMarkdown } from '../../src/core/hoverCard';
import { bank } from './helpers/facts';

describe('hover card Markdown', () => {
  it('keeps <placeholders> in prose as text and leaves code as it is', () => {
    assert.equal(escapeAngles('a path such as "/Users/<user>/churn"'), 'a path such as "/Users/&lt;user&gt;/churn"');
    assert.equal(escapeAngles('load `runs:/<run_id>/model` now'), 'load `runs:/<run_id>/model` now');
    assert.equal(escapeAngles('```python\nx = "<a>"\n```\n<b>'), '```python\nx = "<a>"\n```\n&lt;b&gt;');
  });

  it('puts Docs and "Quiz me on this" on the line after the title', () => {
    const b = bank();
    const card = b.card('mlflow.start_run')!;
    const lines = cardMarkdown(card, 3).split('\n');
    assert.match(lines[2]!, /^\[Docs\]\(https:.*\) · \[Quiz me on this \(3 questions\)\]/);
  });

  it('labels properties as properties, without (), and hides private parameters', () => {
    const b = bank();
    const runId = b.card('mlflow.entities.RunInfo.run_id')!;
    assert.equal(runId.kind, 'property');
    assert.ok(!runId.signature.includes('('), runId.signature);
    assert.match(cardMarkdown(runId, 0), /MLflow property/);
    const td = b.card('pyspark.ml.torch.distributor.TorchDistributor')!;
    assert.ok(!td.signature.includes('_ssl_conf'), td.signature);
    assert.equal(td.omitted, 0);
  });
});
