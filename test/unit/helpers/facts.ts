import { resolve } from 'node:path';
import type { FactsDb } from '../../../src/core/facts/factsDb';
import { loadFacts } from '../../../src/node/contentSources';

export const ROOT = resolve(__dirname, '..', '..', '..');

let cached: FactsDb | undefined;
/** The project's real API facts, loaded once per test run. */
export function facts(): FactsDb {
  return (cached ??= loadFacts(ROOT));
}

import { Bank } from '../../../src/core/bank';
import { compileContent } from '../../../src/core/content/compile';
import type { CompiledContent } from '../../../src/core/content/compiled';
import { loadCompileInput } from '../../../src/node/contentSources';

let compiled: CompiledContent | undefined;
/** The project's content compiled from questions/ (as the build does), once per run. */
export function content(): CompiledContent {
  return (compiled ??= compileContent(loadCompileInput(ROOT, undefined, facts())).content);
}
export const bank = (): Bank => new Bank(content());
