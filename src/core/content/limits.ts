// Limits on question content. The quiz panel's protocol (src/protocol.ts) rejects a view whose id
// or Markdown is longer than it accepts, so content over these limits would load and then fail to
// show; the parser's and marked's running time grow with size and nesting, so files over them
// would hang the build, the CLI or the extension host. A unit test holds the first two equal to
// the protocol's.

/** Longest question id the protocol carries (its `Id`). */
export const MAX_ID_CHARS = 200;
/** Longest Markdown text the protocol carries (its `Md`): a stem, an option, an explanation. */
export const MAX_MARKDOWN_CHARS = 20_000;
/** Longest docs URL the panel's "open docs" message carries. */
export const MAX_URL_CHARS = 2_000;
/** Largest question or notes file read (the bank's largest is 72 KB). */
export const MAX_FILE_BYTES = 1024 * 1024;
/**
 * Most parse cost (markdownShape.ts: units of at most about a microsecond of marked's time) of
 * one file, and of all the question packs together. Size alone does not bound marked's time:
 * 250 KB of nested quotes with lazy lines take 3 s where 250 KB of the bank take 36 ms. The bank
 * costs 0.55 M units per 250 KB, so a pack of 1,000 questions like the bank's costs about 3.3 M.
 */
export const MAX_FILE_COST = 2_000_000;
export const MAX_PACK_COST = 6_000_000;
/** Longest line: no Markdown text is longer, and one line is parsed in one piece. */
export const MAX_LINE_CHARS = MAX_MARKDOWN_CHARS;
/**
 * Longest list item (an option with its explanation) or blockquote: marked's time on one grows
 * with the square of its length. Room for an option or an explanation at MAX_MARKDOWN_CHARS.
 */
export const MAX_BLOCK_CHARS = 24_000;
/** Deepest nesting of blockquotes and lists: marked recurses per level, 1,000 levels took 30 s. */
export const MAX_NESTING = 16;
/** Deepest nesting of emphasis markers (* _ ~) in a paragraph: marked recurses per level. */
export const MAX_EMPHASIS = 32;
/** Most questions a pack adds: checking is quadratic in them (near-duplicate stems). */
export const MAX_PACK_QUESTIONS = 1000;
/** Most Markdown files, and most bytes, read from the pack folders. */
export const MAX_PACK_FILES = 1000;
export const MAX_PACK_BYTES = 16 * 1024 * 1024;
/** Deepest folder nesting walked inside a pack folder, and most folder entries looked at. */
export const MAX_FOLDER_DEPTH = 16;
export const MAX_FOLDER_ENTRIES = 50_000;

const size = (bytes: number) => {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
};

/** The one message for a file over MAX_FILE_BYTES, whether the reader or the compiler finds it. */
export const fileTooBigMessage = (bytes: number): string =>
  `the file is ${size(bytes)}; a question file holds at most ${size(MAX_FILE_BYTES)} (split it into several files)`;

/** Bytes of a string once encoded as UTF-8 (the core has no TextEncoder). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
