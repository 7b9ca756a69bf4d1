import { resolve } from 'node:path';
import type { FactsDb } from '../../../src/core/facts/factsDb';
import { loadFacts } from '../../../src/node/contentSources';

export const ROOT = resolve(__dirname, '..', '..', '..');

let cached: FactsDb | undefined;
/** The project's real API facts, loaded once per test run. */
export function facts(): FactsDb {
  return (cached ??= loadFacts(ROOT));
}
