import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { file, OPTIONS, question, STEM_LINE, STEMS, uniqueStem } from './packTemplates';

// The malformed-pack cases made at test time: too large to keep in the repository (the 5 MB pack,
// 5,000-deep nesting), bytes an editor or git would rewrite (a BOM, CRLF, invalid UTF-8, NUL), or
// things git cannot hold (symbolic links, a named pipe, a socket). Each writes its pack into an
// empty folder; `expect` is every problem as the CLI prints it, paths relative to the pack.

export interface GeneratedCase {
  name: string;
  make(dir: string): void | Promise<void>;
  expect: string[];
  /** Questions that join the bank. */
  accepted: number;
  /** Needs POSIX file kinds (symbolic links without privileges, FIFOs, sockets). */
  posix?: boolean;
}

const write = (dir: string, name: string, text: string | Buffer) => {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
};

/** A valid file whose stem line holds `bytes` in the middle. */
const withBytes = (bytes: number[]): Buffer => {
  const [before, after] = file(question('pack-bytes', STEMS[0]!.replace('validation', 'validation@@'))).split('@@');
  return Buffer.concat([Buffer.from(before!, 'utf8'), Buffer.from(bytes), Buffer.from(after!, 'utf8')]);
};

/** Multi-line text of exactly `n` characters (lines of 99 and a shorter last one). */
const textOf = (n: number): string => {
  const lines: string[] = [];
  let left = n;
  while (left > 0) {
    const len = Math.min(99, left);
    lines.push('w'.repeat(len));
    left -= len + 1; // the newline joining it to the next line
  }
  return lines.join('\n');
};

const valid = (id: string, stem = STEMS[1]!) => file(question(id, stem));

// Options with longer explanations, so 9,000 questions make the tester's 5 MB.
const WORDY_OPTIONS = OPTIONS.replace(/> (Why \w+ is \w+)\./g, '> $1: the call, and what the run keeps.');

/** One file of `count` valid questions, each with its own stem. */
const manyQuestions = (prefix: string, from: number, count: number) =>
  file(...Array.from({ length: count }, (_, i) => question(`${prefix}-${from + i}`, uniqueStem(from + i), WORDY_OPTIONS)));

/** Line of the heading of question `i` (0-based) in manyQuestions: a question and its blank line are 20. */
const headingLine = (i: number) => 3 + 20 * i;

async function makeSocket(path: string): Promise<void> {
  const server = createServer();
  await new Promise<void>((ok, fail) => server.listen(path, ok).on('error', fail));
  // Closing the server would remove the socket file: keep it bound until the process ends.
  server.unref();
}

