import type { FactsDb } from '../facts/factsDb';

/**
 * The keyword arguments each callable takes, by canonical qualname; only callables whose
 * parameters the facts know and that take no **kwargs (any keyword is then fine) are listed. The
 * build checks the bank's code with it and ships it in dist/content.json, so the extension checks
 * a question pack's code against the same table the CLI uses.
 */
export type KeywordTable = Record<string, string[]>;

export function keywordTable(facts: FactsDb): KeywordTable {
  const table: KeywordTable = {};
  for (const s of facts.symbols.values()) {
    if (s.params_known === false) continue;
    const params = facts.paramsOf(s);
    if (!params || params.some((p) => p.kind === 'var_keyword')) continue;
    table[s.qualname] = params.filter((p) => p.kind !== 'positional_only' && p.kind !== 'var_positional').map((p) => p.name);
  }
  return table;
}
