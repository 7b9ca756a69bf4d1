import { strict as assert } from 'node:assert';
import { escapeAngles, cardMarkdown } from '../../src/core/hoverCard';
import { content } from './helpers/facts';

const card = (symbol: string) => content().cards.find((c) => c.symbol === symbol);

describe('hover card Markdown', () => {
  it('keeps <placeholders> in prose as text and leaves code as it is', () => {
    assert.equal(escapeAngles('a path such as "/Users/<user>/churn"'), 'a path such as "/Users/&lt;user&gt;/churn"');
    assert.equal(escapeAngles('load `runs:/<run_id>/model` now'), 'load `runs:/<run_id>/model` now');
    assert.equal(escapeAngles('```python\nx = "<a>"\n```\n<b>'), '```python\nx = "<a>"\n```\n&lt;b&gt;');
  });

  it('puts Docs and "Quiz me on this" on the line after the title', () => {
    const lines = cardMarkdown(card('mlflow.start_run')!, 3).split('\n');
    assert.match(lines[2]!, /^\[Docs\]\(https:.*\) · \[Quiz me on this \(3 questions\)\]/);
  });

  it('labels properties as properties, without (), and hides private parameters', () => {
    const runId = card('mlflow.entities.RunInfo.run_id')!;
    assert.equal(runId.kind, 'property');
    assert.ok(!runId.signature.includes('('), runId.signature);
    assert.match(cardMarkdown(runId, 0), /MLflow property/);
    const td = card('pyspark.ml.torch.distributor.TorchDistributor')!;
    assert.ok(!td.signature.includes('_ssl_conf'), td.signature);
    assert.equal(td.omitted, 0);
  });
});
