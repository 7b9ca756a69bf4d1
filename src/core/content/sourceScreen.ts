import type { DiagnosticSink } from '../diagnostics';
import { fileTooBigMessage, MAX_EMPHASIS, MAX_FILE_BYTES, MAX_LINE_CHARS, MAX_NESTING, utf8Length } from './limits';
import { firstTooDeep } from './nestingDepth';

// Checks a Markdown source before it is parsed, in time linear in its length: what would make the
// parser (marked) hang or overflow its stack, and what is no text at all (control characters).
// Every source the bank's build, the CLI and the extension's pack compiler parse goes through here.

// Tab and newline are text; every other C0 control character and DEL is a sign of a binary or
// corrupt file (a carriage return is gone by the time this runs).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const hex = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The text to parse (byte-order mark removed, line ends as "\n"), or undefined when the file must
 * not be parsed; each problem goes to the sink with its line.
 */
export function screenSource(text: string, sink: DiagnosticSink): string | undefined {
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
  const deep = firstTooDeep(lines, MAX_NESTING, MAX_EMPHASIS);
  if (deep?.kind === 'containers') sink.error(deep.line, `blockquotes and lists nest ${deep.depth} deep here; at most ${MAX_NESTING}`);
  if (deep?.kind === 'emphasis') sink.error(deep.line, `emphasis markers (* _ ~) nest ${deep.depth} deep here; at most ${MAX_EMPHASIS}`);
  return deep ? undefined : src;
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
