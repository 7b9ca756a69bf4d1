import { strict as assert } from 'node:assert';
import { planTree, whatNext } from '../../src/core/plan';
import { computeReadiness } from '../../src/core/readiness';
import { examForecast } from '../../src/core/study/forecast';
import { planIndex, planIndexData, type PlanIndexData } from '../../src/core/study/planContent';
import { bank, content } from './helpers/facts';
import { diligent, lapsing, simulate } from './helpers/learners';

// The study plan tree shown before any surface loaded the bank reads dist/planIndex.json: it must
// be the tree the bank gives, with every count, readiness and forecast, for learners of every kind.
const fromFile = () => planIndex(JSON.parse(JSON.stringify(planIndexData(content()))) as PlanIndexData);

describe('plan index', () => {
  const b = bank();
  const runs = [
    simulate(b, { start: '2026-03-01', exam: '2026-03-20', behaviour: diligent }),
    simulate(b, { start: '2026-03-01', exam: '2026-04-10', behaviour: lapsing(5, 4), skill: 0.6, seed: 3 }),
  ];

  it('gives the bank\'s plan tree, readiness and next step for every blueprint, with and without an exam date', () => {
    const index = fromFile();
    let objectivesWithQuestions = 0;
    for (const [i, run] of runs.entries()) {
      const clock = run.clockOn(i ? '2026-03-20' : '2026-03-12');
      for (const bp of b.content.blueprints) {
        const now = clock.now();
        const study = { clock, goal: { practicePerObjective: 3, mocks: 2 }, forecast: examForecast };
        const viaIndex = planTree(index, run.progress, index.blueprint(bp.id), now, true, study);
        assert.deepEqual(viaIndex, planTree(b, run.progress, b.blueprint(bp.id), now, true, study), `${bp.id}, learner ${i}`);
        assert.deepEqual(planTree(index, run.progress, index.blueprint(bp.id), now, false), planTree(b, run.progress, bp, now, false));
        const r = computeReadiness(index, run.progress, bp, now);
        assert.deepEqual(whatNext(index, run.progress, bp, now, r), whatNext(b, run.progress, bp, now, computeReadiness(b, run.progress, bp, now)));
        objectivesWithQuestions += JSON.stringify(viaIndex).match(/"description":"(proven · )?[1-9]\d* questions"/g)?.length ?? 0;
        assert.ok(viaIndex.some((n) => n.kind === 'exam'), 'the exam node (goal and forecast) is compared too');
      }
    }
    assert.ok(objectivesWithQuestions > 20, 'the trees carry question counts');
    assert.ok(runs.every((r) => r.progress.answers.length > 50), 'the learners have answers, so readiness is not the prior');
  });

  it('knows the blueprints, objectives and questions the bank knows', () => {
    const index = fromFile();
    assert.equal(index.blueprint('no-such-guide').id, b.blueprint('no-such-guide').id);
    for (const o of b.content.objectives) assert.equal(index.objective(o.id)?.title, o.title);
    assert.equal(index.objective('constructor'), undefined);
    for (const q of b.questions) assert.deepEqual(index.get(q.id), { id: q.id, objective: q.objective });
    assert.equal(index.get('no-such-question'), undefined);
  });
});
