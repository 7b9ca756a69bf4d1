import type { Tokens } from 'marked';
import type { DiagnosticSink } from '../diagnostics';
import { dedent, lexBlocks, listItemLines, parseFieldList, splitList, type Block } from './markdownBlocks';
import { MAX_ID_CHARS, MAX_MARKDOWN_CHARS, MAX_URL_CHARS } from './limits';
import type { Choice, Difficulty, Question } from './schema';
import { DIFFICULTIES } from './schema';

const REQUIRED = ['objective', 'difficulty', 'type', 'symbols', 'docs'] as const;
const OPTIONAL = ['changes', 'shuffle'] as const;
const KNOWN = new Set<string>([...REQUIRED, ...OPTIONAL]);
const LETTERS = ['A', 'B', 'C', 'D', 'E'];
const NUMBER_WORDS: Record<string, number> = { two: 2, three: 3, four: 4, '2': 2, '3': 3, '4': 4 };

/** How many answers the stem asks for ("Select TWO", "Choose three"), or undefined. */
export function statedSelectCount(stem: string): number | undefined {
  const m = /\b(?:select|choose|pick)\s+(two|three|four|[234])\b/i.exec(stem);
  return m ? NUMBER_WORDS[m[1]!.toLowerCase()] : undefined;
}

/** True when Markdown holds a fenced code block. */
export const hasFence = (md: string): boolean => /^\s*(```|~~~)/m.test(md);

/**
 * Parses one question file. A file is `# Topic title` followed by questions, each starting with
 * `## question-id`, a `- key: value` field list, the stem, a task list of options (the checked
 * ones are correct) with each option's explanation quoted below it, and an optional
 * `> **Versions:** ...` note.
 */
export function parseQuestionFile(text: string, sink: DiagnosticSink): Question[] {
  const blocks = lexBlocks(text);
  const questions: Question[] = [];
  let topic = '';
  let i = 0;
  const first = blocks[0];
  if (first?.token.type === 'heading' && first.token.depth === 1) {
    topic = first.token.text.trim();
    i = 1;
  } else {
    sink.error(first?.line ?? 1, 'a question file starts with a "# Topic" heading');
  }
  // Anything before the first question heading is the file's introduction: allowed, not parsed.
  // Only "#" headings split the file: text underlined with "===" or "---" (a setext heading) is
  // content of the question it sits in, where parseQuestion reports it.
  while (i < blocks.length) {
    const head = blocks[i]!;
    if (atxHeading(head, 1)) {
      sink.error(head.line, 'only one "# Topic" heading per file (a question starts with "## question-id")');
      i++;
      continue;
    }
    if (!atxHeading(head, 2)) {
      // The introduction, or the body of a question written under a stray "# " heading.
      i++;
      continue;
    }
    let j = i + 1;
    while (j < blocks.length && !atxHeading(blocks[j]!, 1) && !atxHeading(blocks[j]!, 2)) j++;
    const q = parseQuestion(head, blocks.slice(i + 1, j), topic, sink);
    if (q) questions.push(q);
    i = j;
  }
  if (!questions.length && !sink.items.length) sink.error(1, 'no questions in this file (each starts with "## question-id")');
  return questions;
}

/** A "#"-style heading of the given depth (never a setext one, whose text may be any paragraph). */
function atxHeading(b: Block, depth: number): b is Block & { token: Tokens.Heading } {
  return b.token.type === 'heading' && (b.token as Tokens.Heading).depth === depth && /^ {0,3}#/.test(b.token.raw);
}

/** Text longer than the quiz panel's protocol carries, as a problem to report. */
function tooLong(what: string, text: string): string | undefined {
  return text.length > MAX_MARKDOWN_CHARS ? `${what} is ${text.length} characters long; at most ${MAX_MARKDOWN_CHARS} (the quiz panel shows no longer)` : undefined;
}

function parseQuestion(head: Block, body: Block[], topic: string, sink: DiagnosticSink): Question | undefined {
  const id = (head.token as Tokens.Heading).text.trim();
  const line = head.line;
  let ok = true;
  const fail = (at: number, msg: string) => {
    sink.error(at, `${id}: ${msg}`);
    ok = false;
  };
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) fail(line, 'question id must be lowercase words joined by "-"');
  if (id.length > MAX_ID_CHARS) fail(line, `question id is ${id.length} characters long; at most ${MAX_ID_CHARS}`);

  const fieldsBlock = body[0];
  const fields = fieldsBlock?.token.type === 'list' ? parseFieldList(fieldsBlock.token as Tokens.List, fieldsBlock.line) : undefined;
  if (!fields && fieldsBlock?.token.type === 'list') {
    // With no stem between them, Markdown reads the fields and the options as one list.
    const list = fieldsBlock.token as Tokens.List;
    const firstTask = list.items.findIndex((it) => it.task);
    if (firstTask > 0 && parseFieldList({ ...list, items: list.items.slice(0, firstTask) }, fieldsBlock.line)) {
      fail(line, 'missing stem between the fields and the options');
      return undefined;
    }
  }
  if (!fields) {
    fail(fieldsBlock?.line ?? line, `expected a field list (- objective: …, - difficulty: …, - type: …, - symbols: …, - docs: …) right after the heading`);
    return undefined;
  }
  const f = new Map<string, { value: string; line: number }>();
  for (const e of fields) {
    if (!KNOWN.has(e.key)) fail(e.line, `unknown field "${e.key}" (fields: ${[...KNOWN].join(', ')})`);
    else if (f.has(e.key)) fail(e.line, `field "${e.key}" given twice`);
    f.set(e.key, { value: e.value, line: e.line });
  }
  for (const k of REQUIRED) {
    const given = f.get(k);
    if (!given) fail(fieldsBlock!.line, `missing field "${k}"`);
    // An empty value would pass every check below and leave a question no schema accepts.
    else if (!given.value) fail(given.line, `field "${k}" is empty${k === 'symbols' ? ' (write "none" when the question names no API)' : ''}`);
  }

  const difficulty = f.get('difficulty')?.value as Difficulty | undefined;
  if (difficulty && !DIFFICULTIES.includes(difficulty)) fail(f.get('difficulty')!.line, `difficulty must be one of ${DIFFICULTIES.join(', ')}`);
  const type = f.get('type')?.value;
  if (type && type !== 'single' && type !== 'multiple') fail(f.get('type')!.line, 'type must be "single" or "multiple"');
  const shuffleField = f.get('shuffle');
  if (shuffleField && shuffleField.value !== 'true' && shuffleField.value !== 'false') fail(shuffleField.line, 'shuffle must be "true" or "false"');
  const docs = splitList(f.get('docs')?.value ?? '').map((d) => d.replace(/^<|>$/g, ''));
  for (const d of docs) if (!/^https:\/\/\S+$/.test(d)) fail(f.get('docs')!.line, `docs must be https URLs, got "${d}"`);
  for (const d of docs) if (d.length > MAX_URL_CHARS) fail(f.get('docs')!.line, `a docs URL is ${d.length} characters long; at most ${MAX_URL_CHARS}`);
  if (f.get('docs')?.value && !docs.length) fail(f.get('docs')!.line, 'docs must list at least one https URL');

  const optIndex = body.findIndex((b) => b.token.type === 'list' && (b.token as Tokens.List).items.some((it) => it.task));
  if (optIndex < 0) {
    fail(line, 'no options: write them as a task list ("- [ ]" wrong, "- [x]" right)');
    return undefined;
  }
  const stemBlocks = body.slice(1, optIndex);
  if (!stemBlocks.length) fail(line, 'missing stem between the fields and the options');
  const stem = stemBlocks.map((b) => b.token.raw.replace(/\n+$/, '')).join('\n\n');
  for (const b of stemBlocks) {
    if (b.token.type === 'heading' && !/^ {0,3}#/.test(b.token.raw)) {
      const underline = b.token.raw.trim().split('\n').pop()!.trim();
      fail(b.line, `"${underline.slice(0, 3)}" under a line of text makes that line a heading: put a blank line between them, or remove the underline`);
    }
  }
  const longStem = tooLong('the stem', stem);
  if (longStem) fail(stemBlocks[0]?.line ?? line, longStem);

  const optBlock = body[optIndex]!;
  const list = optBlock.token as Tokens.List;
  const itemLines = listItemLines(list, optBlock.line);
  const choices: Choice[] = [];
  list.items.forEach((item, k) => {
    const at = itemLines[k]!;
    const letter = LETTERS[k] ?? '?';
    if (!item.task) {
      fail(at, `option ${letter} is not a task item ("- [ ]" or "- [x]")`);
      return;
    }
    const quote = item.tokens.find((t) => t.type === 'blockquote') as Tokens.Blockquote | undefined;
    const textTokens = item.tokens.filter((t) => t.type !== 'checkbox' && t !== quote && item.tokens.indexOf(t) < (quote ? item.tokens.indexOf(quote) : Infinity));
    const optionText = dedent(textTokens.map((t) => t.raw).join('')).trim();
    const after = quote ? item.tokens.slice(item.tokens.indexOf(quote) + 1).filter((t) => t.type !== 'space') : [];
    if (!optionText) fail(at, `option ${letter} has no text`);
    if (!quote || !quote.text.trim()) fail(at, `option ${letter} has no explanation (quote it under the option: "  > why")`);
    if (after.length) fail(at, `option ${letter}: text after the explanation quote`);
    const longText = tooLong(`option ${letter}`, optionText);
    if (longText) fail(at, longText);
    const longWhy = tooLong(`the explanation of option ${letter}`, quote?.text.trim() ?? '');
    if (longWhy) fail(at, longWhy);
    choices.push({ id: letter, text: optionText || '?', correct: !!item.checked, explanation: quote?.text.trim() || '?' });
  });
  if (choices.length < 2) fail(optBlock.line, 'a question needs at least two options');
  if (choices.length > 5) fail(optBlock.line, 'a question has at most five options');

  const keys = choices.filter((c) => c.correct).length;
  if (keys === 0) fail(optBlock.line, 'no correct option (mark it "- [x]")');
  const stated = statedSelectCount(stem);
  if (type === 'single' && keys > 1) fail(optBlock.line, `single-answer question has ${keys} correct options`);
  if (type === 'single' && stated) fail(line, `single-answer question says "select ${stated}" in its stem`);
  if (type === 'multiple') {
    if (!stated) fail(line, 'multiple-select stem does not say how many to select ("Select TWO.")');
    else if (keys && stated !== keys) fail(optBlock.line, `stem says select ${stated} but ${keys} options are marked correct`);
    if (keys === 1) fail(optBlock.line, 'multiple-select question has only one correct option');
  }

  let versionNote: string | undefined;
  for (const b of body.slice(optIndex + 1)) {
    const m = b.token.type === 'blockquote' ? /^\s*\**Versions:\**\s*([\s\S]*)$/.exec((b.token as Tokens.Blockquote).text) : null;
    if (m && !versionNote) {
      versionNote = m[1]!.trim();
      const longNote = tooLong('the Versions note', versionNote);
      if (longNote) fail(b.line, longNote);
    } else fail(b.line, 'unexpected content after the options (only a "> **Versions:** …" note may follow)');
  }

  if (!ok || !difficulty || (type !== 'single' && type !== 'multiple')) return undefined;
  const hasCode = hasFence(stem) || choices.some((c) => hasFence(c.text)) || choices.every((c) => /^`[^`]*\([^`]*`$/.test(c.text));
  return {
    id,
    objective: f.get('objective')!.value,
    difficulty,
    type,
    symbols: splitList(f.get('symbols')!.value),
    docs,
    changes: splitList(f.get('changes')?.value ?? ''),
    topic,
    stem,
    hasCode,
    choices,
    ...(versionNote ? { versionNote } : {}),
    // Options are shown in a fresh order per attempt unless their order carries meaning.
    ...(shuffleField?.value === 'false' ? { shuffle: false } : {}),
    source: { file: sink.file, line },
  };
}
