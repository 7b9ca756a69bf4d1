import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bank } from '../../src/core/bank';
import { CompiledContentSchema, QuizContentSchema, ReferenceContentSchema, splitContent } from '../../src/core/content/compiled';
import { mergeContent } from '../../src/core/content/contentParts';
import { rulePageMarkdown } from '../../src/core/traps/rulePage';
import { indexFiles, readContent, readReference } from '../../src/node/distFiles';
import { content, ROOT } from './helpers/facts';

// The compiled content ships as two files: the quiz part (dist/content.json), which the bank is
// made of, and the reference part (dist/reference.json: cards, symbols, keywords, rule pages).
// Splitting must lose nothing, and each file is read like the other: trusted by its hash,
// validated when the hash does not match, refused with a message that names it when damaged.

/** What the JSON file holds: compile()'s output without its undefined fields. */
const asJson = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const sha = (t: string) => createHash('sha256').update(t).digest('hex');
const validateQuiz = (j: unknown) => QuizContentSchema.safeParse(j);
const validateReference = (j: unknown) => ReferenceContentSchema.safeParse(j);

/** A dist folder with both parts and their hashes, as `cli build` writes them. */
function distOf(): string {
  const d = mkdtempSync(join(tmpdir(), 'mlap-split-'));
  const { quiz, reference } = splitContent(content());
  for (const f of [...indexFiles('content', quiz), ...indexFiles('reference', reference)]) writeFileSync(join(d, f.name), f.text);
  return d;
}

describe('content split (dist/content.json + dist/reference.json)', () => {
  it('merging the two parts gives back what compile() produced', () => {
    const c = content();
    const { quiz, reference } = splitContent(c);
    assert.deepEqual(mergeContent(quiz, reference), c);
    assert.deepEqual(asJson(mergeContent(asJson(quiz), asJson(reference))), asJson(c));
  });

  it('puts every field in exactly one part (but the schema version, in both), the bank\'s in the quiz part', () => {
    const { quiz, reference } = splitContent(content());
    const q = Object.keys(quiz).filter((k) => k !== 'schemaVersion');
    const r = Object.keys(reference).filter((k) => k !== 'schemaVersion');
    assert.deepEqual(q.filter((k) => r.includes(k)), []);
    assert.deepEqual([...q, ...r, 'schemaVersion'].sort(), Object.keys(CompiledContentSchema.shape).sort());
    assert.deepEqual(r.sort(), ['cards', 'keywords', 'rules', 'symbols']);
    assert.equal(quiz.schemaVersion, reference.schemaVersion);
    assert.ok(QuizContentSchema.safeParse(asJson(quiz)).success);
    assert.ok(ReferenceContentSchema.safeParse(asJson(reference)).success);
    assert.ok(!QuizContentSchema.safeParse(asJson(reference)).success, 'the quiz schema refuses the reference part');
  });

  it('the bank made of the quiz part answers as the bank made of all the content', () => {
    const { quiz, reference } = splitContent(content());
    const part = new Bank(quiz);
    const whole = new Bank(content());
    assert.deepEqual(part.questions.map((q) => q.id), whole.questions.map((q) => q.id));
    assert.ok(whole.forSymbols(['mlflow.log_param']).length, 'a symbol with questions');
    for (const symbol of ['mlflow.log_param', 'pyspark.ml.feature.VectorAssembler']) assert.deepEqual(part.forSymbols([symbol]), whole.forSymbols([symbol]));
    const rule = reference.rules[0]!;
    assert.equal(rulePageMarkdown(part, reference.rules, rule.id), rulePageMarkdown(whole, content().rules, rule.id));
    assert.match(rulePageMarkdown(part, reference.rules, rule.id), new RegExp(`^# ${rule.id}: `));
  });

  it('the built files are the split of what compile() produces, each with its hash', function () {
    const dist = join(ROOT, 'dist');
    if (!existsSync(join(dist, 'reference.json'))) this.skip(); // needs `npm run build`
    const text = (name: string) => readFileSync(join(dist, name), 'utf8');
    for (const name of ['content', 'reference']) assert.equal(text(`${name}.sha256`), sha(text(`${name}.json`)), `dist/${name}.sha256`);
    const merged = mergeContent(QuizContentSchema.parse(JSON.parse(text('content.json'))), ReferenceContentSchema.parse(JSON.parse(text('reference.json'))));
    assert.deepEqual(merged, asJson(content()));
  });
});

