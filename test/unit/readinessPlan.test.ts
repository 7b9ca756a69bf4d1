import { strict as assert } from 'node:assert';
import { keysOf } from '../../src/core/engine/grading';
import { objectiveTickId, planTree, provenObjectives, PROOF_MIN_QUESTIONS } from '../../src/core/plan';
import { emptyProgress, type Progress } from '../../src/core/progress/schema';
import { computeReadiness, GUESS } from '../../src/core/readiness';
import { bank } from './helpers/facts';

const T0 = 1_700_000_000_000;
const DAY = 86_400_000;

function answerAll(p: Progress, ids: string[], correct: boolean, at: number) {
  const b = bank();
  ids.forEach((id, i) => {
    const q = b.get(id)!;
    p.answers.push({ id: `${id}-${at}-${i}`, q: id, at, choices: correct ? keysOf(q) : [q.choices.find((c) => !c.correct)!.id], correct, ms: 1000, mode: 'practice' });
  });
}

describe('readiness', () => {
  const b = bank();
  const bp = b.blueprint('current');

  it('with no answers predicts the guessing rate, marks every domain thin, and is wide', () => {
    const r = computeReadiness(b, emptyProgress(), bp, T0);
    assert.ok(Math.abs(r.overall.predicted - GUESS) < 1e-9);
    assert.ok(r.domains.every((d) => d.thin));
    assert.ok(r.overall.passProbability < 0.01);
  });

  it('rises with right answers, falls with wrong ones, and narrows with more data', () => {
    const dp = bp.domains.find((d) => d.id === 'data-processing')!;
    const ids = b.questions.filter((q) => dp.objectives.includes(q.objective)).map((q) => q.id);
    const some = emptyProgress();
    answerAll(some, ids.slice(0, 10), true, T0);
    const many = emptyProgress();
    answerAll(many, ids, true, T0);
    const wrong = emptyProgress();
    answerAll(wrong, ids, false, T0);
    const r = (p: Progress) => computeReadiness(b, p, bp, T0 + DAY).domains.find((d) => d.domain === 'data-processing')!;
    assert.ok(r(many).predicted > r(some).predicted);
    assert.ok(r(some).predicted > r(wrong).predicted);
    assert.ok(r(many).high - r(many).low < r(some).high - r(some).low, 'more answers, narrower interval');
    assert.equal(r(many).thin, false);
  });

  it('forgets: the same right answers predict less months later (FSRS retrievability)', () => {
    const p = emptyProgress();
    answerAll(p, b.questions.slice(0, 60).map((q) => q.id), true, T0);
    assert.ok(computeReadiness(b, p, bp, T0 + 120 * DAY).overall.predicted < computeReadiness(b, p, bp, T0 + DAY).overall.predicted);
  });
});

describe('study plan tree', () => {
  const b = bank();
  const bp = b.blueprint('current');
  const obj = 'c2.01';
  const ids = b.questions.filter((q) => q.objective === obj).map((q) => q.id);

  it('ticks an objective the answers prove, and the learner\'s untick wins', () => {
    const p = emptyProgress();
    answerAll(p, ids.slice(0, PROOF_MIN_QUESTIONS), true, T0);
    assert.ok(provenObjectives(b, p).has(obj));
    const find = (tree: ReturnType<typeof planTree>, id: string) => tree.flatMap(function walk(n): typeof tree { return [n, ...(n.children ?? []).flatMap(walk)]; }).find((n) => n.id === id)!;
    const node = find(planTree(b, p, bp, T0), objectiveTickId(obj));
    assert.equal(node.checked, true);
    assert.equal(node.proven, true);
    p.ticks[objectiveTickId(obj)] = { checked: false, at: T0 + 1, by: 'user' };
    assert.equal(find(planTree(b, p, bp, T0), objectiveTickId(obj)).checked, false);
    assert.equal(find(planTree(b, p, bp, T0, false), 'w3.delta').checked, false, 'auto-ticking can be turned off');
  });

  it('shows per-week and per-domain counts, and follows the blueprint', () => {
    const p = emptyProgress();
    p.ticks['w1.ml-cluster'] = { checked: true, at: T0, by: 'user' };
    const [next, plan, domains] = planTree(b, p, bp, T0);
    assert.equal(next!.kind, 'next');
    assert.match(plan!.children![0]!.description!, /^1\/5$/);
    assert.equal(domains!.children!.length, 4);
    assert.ok(planTree(b, p, b.blueprint('guide-b'), T0)[2]!.children!.some((d) => d.label.startsWith('Scaling ML Models')));
  });
});
