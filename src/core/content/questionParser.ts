import type { Tokens } from 'marked';
import type { DiagnosticSink } from '../diagnostics';
import { dedent, lexBlocks, listItemLines, parseFieldList, splitList, type Block } from './markdownBlocks';
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
  while (i < blocks.length && !(blocks[i]!.token.type === 'heading' && (blocks[i]!.token as Tokens.Heading).depth === 2)) i++;
  while (i < blocks.length) {
    const head = blocks[i]!;
    let j = i + 1;
    while (j < blocks.length && !(blocks[j]!.token.type === 'heading' && (blocks[j]!.token as Tokens.Heading).depth <= 2)) j++;
    const q = parseQuestion(head, blocks.slice(i + 1, j), topic, sink);
    if (q) questions.push(q);
    if (blocks[j]?.token.type === 'heading' && (blocks[j]!.token as Tokens.Heading).depth === 1) {
      sink.error(blocks[j]!.line, 'only one "# Topic" heading per file');
      j++;
    }
    i = j;
  }
  if (!questions.length && !sink.items.length) sink.error(1, 'no questions in this file (each starts with "## question-id")');
  return questions;
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

  const fieldsBlock = body[0];
  const fields = fieldsBlock?.token.type === 'list' ? parseFieldList(fieldsBlock.token as Tokens.List, fieldsBlock.line) : undefined;
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
  for (const k of REQUIRED) if (!f.has(k)) fail(fieldsBlock!.line, `missing field "${k}"`);

  const difficulty = f.get('difficulty')?.value as Difficulty | undefined;
  if (difficulty && !DIFFICULTIES.includes(difficulty)) fail(f.get('difficulty')!.line, `difficulty must be one of ${DIFFICULTIES.join(', ')}`);
  const type = f.get('type')?.value;
  if (type && type !== 'single' && type !== 'multiple') fail(f.get('type')!.line, 'type must be "single" or "multiple"');
  const shuffleField = f.get('shuffle');
  if (shuffleField && shuffleField.value !== 'true' && shuffleField.value !== 'false') fail(shuffleField.line, 'shuffle must be "true" or "false"');
  const docs = splitList(f.get('docs')?.value ?? '').map((d) => d.replace(/^<|>$/g, ''));
  for (const d of docs) if (!/^https:\/\/\S+$/.test(d)) fail(f.get('docs')!.line, `docs must be https URLs, got "${d}"`);

  const optIndex = body.findIndex((b) => b.token.type === 'list' && (b.token as Tokens.List).items.some((it) => it.task));
  if (optIndex < 0) {
    fail(line, 'no options: write them as a task list ("- [ ]" wrong, "- [x]" right)');
    return undefined;
  }
  const stemBlocks = body.slice(1, optIndex);
  if (!stemBlocks.length) fail(line, 'missing stem between the fields and the options');
  const stem = stemBlocks.map((b) => b.token.raw.replace(/\n+$/, '')).join('\n\n');

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
    if (m && !versionNote) versionNote = m[1]!.trim();
    else fail(b.line, 'unexpected content after the options (only a "> **Versions:** …" note may follow)');
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
