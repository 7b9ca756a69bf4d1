import fc from 'fast-check';
import { compilePack } from '../../../src/core/content/pack';
import type { CompiledContent } from '../../../src/core/content/compiled';
import { HoverService } from '../../../src/core/hoverService';
import { buildDocumentModel } from '../../../src/core/python/documentModel';
import { ipynbCodeCells, joinAllCells, joinCells } from '../../../src/core/python/notebook';
import { file, question } from './packTemplates';

// The generators and the per-input checks of the fuzzing (issue 14, item 6), in one place: the
// short runs inside the unit tests (fuzzCli.test.ts) and the long `npm run fuzz`
// (test/fuzz/fuzz.ts) draw the same inputs and judge them the same way.

const PY_SEED = `import mlflow as mf
from pyspark.ml.tuning import (CrossValidator,
    ParamGridBuilder)
def f(df, x=[1, {2: "a"}]):
    with mf.start_run() as run:
        cv = CrossValidator(numFolds=3)
        m = cv.fit(df); print(f"{run.info.run_id!r:>{10}}", r'\\d', b"\\x00")
        return m.bestModel \\
            .transform(df)
`;

const PY_PIECES = ['(', ')', '[', ']', '{', '}', '"', "'", '"""', "'''", 'f"', 'rb"', '\\', '\n', '\r', '#', ' ', '\t', '\0', '\u2028', '\ud800', 'mlflow', '.', 'log_param', 'import', 'from', 'as', ',', ':', '=', ';', 'def ', 'class ', 'with ', 'lambda ', 'global ', 'async ', '@', '%pip', '!ls', 'spark', 'mf'];

// Up to 40 characters from the whole 16-bit range: drawn as numbers, since fast-check's string
// arbitrary spends more time on its shrinking slices than the checks take on an input.
const chars = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((cs) => String.fromCharCode(...cs));

/** A seed text with `n` random edits: each deletes up to 40 characters and inserts up to 40. */
const mutated = (seed: string, pieces: readonly string[]) =>
  fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.oneof(chars, fc.constantFrom(...pieces))), { minLength: 1, maxLength: 8 }).map((edits) => {
    let s = seed;
    for (const [at, del, ins] of edits) {
      const i = at % (s.length + 1);
      s = s.slice(0, i) + ins + s.slice(i + del);
    }
    return s;
  });

/** Random and mutated Python: unbalanced quotes and brackets, long lines, NUL bytes, deep nesting. */
export const pythonish: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(fc.constantFrom(...PY_PIECES), { maxLength: 400 }).map((a) => a.join('')),
  mutated(PY_SEED, PY_PIECES),
  mutated(PY_SEED.repeat(8), PY_PIECES),
  fc.nat({ max: 3000 }).map((n) => '('.repeat(n) + 'mlflow.log_param' + ')'.repeat(n >> 1)),
  fc.nat({ max: 20000 }).map((n) => `x = "${'a'.repeat(n)}` + ' mlflow.log_param()'),
  fc.tuple(fc.nat({ max: 12_000 }), fc.constantFrom('with (', '(', 'f"{', '[', 'mlflow.a', '"', 'x = \\\n', ' def f():\n', 'a = b = ')).map(([n, s]) => `import mlflow\n${s.repeat(n)}mlflow.log_param\n`),
);

/** One fuzzed Python input: the text and where to hover in it. */
export const pythonInput = fc.record({ text: pythonish, offsets: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), notebook: fc.boolean() });
export type PythonInput = typeof pythonInput extends fc.Arbitrary<infer T> ? T : never;

/**
 * Runs one Python input the ways the extension and CLI do: as a file or as a notebook's JSON
 * (through ipynbCodeCells and joinCells), hovers at each offset, and the whole-document passes
 * (unknownReferences, calls). `version` must differ from the last input's (the service caches by
 * it). Throws on an exception or on an answer that breaks its contract.
 */
