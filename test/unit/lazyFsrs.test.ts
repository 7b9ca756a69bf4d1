import { strict as assert } from 'node:assert';
import * as real from 'ts-fsrs';
import { generatorParameters, Rating } from '../../src/vscode/lazyFsrs';

// The extension's bundles see ts-fsrs through src/vscode/lazyFsrs.ts (an esbuild alias): its
// constants must be the library's, or every rating would schedule wrongly.
describe('lazy ts-fsrs stand-in', () => {
  it('has the library\'s ratings', () => {
    for (const name of ['Manual', 'Again', 'Hard', 'Good', 'Easy'] as const) assert.equal(Rating[name], real.Rating[name], name);
  });

  it('keeps the parameters for the real generatorParameters', () => {
    const p = { enable_fuzz: false, learning_steps: ['10m'] as real.StepUnit[] };
    assert.deepEqual(generatorParameters(p), p);
  });
});
