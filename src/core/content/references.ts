import type { SymbolTable } from '../facts/symbolTable';

// Checks on what content refers to (API symbols, documentation links) and the line helper the
// checks use to point at the text that holds a reference.

/** Documentation sites content may cite. */
export const OFFICIAL_DOCS = [
  'docs.databricks.com', 'learn.microsoft.com', 'mlflow.org', 'spark.apache.org', 'hyperopt.github.io',
  'scikit-learn.org', 'pandas.pydata.org', 'pytorch.org', 'docs.python.org',
];

/** The line of the first line holding `needle`'s first non-blank line, at or after line `from` (1-based). */
export function lineIn(lines: readonly string[], needle: string, from: number): number {
  const first = needle.split('\n').find((l) => l.trim())?.trim();
  if (!first) return from;
  for (let i = from - 1; i < lines.length; i++) if (lines[i]!.includes(first)) return i + 1;
  return from;
}

export const lineOf = (text: string, needle: string, from: number): number => lineIn(text.split('\n'), needle, from);

/** A symbol tag must be a canonical qualname, or Class.member for a member the class inherits. */
export function checkSymbolName(s: string, table: SymbolTable): string | undefined {
  const info = table.resolvePath(s);
  if (!info) return `${s} is not in the API facts (add it to facts/manual/*.yaml with its documentation page if the library really has it)`;
  if (table.get(s) && table.canonical(s) !== s) return `${s} is an alias: name it by its qualname ${table.canonical(s)}`;
  return undefined;
}

/** The WHATWG URL parser, as browsers and Node have it (the core's tsconfig names no platform). */
declare const URL: new (url: string) => { protocol: string; username: string; password: string; hostname: string };

export function checkDocs(url: string): string | undefined {
  let parsed: InstanceType<typeof URL>;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not an https URL`;
  }
  if (parsed.protocol !== 'https:' || !/^https:\/\//i.test(url)) return `"${url}" is not an https URL`;
  // `https://mlflow.org:443@elsewhere/` goes to elsewhere: a link names no user or password.
  if (parsed.username || parsed.password || /^https:\/\/[^/?#]*@/i.test(url)) return `docs link ${url} carries a user name: write the plain address`;
  const host = parsed.hostname.toLowerCase();
  return OFFICIAL_DOCS.some((d) => host === d || host.endsWith('.' + d)) ? undefined : `docs link ${url} is not an official documentation site (${OFFICIAL_DOCS.join(', ')})`;
}
