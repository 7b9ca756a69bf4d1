import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DocumentCache } from '../../src/core/python/documentCache';
import { buildIndexedModel, type IndexedModel } from '../../src/core/python/documentModel';
import { updateModel } from '../../src/core/python/incremental';
import { joinCells } from '../../src/core/python/notebook';
import { Resolver } from '../../src/core/python/resolver';
import { checkTraps } from '../../src/core/traps/engine';
import type { Tokens } from '../../src/core/python/tokenizer';
import { content, facts, ROOT } from './helpers/facts';

// The incremental model must be the model a full parse gives: after every edit of a random
// sequence, everything the resolver and the trap rules read is compared with buildDocumentModel.

const REALISTIC = `import mlflow
import mlflow as mf, os.path
from mlflow import MlflowClient, log_param as lp
from pyspark.ml.tuning import (CrossValidator,
    ParamGridBuilder)
from . import helpers
%pip install mlflow
!ls
counter = 0

def train(df, estimator, *args, evaluator=None, **kw):
    """Docstring mentioning mlflow.log_param, which is not code."""
    global counter
    counter += 1
    # a comment about mlflow.log_metric
    with mlflow.start_run(run_name=f"run-{counter}") as run, open("x") as (a, b):
        mf.log_param("depth", 3)
        cv = CrossValidator(estimator=estimator, numFolds=3)
        model = cv.fit(df)
        a, b = model, run
        client: MlflowClient = MlflowClient()
        client.set_registered_model_alias("m", "champion", "1")
    return model.bestModel, run.info.run_id

class Trainer(Base):
    rate = 0.1
    def fit(self, x): return lp("rate", self.rate)

    @staticmethod
    async def go(y=lambda z: z):
        for i, (p, q) in enumerate(y):
            try:
                import hyperopt as ho
            except ImportError as e:
                pass
        x = s = '''triple
quoted ( [ string'''
        return ho.fmin \\
            (fn=y)

if __name__ == "__main__":
    run = train(spark.read.table("t"), None); mlflow.end_run()
    lp("k", 1)
`;

/** Pieces random edits insert: the characters that change the tokenizer's state, and statements. */
const FRAGMENTS = [
  '"', "'", '"""', "'''", 'f"{', '}', 'rb"', '(', ')', '[', ']', '{', '\\', '\\\n', '\n', '\r\n', '\n\n', '    ', '\t', ' ', '#', '# c\n',
  ':', '=', ',', ';', '.', '@', 'x', 'mlflow', 'log_param', 'as', 'import ', 'from ', 'global ', 'lambda ', 'def ', 'class ', 'async ',
  'import mlflow as m\n', 'from mlflow import log_metric\n', 'def g(a, b=1):\n    ', 'class K:\n    ', 'with mlflow.start_run() as r:\n    ',
  'global counter\n', 'for i in x:\n    ', 'x = mlflow.log_param\n', '\n    y = 2\n', '%pip install x\n', 'lp = 1\n', '1e-5', '0x1f',
];

const textArb = fc.oneof(
  fc.constant(REALISTIC),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 80 }).map((a) => a.join('')),
  fc.string({ maxLength: 300 }),
);

/** One edit: replace [at, at + del) with `ins`, positions as fractions of the current length. */
const editArb = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  del: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 60 })),
  ins: fc.oneof(fc.constant(''), fc.constantFrom(...FRAGMENTS), fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 6 }).map((a) => a.join('')), fc.string({ maxLength: 5 })),
});

function applyEdit(text: string, e: { at: number; del: number; ins: string }): string {
  const at = Math.floor(e.at * text.length);
  return text.slice(0, at) + e.ins + text.slice(Math.min(text.length, at + e.del));
}

const used = (t: Tokens) => ({
  text: t.text,
  count: t.count,
  kind: Array.from(t.kind.subarray(0, t.count)),
  start: Array.from(t.start.subarray(0, t.count)),
  end: Array.from(t.end.subarray(0, t.count)),
  depth: Array.from(t.depth.subarray(0, t.count)),
  indent: Array.from(t.indent.subarray(0, t.count)),
});

function assertSameModel(inc: IndexedModel, full: IndexedModel): void {
  assert.deepStrictEqual(used(inc.model.tokens), used(full.model.tokens));
  assert.deepStrictEqual(Array.from(inc.model.scopeOf), Array.from(full.model.scopeOf));
  assert.deepStrictEqual(Array.from(inc.model.lineStartOf), Array.from(full.model.lineStartOf));
  assert.deepStrictEqual(inc.model.scopes, full.model.scopes);
  assert.deepStrictEqual(inc.scopeAt, full.scopeAt);
  assert.deepStrictEqual(inc.moduleGlobals, full.moduleGlobals);
}