describe('reading the parts (node/distFiles.ts)', () => {
  /** A part read as the extension reads it; `validated` is told each time the schema runs. */
  const readPart = (name: 'content' | 'reference', d: string, untrusted: (why: string) => void, validated: () => void = () => undefined): Promise<Record<string, unknown>> =>
    name === 'content' ? readContent(d, untrusted, (j) => (validated(), validateQuiz(j))) : readReference(d, untrusted, (j) => (validated(), validateReference(j)));

  for (const [name, field] of [['content', 'questions'], ['reference', 'cards']] as const) {
    it(`trusts dist/${name}.json when its hash matches, validates it when not, and refuses it damaged`, async () => {
      const d = distOf();
      const why: string[] = [];
      let validated = 0;
      const count = async () => ((await readPart(name, d, (w) => why.push(w), () => validated++))[field] as unknown[]).length;
      const expected = content()[field].length;
      assert.equal(await count(), expected);
      assert.deepEqual([why.length, validated], [0, 0], 'a file its hash matches is not validated');
      writeFileSync(join(d, `${name}.sha256`), sha('other'));
      assert.equal(await count(), expected);
      assert.deepEqual([why.length, validated], [1, 1]);
      assert.match(why[0]!, new RegExp(`dist/${name}\\.json does not match the hash`));
      const text = readFileSync(join(d, `${name}.json`), 'utf8');
      writeFileSync(join(d, `${name}.json`), text.replace(`"${field}":[`, `"${field}":[1,`));
      await assert.rejects(count(), new RegExp(`^Error: ML Associate Prep: dist/${name}\\.json is not valid \\(.+\\); reinstall the extension$`));
      writeFileSync(join(d, `${name}.json`), text.slice(0, 1000));
      await assert.rejects(count(), new RegExp(`^Error: ML Associate Prep: dist/${name}\\.json is not valid \\(.+\\); reinstall the extension$`));
    });
  }

  it('a file of another schema version is validated, even when its hash matches', async () => {
    const d = distOf();
    const text = readFileSync(join(d, 'reference.json'), 'utf8').replace(/"schemaVersion":\d+/, '"schemaVersion":1');
    writeFileSync(join(d, 'reference.json'), text);
    writeFileSync(join(d, 'reference.sha256'), sha(text));
    const why: string[] = [];
    await assert.rejects(readReference(d, (w) => why.push(w), validateReference), /dist\/reference\.json is not valid/);
    assert.equal(why.length, 1);
  });

  it('without dist/reference.json the quiz part still reads, and the reference part says the file is missing', async () => {
    const d = distOf();
    rmSync(join(d, 'reference.json'));
    const quiz = await readContent(d, () => assert.fail('trusted'), validateQuiz);
    assert.equal(new Bank(quiz).questions.length, content().questions.length);
    await assert.rejects(readReference(d, () => undefined, validateReference), /^Error: ML Associate Prep: dist\/reference\.json is missing; reinstall the extension$/);
  });

  it('the CLI, without dist/reference.json, says so and exits 2', function () {
    if (!existsSync(join(ROOT, 'dist', 'cli.js'))) this.skip(); // needs `npm run build`
    const d = mkdtempSync(join(tmpdir(), 'mlap-split-cli-'));
    for (const f of ['cli.js', 'content.json', 'content.sha256']) copyFileSync(join(ROOT, 'dist', f), join(d, f));
    const r = spawnSync(process.execPath, [join(d, 'cli.js'), 'notes', '--json'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr, `${join(d, 'reference.json')} not found: run npm run build first\n`);
  });
});
