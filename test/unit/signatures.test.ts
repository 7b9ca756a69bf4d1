import { strict as assert } from 'node:assert';
import { compileContent } from '../../src/core/content/compile';
import { parseSignature, renderParams } from '../../src/core/facts/signature';
import { loadCompileInput } from '../../src/node/contentSources';
import { facts, ROOT } from './helpers/facts';

describe('hover cards against the real signatures', () => {
  const db = facts();
  const { content, diagnostics } = compileContent(loadCompileInput(ROOT, undefined, db));

  it('the project content compiles without errors', () => {
    assert.deepEqual(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.line}: ${d.message}`), []);
  });

  it('there are at least 200 cards', () => assert.ok(content.cards.length >= 200, `${content.cards.length} cards`));

  it('every card signature shows real parameters in their real order, with real defaults', () => {
    for (const card of content.cards) {
      const info = db.table.resolvePath(card.symbol)!;
      const fact = db.get(info.qualname)!;
      // Private parameters (a leading underscore) are never part of a card.
      const real = (db.paramsOf(fact) ?? []).filter((p) => !p.name.startsWith('_'));
      if (!card.signature.includes('(')) {
        assert.equal(real.length === 0 || fact.kind === 'property' || fact.kind === 'attribute' || fact.kind === 'class_attribute' || fact.kind === 'param', true, card.symbol);
        continue;
      }
      const shown = parseSignature(card.signature);
      assert.ok(shown, `${card.symbol}: unreadable signature ${card.signature}`);
      const named = shown.params.filter((p) => p.name !== '…');
      // Same names, in the same order as in the library, none invented.
      let cursor = 0;
      for (const p of named) {
        const at = real.findIndex((r, i) => i >= cursor && r.name === p.name);
        assert.ok(at >= 0, `${card.symbol}: parameter ${p.name} is not in the real signature (or out of order): ${card.signature}`);
        assert.equal(p.kind, real[at]!.kind, `${card.symbol}: ${p.name} kind`);
        assert.equal(p.default, real[at]!.default, `${card.symbol}: ${p.name} default`);
        cursor = at + 1;
      }
      // What is left out is marked with "…" and counted.
      assert.equal(real.length - named.length, card.omitted, `${card.symbol}: omitted count`);
      if (card.omitted) assert.ok(shown.params.some((p) => p.name === '…'), `${card.symbol}: shortened without "…"`);
      assert.equal(card.params.length, named.length);
    }
  });

  it('renders keyword-only and positional-only markers as Python does', () => {
    const ps = parseSignature('f(a, /, b, *, c=1, **kw)')!.params;
    assert.equal(renderParams(ps.map((p) => ({ ...p, required: p.default === undefined }))), 'a, /, b, *, c=1, **kw');
    assert.equal(renderParams(ps.map((p) => ({ ...p })), (p) => p.name !== 'b'), 'a, /, …, *, c=1, **kw');
  });
});
