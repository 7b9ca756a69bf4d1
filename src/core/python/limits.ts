// Limits on the Python the resolver reads. A hover must answer while the user waits (well under
// 50 ms on a busy laptop), so the work per document is linear in its text and capped: a document
// or line past these sizes gets no card at all instead of a stall, and chains of attributes and
// aliases are cut off where no real program reaches. HoverService checks the document limits
// before anything is tokenized; the resolver enforces the chain limits on any model it is given.

/**
 * Largest document (characters) that gets cards. The first hover tokenizes and models the whole
 * text, about 0.15-0.25 ms per KB of dense code on the 2-CPU test machine, so a 1 MB file costs a
 * few hundred ms once per edit; bench/hover.bench.ts's 10,000-line file (570 KB) must still get
 * cards. Hostile documents are stopped sooner by the line limits below.
 */
export const MAX_DOCUMENT_CHARS = 1_000_000;

/** Most lines in a document that gets cards: 20,000 short lines took 17-31 ms to model. */
export const MAX_DOCUMENT_LINES = 20_000;

/**
 * Longest line: a longer one is minified, generated or data, and it makes the whole document
 * decline (VS Code itself stops tokenizing lines at 20,000 characters).
 */
export const MAX_LINE_CHARS = 20_000;

/**
 * Most `.name` steps in one attribute chain: the resolver builds the dotted path as it walks, so a
 * chain of n steps costs n squared; real code rarely goes past ten.
 */
export const MAX_CHAIN_STEPS = 64;

/**
 * Deepest chain of aliases followed (`a = mlflow; b = a; c = b.x ...`): each step evaluates the
 * next binding's expression, so this bounds the recursion and the work of one lookup.
 */
export const MAX_ALIAS_DEPTH = 12;

/**
 * Why a document gets no cards (too long, too many lines, a line too long), or undefined when it
 * fits. One pass of indexOf over the text: far cheaper than tokenizing it, and it stops early.
 */
export function documentOverLimits(text: string): string | undefined {
  if (text.length > MAX_DOCUMENT_CHARS) return `the text is over ${MAX_DOCUMENT_CHARS} characters`;
  let lines = 0;
  let from = 0;
  // A final newline ends the last line; it does not start another.
  while (from < text.length) {
    let end = text.indexOf('\n', from);
    if (end < 0) end = text.length;
    if (end - from > MAX_LINE_CHARS) return `line ${lines + 1} is over ${MAX_LINE_CHARS} characters`;
    if (++lines > MAX_DOCUMENT_LINES) return `the text is over ${MAX_DOCUMENT_LINES} lines`;
    from = end + 1;
  }
  return undefined;
}