describe('incremental document model', () => {
  const resolver = new Resolver(facts().table);
  const answers = (m: IndexedModel, offsets: number[]) => offsets.map((o) => resolver.symbolAt(m.model, Math.floor(o * (m.model.tokens.text.length + 1))));

  it('equals a full parse after every edit of random edit sequences', () => {
    fc.assert(
      fc.property(textArb, fc.array(editArb, { minLength: 1, maxLength: 12 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }), (start, edits, offsets) => {
        let text = start;
        let inc = buildIndexedModel(text);
        for (const e of edits) {
          text = applyEdit(text, e);
          // Never fall back to a full parse here: the incremental path is what is tested.
          inc = updateModel(inc, text, Infinity);
          const full = buildIndexedModel(text);
          assertSameModel(inc, full);
          assert.deepStrictEqual(answers(inc, offsets), answers(full, offsets));
        }
      }),
      { numRuns: 400 },
    );
  });

  // Short texts over a few state-changing characters, edited a character or two at a time: the
  // corners where a newline, quote, bracket or backslash moves next to the edit's ends.
  const DENSE = ['a', 'b', '\n', '\r\n', '\r', ' ', '  ', '"', "'", '(', ')', '#', '\\', ':', '=', '+=', ',', 'import ', 'def ', 'global ', 'as ', '%', '!'];
  const denseText = fc.array(fc.constantFrom(...DENSE), { maxLength: 40 }).map((a) => a.join(''));
  const denseEdit = fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    del: fc.nat({ max: 4 }),
    ins: fc.array(fc.constantFrom(...DENSE), { maxLength: 3 }).map((a) => a.join('')),
  });

  it('equals a full parse on dense edits of short texts', () => {
    fc.assert(
      fc.property(denseText, fc.array(denseEdit, { minLength: 1, maxLength: 8 }), (start, edits) => {
        let text = start;
        let inc = buildIndexedModel(text);
        for (const e of edits) {
          text = applyEdit(text, e);
          inc = updateModel(inc, text, Infinity);
          assertSameModel(inc, buildIndexedModel(text));
        }
      }),
      { numRuns: 3000 },
    );
  });

  /** Every text of up to `max` characters over `alphabet`. */
  const allTexts = (alphabet: string[], max: number): string[] => {
    let level = [''];
    const out = [''];
    for (let n = 1; n <= max; n++) {
      level = level.flatMap((t) => alphabet.map((c) => t + c));
      out.push(...level);
    }
    return out;
  };

  it('equals a full parse for every pair of tiny texts (every edit between them)', () => {
    for (const [alphabet, max] of [[['a', '\n', '\r', '"', '(', '\\'], 3], [['a', '\n', '"'], 4]] as const) {
      const texts = allTexts([...alphabet], max);
      const built = texts.map((t) => buildIndexedModel(t));
      for (const prev of built) for (const next of built) assertSameModel(updateModel(prev, next.model.tokens.text, Infinity), next);
    }
  });

  it('gives the trap rules the same findings as a full parse (trap fixtures, random edits)', () => {
    const dir = join(ROOT, 'test', 'fixtures', 'traps');
    const files = readdirSync(dir).filter((f) => f.endsWith('.py')).map((f) => readFileSync(join(dir, f), 'utf8'));
    const findings = (m: IndexedModel) => checkTraps(m.model, resolver, content().rules).findings;
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.array(editArb, { minLength: 1, maxLength: 4 }), (start, edits) => {
        let text = start;
        let inc = buildIndexedModel(text);
        for (const e of edits) {
          text = applyEdit(text, e);
          inc = updateModel(inc, text, Infinity);
          assert.deepStrictEqual(findings(inc), findings(buildIndexedModel(text)));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('re-parses little of a long file for a small edit (the reused tail keeps its binding objects)', () => {
    const text = Array.from({ length: 200 }, (_, i) => `def f${i}(x):\n    y = mlflow.log_param(x)\n    return y\n`).join('\n');
    const prev = buildIndexedModel(text);
    const at = text.indexOf('def f100');
    const next = updateModel(prev, text.slice(0, at) + 'z = 1\n' + text.slice(at));
    assertSameModel(next, buildIndexedModel(next.model.tokens.text));
    // Function scopes far from the edit are shifted copies; near the start they are the same objects.
    assert.equal(next.model.scopes[5], prev.model.scopes[5]);
    const edited = updateModel(prev, text.replace('def f150(x)', 'def f150(xx)'));
    assert.equal(edited.model.scopes[190], prev.model.scopes[190], 'an edit that keeps the token count reuses later scopes');
  });

  it('a notebook cell joined after the cells above it: editing an earlier cell', () => {
    const cells = ['import mlflow as m', 'x = 1', 'm.log_param("a", 1)'];
    const before = joinCells(cells, 2).text;
    const after = joinCells(['import hyperopt as m', 'x = 1', 'm.log_param("a", 1)'], 2).text;
    const inc = updateModel(buildIndexedModel(before), after);
    assertSameModel(inc, buildIndexedModel(after));
    assert.equal(resolver.symbolAt(inc.model, after.indexOf('log_param')), undefined);
  });

  it('the document cache updates the previous version and keeps its answers', () => {
    const cache = new DocumentCache();
    const v1 = 'import mlflow\nmlflow.log_param("a", 1)\n';
    const v2 = 'import mlflow as mf\nmf.log_param("a", 1)\n';
    assert.equal(resolver.symbolAt(cache.get('k', 1, () => v1), v1.indexOf('log_param'))?.qualname, 'mlflow.log_param');
    const m2 = cache.get('k', 2, () => v2);
    assert.equal(m2.tokens.text, v2);
    assert.equal(resolver.symbolAt(m2, v2.indexOf('log_param'))?.qualname, 'mlflow.log_param');
    assert.equal(cache.get('k', 2, () => 'not read'), m2);
  });
});
