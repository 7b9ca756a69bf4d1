import { strict as assert } from 'node:assert';
import * as fc from 'fast-check';
import { drawOrder, isOrderOf, orderedChoices } from '../../src/core/engine/optionOrder';
import { seededRandom } from '../../src/core/engine/random';
import { cueReport, guesserPick, lengthCueWarning, questionCues } from '../../src/core/quality/cues';
import type { Question } from '../../src/core/content/schema';

const q = (texts: string[], key: number, extra: Partial<Question> = {}): Question => ({
  id: 'q', objective: 'c1.01', difficulty: 'easy', type: 'single', symbols: [], docs: ['https://mlflow.org/'], changes: [], topic: 't',
  stem: 'Which call logs the parameter?', hasCode: false, source: { file: 'f.md', line: 1 },
  choices: texts.map((text, i) => ({ id: 'ABCDE'[i]!, text, correct: i === key, explanation: 'x' })),
  ...extra,
});

describe('test-taking cues', () => {
  it('finds a key that is the longest option and one that stands out by length', () => {
    const c = questionCues(q(['short one', 'short two', 'a much, much longer and qualified key', 'short six'], 2));
    assert.equal(c.keyLongest, true);
    assert.ok(c.longRatio > 1.25);
    assert.match(lengthCueWarning(q(['short one', 'short two', 'a much, much longer and qualified key', 'short six'], 2))!, /% longer than every distractor/);
    assert.equal(lengthCueWarning(q(['option one', 'option two', 'option 3!', 'option four'], 0)), undefined);
  });

  it('the guesser picks the option that alone names a tagged API, else the longest', () => {
    const tagged = q(['`mlflow.log_metric(...)`', '`mlflow.log_param("a", 1)`', '`mlflow.set_tag(...)`', '`mlflow.log_artifact(...)`'], 1, { symbols: ['mlflow.log_param'] });
    assert.deepEqual(guesserPick(tagged), { picks: [1], rule: 'api' });
    assert.equal(guesserPick(q(['aa', 'bbbb', 'c', 'dd'], 0)).rule, 'longest');
    // A tie on length falls back to the words shared with the stem.
    const tie = guesserPick(q(['logs parameter', 'saves artefact', 'xx', 'y'], 0));
    assert.deepEqual(tie, { picks: [0], rule: 'stem-words' });
  });

  it('a key that is always the second longest is a cue too', () => {
    const second = Array.from({ length: 20 }, (_, i) => ({ ...q(['aaaa aaaaa', 'bbbb bbbbbb', 'cccc ccccccc', 'dddd dddddddd'], 2), id: `s${i}` }));
    const r = cueReport(second);
    assert.equal(r.lengthRanks[1], 1);
    assert.ok(r.unmet.some((u) => u.includes('second longest')), r.unmet.join('; '));
  });

  it('a bank whose keys are always longest fails the targets; one whose keys vary passes', () => {
    const bad = Array.from({ length: 20 }, (_, i) => ({ ...q(['a', 'bb', 'ccc', 'the longest key'], 3), id: `b${i}` }));
    assert.ok(cueReport(bad).unmet.some((u) => u.includes('longest option')));
    assert.ok(cueReport(bad).guesser > 0.9);
    // Lengths 10..13, key rotating over them: each length rank holds a quarter of the keys.
    const good = Array.from({ length: 20 }, (_, i) => ({ ...q(['aaaa aaaaa', 'bbbb bbbbbb', 'cccc ccccccc', 'dddd dddddddd'], i % 4), id: `g${i}` }));
    const r = cueReport(good);
    assert.ok(r.guesser <= 0.32, `guesser ${r.guesser}`);
    assert.deepEqual(r.lengthRanks, [0.25, 0.25, 0.25, 0.25]);
    assert.deepEqual(r.unmet, []);
  });
});

describe('option order per attempt', () => {
  const four = q(['a', 'b', 'c', 'd'], 0);
  it('is a permutation that always differs from the previous order', () => {
    fc.assert(fc.property(fc.integer(), fc.shuffledSubarray(['A', 'B', 'C', 'D'], { minLength: 4, maxLength: 4 }), (seed, previous) => {
      const o = drawOrder(four, previous, seededRandom(seed))!;
      return isOrderOf(four, o) && o.join('') !== previous.join('');
    }));
  });
  it('keeps the written order for shuffle: false and ignores a stale stored order', () => {
    assert.equal(drawOrder({ ...four, shuffle: false }, undefined, seededRandom(1)), undefined);
    assert.deepEqual(orderedChoices(four, ['A', 'B', 'Z', 'D']).map((c) => c.id), ['A', 'B', 'C', 'D']);
    assert.deepEqual(orderedChoices(four, ['D', 'C', 'B', 'A']).map((c) => c.id), ['D', 'C', 'B', 'A']);
  });
});

describe('question search text', () => {
  it('holds the stem, options and explanations as plain text', async () => {
    const { bank } = await import('./helpers/facts');
    const { questionSearchItem } = await import('../../src/core/engine/search');
    const b = bank();
    const q = b.questions.find((x) => x.stem.includes('```'))!;
    const item = questionSearchItem(b, q);
    assert.ok(item.label.length > 0 && item.label.length <= 161, item.label);
    assert.ok(!/[`]/.test(item.label + item.detail), 'no Markdown marks');
    for (const c of q.choices) assert.ok(item.detail.includes(c.text.replace(/[`*_>#]/g, '').replace(/\s+/g, ' ').trim().slice(0, 20)), c.text);
    assert.match(item.description, new RegExp(`^${q.objective.replace('.', '\\.')} · `));
  });
});