export const GENERATED: GeneratedCase[] = [
  // Wrongly rejected before: encodings editors write.
  { name: 'bom-utf8', make: (d) => write(d, 'a.md', '\uFEFF' + valid('pack-bom')), expect: [], accepted: 1 },
  { name: 'crlf-line-ends', make: (d) => write(d, 'a.md', valid('pack-crlf').replace(/\n/g, '\r\n')), expect: [], accepted: 1 },
  { name: 'bom-and-crlf-upper-md', make: (d) => write(d, 'A.MD', '\uFEFF' + valid('pack-bom-crlf').replace(/\n/g, '\r\n')), expect: [], accepted: 1 },

  // Slipped through before: bytes that are no text.
  { name: 'invalid-utf8-ff', make: (d) => write(d, 'a.md', withBytes([0xff])), expect: [`a.md:${STEM_LINE}: not valid UTF-8 (byte 0xff): save the file as UTF-8`], accepted: 0 },
  { name: 'invalid-utf8-overlong', make: (d) => write(d, 'a.md', withBytes([0xc0, 0xaf])), expect: [`a.md:${STEM_LINE}: not valid UTF-8 (byte 0xc0): save the file as UTF-8`], accepted: 0 },
  { name: 'invalid-utf8-surrogate', make: (d) => write(d, 'a.md', withBytes([0xed, 0xa0, 0x80])), expect: [`a.md:${STEM_LINE}: not valid UTF-8 (byte 0xed): save the file as UTF-8`], accepted: 0 },
  { name: 'invalid-utf8-latin1', make: (d) => write(d, 'a.md', Buffer.from(valid('pack-latin1', 'Zoë logs the loss of her café model on every epoch and wants the step kept with it.'), 'latin1')), expect: [`a.md:${STEM_LINE}: not valid UTF-8 (byte 0xeb): save the file as UTF-8`], accepted: 0 },
  { name: 'invalid-utf8-truncated-at-end', make: (d) => write(d, 'a.md', Buffer.concat([Buffer.from(valid('pack-truncated')), Buffer.from([0xe2, 0x82])])), expect: [`a.md:${STEM_LINE + 10}: not valid UTF-8 (byte 0xe2): save the file as UTF-8`], accepted: 0 },
  { name: 'nul-in-stem', make: (d) => write(d, 'a.md', withBytes([0x00])), expect: [`a.md:${STEM_LINE}: control character U+0000 in the text (is this a binary or corrupt file?)`], accepted: 0 },
  { name: 'bell-in-stem', make: (d) => write(d, 'a.md', withBytes([0x07])), expect: [`a.md:${STEM_LINE}: control character U+0007 in the text (is this a binary or corrupt file?)`], accepted: 0 },

  // Crashed before (stack overflow in marked): nesting far past the limits, on the stem's lines.
  { name: 'blockquotes-5000', make: (d) => write(d, 'a.md', valid('pack-quotes', STEMS[0] + '\n\n' + '>'.repeat(5000) + ' deep')), expect: [`a.md:${STEM_LINE + 2}: blockquotes and lists nest 5000 deep here; at most 16`], accepted: 0 },
  { name: 'blockquotes-spaced-5000', make: (d) => write(d, 'a.md', valid('pack-quotes-spaced', STEMS[0] + '\n\n' + '> '.repeat(5000) + 'deep')), expect: [`a.md:${STEM_LINE + 2}: blockquotes and lists nest 5000 deep here; at most 16`], accepted: 0 },
  { name: 'emphasis-run-5000', make: (d) => write(d, 'a.md', valid('pack-em-run', STEMS[0] + ' ' + '*'.repeat(5000) + 'deep' + '*'.repeat(5000))), expect: [`a.md:${STEM_LINE}: emphasis markers (* _ ~) nest 5000 deep here; at most 32`], accepted: 0 },
  { name: 'emphasis-nested-lines-5000', make: (d) => write(d, 'a.md', valid('pack-em-lines', STEMS[0] + '\n' + '*a\n'.repeat(5000) + 'x' + '\nb*'.repeat(5000))), expect: [`a.md:${STEM_LINE + 33}: emphasis markers (* _ ~) nest 33 deep here; at most 32`], accepted: 0 },
  { name: 'strong-nested-3000', make: (d) => write(d, 'a.md', valid('pack-strong', STEMS[0] + '\n' + '**a '.repeat(3000) + 'x')), expect: [`a.md:${STEM_LINE + 1}: emphasis markers (* _ ~) nest 6000 deep here; at most 32`], accepted: 0 },
  { name: 'underscore-nested-5000', make: (d) => write(d, 'a.md', valid('pack-under', STEMS[0] + '\n' + '_a '.repeat(5000) + 'x')), expect: [`a.md:${STEM_LINE + 1}: emphasis markers (* _ ~) nest 5000 deep here; at most 32`], accepted: 0 },
  { name: 'list-markers-one-line-5000', make: (d) => write(d, 'a.md', valid('pack-markers', STEMS[0] + '\n\n' + '- '.repeat(5000) + 'x')), expect: [`a.md:${STEM_LINE + 2}: blockquotes and lists nest 5000 deep here; at most 16`], accepted: 0 },
  { name: 'quotes-and-lists-5000', make: (d) => write(d, 'a.md', valid('pack-quote-list', STEMS[0] + '\n\n' + '> - '.repeat(2500) + 'x')), expect: [`a.md:${STEM_LINE + 2}: blockquotes and lists nest 5000 deep here; at most 16`], accepted: 0 },

  // Hung before: nested lists (30 s for 1,000) and a 5 MB pack.
  { name: 'nested-lists-1000', make: (d) => write(d, 'a.md', valid('pack-lists', STEMS[0] + '\n\n' + Array.from({ length: 1000 }, (_, i) => '  '.repeat(i) + '- x').join('\n'))), expect: [`a.md:${STEM_LINE + 18}: blockquotes and lists nest 17 deep here; at most 16`], accepted: 0 },
  { name: 'nested-ordered-lists-500', make: (d) => write(d, 'a.md', valid('pack-ordered', STEMS[0] + '\n\n' + Array.from({ length: 500 }, (_, i) => ' '.repeat(3 * i) + '1. x').join('\n'))), expect: [`a.md:${STEM_LINE + 18}: blockquotes and lists nest 17 deep here; at most 16`], accepted: 0 },
  { name: 'nested-lists-lazy-lines-1000', make: (d) => write(d, 'a.md', valid('pack-lazy', STEMS[0] + '\n\n' + Array.from({ length: 1000 }, (_, i) => '  '.repeat(i) + '- x\nlazy').join('\n'))), expect: [`a.md:${STEM_LINE + 34}: blockquotes and lists nest 17 deep here; at most 16`], accepted: 0 },
  { name: 'nested-lists-tabs-1000', make: (d) => write(d, 'a.md', valid('pack-tabs', STEMS[0] + '\n\n' + Array.from({ length: 1000 }, (_, i) => '\t'.repeat(i) + '- x').join('\n'))), expect: [`a.md:${STEM_LINE + 18}: blockquotes and lists nest 17 deep here; at most 16`], accepted: 0 },
  { name: 'single-line-1mb', make: (d) => write(d, 'a.md', valid('pack-one-line', 'a'.repeat(1_000_000))), expect: [`a.md:${STEM_LINE}: line is 1000000 characters long; at most 20000 (break it into several lines)`], accepted: 0 },
  { name: 'file-5mb-9000-questions', make: (d) => write(d, 'a.md', manyQuestions('pack-big', 0, 9000)), expect: ['a.md:1: the file is 5.0 MB; a question file holds at most 1 MB (split it into several files)'], accepted: 0 },
  {
    name: 'pack-5mb-9000-questions-in-9-files',
    make: (d) => {
      for (let f = 0; f < 9; f++) write(d, `part-${f}.md`, manyQuestions('pack-part', f * 1000, 1000));
    },
    expect: Array.from({ length: 8 }, (_, f) => `part-${f + 1}.md:${headingLine(0)}: more than 1000 questions in the question packs: this file is left out (packs add at most 1000)`),
    accepted: 1000,
  },
  {
    name: 'pack-1001-files',
    make: (d) => {
      for (let f = 0; f <= 1000; f++) write(d, `q${String(f).padStart(4, '0')}.md`, manyQuestions('pack-file', f, 1));
    },
    expect: ['q1000.md:1: more than 1000 Markdown files in the question packs: this file and the rest are left out'],
    accepted: 1000,
  },
  { name: 'file-2mb-next-to-valid', make: (d) => { write(d, 'big.md', 'x'.repeat(2 * 1024 * 1024)); write(d, 'ok.md', valid('pack-next-to-big')); }, expect: ['big.md:1: the file is 2 MB; a question file holds at most 1 MB (split it into several files)'], accepted: 1 },
  { name: 'folders-17-deep', make: (d) => { write(d, Array.from({ length: 17 }, (_, i) => `d${i + 1}`).join('/') + '/q.md', valid('pack-deep-folder')); write(d, 'ok.md', valid('pack-shallow', STEMS[0])); }, expect: [`${Array.from({ length: 17 }, (_, i) => `d${i + 1}`).join('/')}:1: folders nest more than 16 deep here: not read`], accepted: 1 },

  // Within every other limit, but slow for marked: a list item or blockquote so long its parse
  // time is quadratic, and files whose parse would take seconds.
  { name: 'list-item-over-24000-chars', make: (d) => write(d, 'a.md', file(question('pack-long-item', STEMS[0], OPTIONS.replace('  > Why alpha is wrong.', '  > Why alpha is wrong.\n' + 'lazy line\n'.repeat(2500).trimEnd())))), expect: [`a.md:${STEM_LINE + 2}: the list item starting here runs past 24000 characters (an option and its explanation hold at most 20000 each)`], accepted: 0 },
  { name: 'blockquote-over-24000-chars', make: (d) => write(d, 'a.md', valid('pack-long-quote', STEMS[0] + '\n\n' + '> x\nlazy\n'.repeat(3000))), expect: [`a.md:${STEM_LINE + 2}: the blockquote starting here runs past 24000 characters (an explanation or a note holds at most 20000)`], accepted: 0 },
  { name: 'nested-quotes-with-lazy-lines-250kb', make: (d) => write(d, 'a.md', valid('pack-costly', STEMS[0] + '\n\n' + ('>'.repeat(16) + ' x\nlazy\n\n').repeat(9000))), expect: ['a.md:1: the file would take too long to parse (cost 3.0 M, at most 2.0 M: length times nesting, long list items and quotes cost most); split it or flatten it'], accepted: 0 },
  {
    name: 'pack-over-its-parse-budget',
    make: (d) => {
      // Long quotes cost many units (their length squared) but parse fast: the case stays quick.
      const quotes = ('> - x\n>   y\n'.repeat(1800) + '\n').repeat(10);
      for (let f = 0; f < 4; f++) write(d, `p${f}.md`, valid(`pack-budget-${f}`, STEMS[0] + '\n\n' + quotes + 'Which one?'));
    },
    expect: [
      ...[0, 1, 2].map((f) => `p${f}.md:${STEM_LINE}: pack-budget-${f}: the stem is 216145 characters long; at most 20000 (the quiz panel shows no longer)`),
      'p3.md:1: the question packs would take too long to parse (cost over 6.0 M): this file is left out (split the packs)',
    ],
    accepted: 0,
  },

  // Slipped through before: text longer than the quiz panel's protocol carries.
  { name: 'stem-20001-chars', make: (d) => write(d, 'a.md', valid('pack-long-stem', textOf(20_001))), expect: [`a.md:${STEM_LINE}: pack-long-stem: the stem is 20001 characters long; at most 20000 (the quiz panel shows no longer)`], accepted: 0 },
  { name: 'stem-20000-chars', make: (d) => write(d, 'a.md', valid('pack-stem-at-limit', textOf(20_000))), expect: [], accepted: 1 },
  { name: 'explanation-20001-chars', make: (d) => write(d, 'a.md', file(question('pack-long-why', STEMS[0], OPTIONS.replace('  > Why alpha is wrong.', textOf(20_001).split('\n').map((l) => `  > ${l}`).join('\n'))))), expect: [`a.md:${STEM_LINE + 2}: pack-long-why: the explanation of option A is 20001 characters long; at most 20000 (the quiz panel shows no longer)`], accepted: 0 },
  { name: 'option-20001-chars', make: (d) => write(d, 'a.md', file(question('pack-long-option', STEMS[0], OPTIONS.replace('Option alpha text', textOf(20_001).split('\n').join('\n  '))))), expect: [`a.md:${STEM_LINE + 2}: pack-long-option: option A is 20001 characters long; at most 20000 (the quiz panel shows no longer)`], accepted: 0 },
  { name: 'versions-note-20001-chars', make: (d) => write(d, 'a.md', file(question('pack-long-note', STEMS[0], OPTIONS, '\n> **Versions:** ' + textOf(20_001).split('\n').join('\n> ') + '\n'))), expect: [`a.md:${STEM_LINE + 11}: pack-long-note: the Versions note is 20001 characters long; at most 20000 (the quiz panel shows no longer)`], accepted: 0 },

  // Crashed or hung before: file-system traps.
  { name: 'symlink-self-loop', posix: true, make: (d) => { symlinkSync('loop.md', join(d, 'loop.md')); write(d, 'ok.md', valid('pack-self-loop')); }, expect: ['loop.md:1: symbolic link loop'], accepted: 1 },
  { name: 'symlink-pair-loop', posix: true, make: (d) => { symlinkSync('b.md', join(d, 'a.md')); symlinkSync('a.md', join(d, 'b.md')); write(d, 'ok.md', valid('pack-pair-loop')); }, expect: ['a.md:1: symbolic link loop', 'b.md:1: symbolic link loop'], accepted: 1 },
  { name: 'symlink-folder-loop', posix: true, make: (d) => { write(d, 'sub/ok.md', valid('pack-folder-loop')); symlinkSync('..', join(d, 'sub', 'up')); }, expect: ['sub/up:1: warning: symbolic link to a folder that holds it (a loop): not followed'], accepted: 1 },
  {
    name: 'symlink-two-links-each-level',
    posix: true,
    make: (d) => {
      // Followed blindly, two links per level to the level above make the walk exponential.
      let dir = d;
      for (let i = 0; i < 6; i++) {
        dir = join(dir, `l${i}`);
        mkdirSync(dir);
        symlinkSync('..', join(dir, 'x'));
        symlinkSync('..', join(dir, 'y'));
      }
      write(d, 'ok.md', valid('pack-two-links'));
    },
    expect: Array.from({ length: 6 }, (_, i) => Array.from({ length: i + 1 }, (_, k) => `l${k}`).join('/')).flatMap((p) => [`${p}/x:1: warning: symbolic link to a folder that holds it (a loop): not followed`, `${p}/y:1: warning: symbolic link to a folder that holds it (a loop): not followed`]).sort(),
    accepted: 1,
  },
  { name: 'symlink-dangling-file', posix: true, make: (d) => { symlinkSync('missing.md', join(d, 'gone.md')); write(d, 'ok.md', valid('pack-dangling')); }, expect: ['gone.md:1: broken symbolic link (its target does not exist)'], accepted: 1 },
  { name: 'symlink-dangling-folder', posix: true, make: (d) => { symlinkSync('missing', join(d, 'gone')); write(d, 'ok.md', valid('pack-dangling-dir')); }, expect: ['gone:1: broken symbolic link (its target does not exist)'], accepted: 1 },
  {
    name: 'symlink-outside-the-pack',
    posix: true,
    make: (d) => {
      const outside = mkdtempSync(join(tmpdir(), 'mlap-outside-'));
      write(outside, 'secret.md', valid('pack-outside-file', STEMS[0]));
      symlinkSync(join(outside, 'secret.md'), join(d, 'ext.md'));
      symlinkSync(outside, join(d, 'extdir'));
      write(d, 'ok.md', valid('pack-outside'));
    },
    expect: ['ext.md:1: warning: symbolic link to a place outside the pack folder: not followed', 'extdir:1: warning: symbolic link to a place outside the pack folder: not followed'],
    accepted: 1,
  },
  { name: 'symlink-inside-read-once', posix: true, make: (d) => { write(d, 'real.md', valid('pack-link-inside')); symlinkSync('real.md', join(d, 'alias.md')); write(d, 'sub/q.md', valid('pack-link-sub', STEMS[0])); symlinkSync('sub', join(d, 'mirror')); }, expect: [], accepted: 2 },
  { name: 'fifo-named-md', posix: true, make: (d) => { execFileSync('mkfifo', [join(d, 'x.md')]); write(d, 'ok.md', valid('pack-fifo')); }, expect: ['x.md:1: a named pipe, not a file'], accepted: 1 },
  { name: 'socket-named-md', posix: true, make: async (d) => { await makeSocket(join(d, 's.md')); write(d, 'ok.md', valid('pack-socket')); }, expect: ['s.md:1: a socket, not a file'], accepted: 1 },
];
