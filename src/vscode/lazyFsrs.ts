import { join } from 'node:path';
import type * as Fsrs from 'ts-fsrs';

// ts-fsrs (about 21 KB minified) as the extension and quiz bundles see it: esbuild aliases the
// 'ts-fsrs' import of src/core/scheduler.ts to this module (scripts/lib/bundles.mjs), which
// requires the real library from dist/fsrs.js the first time a card is scheduled. The scheduler
// builds its FSRS instance when its module loads; here that costs nothing until it is used, so
// activation never parses the library. Only what scheduler.ts imports is offered: a new import
// there fails the build ("No matching export") instead of failing at run time.

type Real = typeof Fsrs;
let real: Real | undefined;
const load = (): Real => (real ??= require(join(__dirname, 'fsrs.js')) as Real);

/** The same numbers as ts-fsrs' Rating enum (checked against it in test/unit/lazyFsrs.test.ts). */
export const Rating = { Manual: 0, Again: 1, Hard: 2, Good: 3, Easy: 4 } as unknown as typeof Fsrs.Rating;

/** Keeps the partial parameters; the real generatorParameters fills them in on first use. */
export function generatorParameters(props?: Partial<Fsrs.FSRSParameters>): Fsrs.FSRSParameters {
  return { ...props } as Fsrs.FSRSParameters;
}

export function createEmptyCard(...args: Parameters<Real['createEmptyCard']>): Fsrs.Card {
  return load().createEmptyCard(...args) as Fsrs.Card;
}

/** An FSRS whose real instance is made on first call, with the parameters given now. */
export function fsrs(params?: Partial<Fsrs.FSRSParameters>): Pick<Fsrs.FSRS, 'next' | 'get_retrievability'> {
  let instance: Fsrs.FSRS | undefined;
  const get = () => (instance ??= load().fsrs(load().generatorParameters(params)));
  return {
    next: ((...a: Parameters<Fsrs.FSRS['next']>) => get().next(...a)) as Fsrs.FSRS['next'],
    get_retrievability: ((...a: Parameters<Fsrs.FSRS['get_retrievability']>) => get().get_retrievability(...a)) as Fsrs.FSRS['get_retrievability'],
  };
}
