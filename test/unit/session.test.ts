import { strict as assert } from 'node:assert';
import { isCorrect, keysOf, pick } from '../../src/core/engine/grading';
import { filterQuestions, drillQuestions } from '../../src/core/engine/selection';
import { nextQuestion, selectChoice, startSession, submitAnswer } from '../../src/core/engine/session';
import { emptyProgress } from '../../src/core/progress/schema';
import { bank } from './helpers/facts';

describe('practice sessions', () => {
  const b = bank();
  const single = b.questions.find((q) => q.type === 'single')!;
  const multi = b.questions.find((q) => q.type === 'multiple')!;

  it('a single-answer pick replaces; a multiple-select pick toggles up to the count asked', () => {
    assert.deepEqual(pick(single, ['A'], 'B'), ['B']);
    const keys = keysOf(multi);
    let sel: string[] = [];
    for (const c of multi.choices) sel = pick(multi, sel, c.id);
    assert.equal(sel.length, keys.length, 'no more picks than the stem asks for');
    assert.deepEqual(pick(multi, sel, sel[0]!), sel.slice(1));
  });

  it('grades all-or-nothing, as the exam does', () => {
    const keys = keysOf(multi);
    assert.equal(isCorrect(multi, keys), true);
    assert.equal(isCorrect(multi, keys.slice(0, 1)), false);
  });

  it('submit records an answer with the time spent; next moves on and finishes at the end', () => {
    let s = startSession({ id: 's', kind: 'practice', title: 't', questionIds: [single.id, multi.id], feedback: 'immediate' }, 1000);
    s = selectChoice(s, single, keysOf(single)[0]!, 1500);
    const r = submitAnswer(s, single, 6000, 'a1');
    assert.equal(r.answer?.correct, true);
    assert.equal(r.answer?.ms, 5000);
    assert.equal(submitAnswer(r.session, single, 7000, 'a2').answer, undefined, 'a question is submitted once');
    s = nextQuestion(r.session, 8000);
    assert.equal(s.index, 1);
    s = nextQuestion(s, 9000);
    assert.equal(s.finishedAt, 9000);
  });

  it('filters by domain, objective, symbol and difficulty under a blueprint', () => {
    const f = { blueprint: 'current', domains: ['data-processing'], objectives: [], symbols: [], difficulties: ['hard' as const] };
    const qs = filterQuestions(b, f);
    assert.ok(qs.length > 0);
    assert.ok(qs.every((q) => q.objective.startsWith('c2.') && q.difficulty === 'hard'));
    const bySymbol = filterQuestions(b, { ...f, domains: [], difficulties: [], symbols: ['mlflow.log_metric'] });
    assert.ok(bySymbol.length > 0 && bySymbol.every((q) => q.symbols.includes('mlflow.log_metric')));
    assert.ok(filterQuestions(b, { ...f, domains: [], difficulties: [] }).every((q) => b.inBlueprint(q, b.blueprint('current'))), 'no filter = the blueprint');
  });

  it('drills: mistakes are questions last answered wrong; flagged; never seen', () => {
    const p = emptyProgress();
    p.answers.push({ id: '1', q: single.id, at: 1, choices: ['A'], correct: false, ms: 1, mode: 'practice' });
    p.answers.push({ id: '2', q: multi.id, at: 1, choices: ['A'], correct: false, ms: 1, mode: 'practice' });
    p.answers.push({ id: '3', q: multi.id, at: 2, choices: keysOf(multi), correct: true, ms: 1, mode: 'practice' });
    p.flags[multi.id] = { flagged: true, at: 3 };
    const bp = b.blueprint('guide-a');
    assert.deepEqual(drillQuestions(b, p, 'mistakes', bp).map((q) => q.id), [single.id]);
    assert.deepEqual(drillQuestions(b, p, 'flagged', bp).map((q) => q.id), [multi.id]);
    assert.equal(drillQuestions(b, p, 'unseen', bp).length, b.questions.filter((q) => b.inBlueprint(q, bp)).length - 2);
  });
});