export function runPythonInput(service: HoverService, input: PythonInput, version: number): void {
  const key = 'fuzz.py';
  let text = input.text;
  if (input.notebook) {
    const json = JSON.stringify({ cells: text.split('\n\n').map((source) => ({ cell_type: 'code', source })) });
    // Cut the JSON at an offset too, so a broken notebook is fuzzed as well as a good one.
    const cut = input.offsets[0]! % 4 === 0 ? json.slice(0, input.offsets[0]! % (json.length + 1)) : json;
    const nb = ipynbCodeCells(cut);
    if ('error' in nb) {
      if (typeof nb.error !== 'string' || nb.error.includes('\n')) throw new Error(`notebook error is not one line: ${JSON.stringify(nb.error)}`);
      return;
    }
    text = nb.cells.length ? joinCells(nb.cells, nb.cells.length - 1).text : '';
    if (joinAllCells(nb.cells).text.length < text.length) throw new Error('joinAllCells is shorter than joinCells of the last cell');
  }
  for (const o of input.offsets) {
    const offset = text.length ? o % (text.length + 1) : 0;
    const r = service.resolve(key, version, () => text, offset);
    if (r && !(r.start <= offset && offset <= r.end)) throw new Error(`resolution ${r.qualname} at [${r.start}, ${r.end}) does not cover offset ${offset}`);
    service.hover(key, version, () => text, offset);
  }
  const model = service.model(key, version, () => text);
  if (model) {
    service.resolver.unknownReferences(model);
    service.resolver.calls(model);
  } else if (text.length < 50_000) {
    // The limits only ever turn away big documents; a small one is still modelled in full.
    const small = buildDocumentModel(text);
    service.resolver.unknownReferences(small);
  }
}

const PACK_PIECES = ['#', '## ', '### ', '- [ ] ', '- [x] ', '  > ', '> ', '\n', '\n\n', '  ', '    ', '\t', '```', '```python\n', '~~~', '*', '**', '_', '~~', '`', '[', ']', '(', ')', '<', '>', '|', '---', '- objective: ', '- symbols: mlflow.log_metric', '- type: multi', '- difficulty: hard', '- docs: ', 'https://mlflow.org/', '<script>', '&amp;', '\\', '\0', '\r', '\u2028', '\ud800', '1. ', '- ', 'x'];

const PACK_SEED = file(question('fuzz-one'), question('fuzz-two', 'Ngozi compares two tuning runs on a shared cluster before lunch and wants the best trial recorded with its parameters.'));

/** Random and mutated question-pack Markdown: broken fields, lists, quotes, fences, emphasis. */
export const packish: fc.Arbitrary<string> = fc.oneof(
  mutated(PACK_SEED, PACK_PIECES),
  mutated(PACK_SEED.repeat(3), PACK_PIECES),
  fc.array(fc.constantFrom(...PACK_PIECES), { maxLength: 600 }).map((a) => a.join('')),
  fc.string({ maxLength: 600 }),
  fc.tuple(fc.nat({ max: 4000 }), fc.constantFrom('> ', '- ', '  - ', '*', '_', '[', '- [ ] a\n  > ', '```\n', '## x\n', '<div>')).map(([n, s]) => `# T\n\n## deep\n\n${s.repeat(n)}x\n`),
);

/**
 * Compiles one pack file against the bank, as `lint` of a pack folder and the extension do.
 * Throws on an exception or a diagnostic that is not one `file:line: message`.
 */
export function runPackInput(base: CompiledContent, text: string): void {
  const lines = text.split(/\r\n?|\n/).length;
  const r = compilePack([{ path: 'fuzz.md', text }], base);
  for (const d of r.diagnostics) {
    if (d.message.includes('\n')) throw new Error(`diagnostic of more than one line: ${JSON.stringify(d.message)}`);
    if (!Number.isInteger(d.line) || d.line < 1 || d.line > lines + 1) throw new Error(`diagnostic line ${d.line} outside the file's ${lines} lines: ${d.message}`);
  }
  for (const q of r.questions) if (!q.choices.length) throw new Error(`question ${q.id} has no choices`);
}
