import type { DiagnosticSink } from '../diagnostics';
import { fileTooBigMessage, MAX_BLOCK_CHARS, MAX_EMPHASIS, MAX_FILE_BYTES, MAX_FILE_COST, MAX_LINE_CHARS, MAX_MARKDOWN_CHARS, MAX_NESTING, utf8Length } from './limits';
import { measureShape, type ShapeProblem } from './markdownShape';

// Checks a Markdown source before it is parsed, in time linear in its length: what would make the
// parser (marked) hang or overflow its stack, and what is no text at all (control characters).
// Every source the bank's build, the CLI and the extension's pack compiler parse goes through here.

// Tab and newline are text; every other C0 control character and DEL is a sign of a binary or
// corrupt file (a carriage return is gone by the time this runs).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const hex = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;

/** A source fit to parse: its text (byte-order mark removed, line ends as "\n") and parse cost. */
export interface Screened {
  text: string;
  cost: number;
}

/** The source fit to parse, or undefined when it must not be parsed; each problem goes to the sink with its line. */
export function screenSource(text: string, sink: DiagnosticSink): Screened | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const bytes = utf8Length(body);
  if (bytes > MAX_FILE_BYTES) {
    sink.error(1, fileTooBigMessage(bytes));
    return undefined;
  }
  const src = body.replace(/\r\n?/g, '\n');
  const lines = src.split('\n');
  let long: number | undefined;
  let control: number | undefined;
  let surrogate: number | undefined;
  lines.forEach((l, i) => {
    if (long === undefined && l.length > MAX_LINE_CHARS) long = i;
    if (control === undefined && CONTROL.test(l)) control = i;
    if (surrogate === undefined && LONE_SURROGATE.test(l)) surrogate = i;
  });
  if (long !== undefined) sink.error(long + 1, `line is ${lines[long]!.length} characters long; at most ${MAX_LINE_CHARS} (break it into several lines)`);
  if (control !== undefined) sink.error(control + 1, `control character ${hex(CONTROL.exec(lines[control]!)![0].charCodeAt(0))} in the text (is this a binary or corrupt file?)`);
  if (surrogate !== undefined) sink.error(surrogate + 1, `invalid Unicode (a lone surrogate ${hex(LONE_SURROGATE.exec(lines[surrogate]!)![0].charCodeAt(0))})`);
  if (long !== undefined || control !== undefined || surrogate !== undefined) return undefined;
  const shape = measureShape(lines, { nesting: MAX_NESTING, emphasis: MAX_EMPHASIS, blockChars: MAX_BLOCK_CHARS });
  if (shape.problem) {
    sink.error(shape.problem.line, shapeMessage(shape.problem));
    return undefined;
  }
  if (shape.cost > MAX_FILE_COST) {
    sink.error(1, `the file would take too long to parse (cost ${millions(shape.cost)}, at most ${millions(MAX_FILE_COST)}: length times nesting, long list items and quotes cost most); split it or flatten it`);
    return undefined;
  }
  return { text: src, cost: shape.cost };
}

export const millions = (n: number): string => `${(n / 1e6).toFixed(1)} M`;

function shapeMessage(p: ShapeProblem): string {
  switch (p.kind) {
    case 'nesting':
      return `blockquotes and lists nest ${p.amount} deep here; at most ${MAX_NESTING}`;
    case 'emphasis':
      return `emphasis markers (* _ ~) nest ${p.amount} deep here; at most ${MAX_EMPHASIS}`;
    case 'list item':
      return `the list item starting here runs past ${MAX_BLOCK_CHARS} characters (an option and its explanation hold at most ${MAX_MARKDOWN_CHARS} each)`;
    case 'blockquote':
      return `the blockquote starting here runs past ${MAX_BLOCK_CHARS} characters (an explanation or a note holds at most ${MAX_MARKDOWN_CHARS})`;
  }
}

/** A parse that still fails (a limit too generous for some input) becomes a diagnostic, not a crash. */
export function parseGuarded<T>(parse: () => T[], sink: DiagnosticSink): T[] {
  try {
    return parse();
  } catch (e) {
    const why = e instanceof RangeError ? 'it nests too deeply' : e instanceof Error ? e.message.split('\n')[0]! : String(e);
    sink.error(1, `could not be read as Markdown (${why})`);
    return [];
  }
}
