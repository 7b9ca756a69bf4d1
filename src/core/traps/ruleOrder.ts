/**
 * Rule ids (MLAP001…) in code-unit order: the same order localeCompare gives these ASCII ids,
 * without it. The first localeCompare in a process sets up ICU's collator (about 10 ms), and the
 * trap rules load right after activation, in the extension host every extension shares.
 */
export function compareRuleIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
