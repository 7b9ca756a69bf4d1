import { strict as assert } from 'node:assert';
import { compilePack } from '../../src/core/content/pack';
import { buildDocumentModel } from '../../src/core/python/documentModel';
import { Resolver } from '../../src/core/python/resolver';
import { content, facts } from './helpers/facts';
import { FIELDS, file, question } from './helpers/packTemplates';

// What `npm run fuzz` and the pathological cases found (issue 14, items 6 and 7), one test each,
// so each fix stays fixed. The timing cases (quadratic passes) are in pathologicalPython.test.ts.

describe('fuzz findings', () => {
  it('`with` inside 100,000 parentheses is modelled without overflowing the stack', () => {
    const text = `import mlflow\nwith ${'('.repeat(100_000)}mlflow.start_run()${')'.repeat(100_000)} as run:\n    run\n`;
    const model = buildDocumentModel(text);
    const run = model.scopes[0]!.bindings.get('run');
    assert.equal(run?.[0]?.value.kind, 'with', 'the parenthesised with-item still binds run');
  });

  it('a pack field whose value runs onto the next line gives a one-line diagnostic', () => {
    const text = file(question('fuzz-one').replace(FIELDS, FIELDS.replace('- docs: https://mlflow.org/docs/latest/ml/tracking/', '- docs: https:/\ncking/')));
    const { diagnostics } = compilePack([{ path: 'a.md', text }], content());
    const docs = diagnostics.find((d) => d.message.includes('docs must be'));
    assert.ok(docs, 'the bad URL is reported');
    assert.equal(docs.message, 'fuzz-one: docs must be https URLs, got "https:/\\ncking/"');
  });

  it('control characters in a diagnostic are shown escaped, never printed raw', () => {
    // The source screen turns away C0 controls; NEL and the line separator get through to a message.
    const text = file(question('fuzz-one').replace(FIELDS, FIELDS.replace('- docs: https://mlflow.org/docs/latest/ml/tracking/', '- docs: x\u0085y\u2028z')));
    const docs = compilePack([{ path: 'a.md', text }], content()).diagnostics.find((d) => d.message.includes('docs must be'));
    assert.equal(docs?.message, 'fuzz-one: docs must be https URLs, got "x\\u0085y\\u2028z"');
  });

  it('a name bound 10,000 times still resolves to its latest binding before the use', () => {
    const resolver = new Resolver(facts().table);
    const text = `import mlflow\nimport os\n${'m = os\n'.repeat(5000)}m = mlflow\nm.log_param\n${'m = os\n'.repeat(5000)}`;
    const at = text.indexOf('m.log_param') + 4;
    assert.equal(resolver.symbolAt(buildDocumentModel(text), at)?.qualname, 'mlflow.log_param');
  });
});
