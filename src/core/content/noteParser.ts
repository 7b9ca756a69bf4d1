import type { Tokens } from 'marked';
import type { DiagnosticSink } from '../diagnostics';
import { lexBlocks, parseFieldList, splitList, type Block } from './markdownBlocks';
import type { Note } from './schema';

const FIELDS = new Set(['docs', 'show', 'changes']);
const SECTIONS = { 'Exam:': 'exam', 'Trap:': 'trap', 'Versions:': 'versions' } as const;
type Section = (typeof SECTIONS)[keyof typeof SECTIONS];

/**
 * Parses one notes file: `# Topic`, then per API symbol a `## qualified.name` heading, a field list
 * (`- docs:` required; `- show:` parameter names for long signatures; `- changes:`), and paragraphs
 * that start with **Exam:**, **Trap:** or **Versions:**. The signature is never written here: the
 * build takes it from the API facts.
 */
export function parseNoteFile(text: string, sink: DiagnosticSink): Note[] {
  const blocks = lexBlocks(text);
  const notes: Note[] = [];
  let topic = '';
  let i = 0;
  if (blocks[0]?.token.type === 'heading' && (blocks[0].token as Tokens.Heading).depth === 1) {
    topic = (blocks[0].token as Tokens.Heading).text.trim();
    i = 1;
  } else sink.error(blocks[0]?.line ?? 1, 'a notes file starts with a "# Topic" heading');
  let started = false;
  while (i < blocks.length) {
    const head = blocks[i]!;
    if (head.token.type !== 'heading') {
      // The introduction, or what follows a heading reported below.
      i++;
      continue;
    }
    if ((head.token as Tokens.Heading).depth !== 2) {
      // The introduction (before the first note) may have any heading.
      if (started) sink.error(head.line, 'notes use "## symbol" headings only');
      i++;
      continue;
    }
    started = true;
    let j = i + 1;
    while (j < blocks.length && blocks[j]!.token.type !== 'heading') j++;
    const n = parseNote(head, blocks.slice(i + 1, j), topic, sink);
    if (n) notes.push(n);
    i = j;
  }
  return notes;
}

function parseNote(head: Block, body: Block[], topic: string, sink: DiagnosticSink): Note | undefined {
  const symbol = (head.token as Tokens.Heading).text.trim().replace(/^`|`$/g, '');
  let ok = true;
  const fail = (line: number, msg: string) => {
    sink.error(line, `${symbol}: ${msg}`);
    ok = false;
  };
  if (!/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)+$/.test(symbol)) fail(head.line, 'the heading must be a fully qualified name such as mlflow.log_param');
  const fb = body[0];
  const fields = fb?.token.type === 'list' ? parseFieldList(fb.token as Tokens.List, fb.line) : undefined;
  if (!fields) {
    fail(fb?.line ?? head.line, 'expected a field list (- docs: https://…) right after the heading');
    return undefined;
  }
  const f = new Map<string, string>();
  for (const e of fields) {
    if (!FIELDS.has(e.key)) fail(e.line, `unknown field "${e.key}" (fields: ${[...FIELDS].join(', ')})`);
    f.set(e.key, e.value);
  }
  const docs = (f.get('docs') ?? '').replace(/^<|>$/g, '');
  if (!docs) fail(fb!.line, 'missing field "docs"');
  else if (!/^https:\/\/\S+$/.test(docs)) fail(fb!.line, `docs must be one https URL, got "${docs}"`);

  const sections: Partial<Record<Section, string>> = {};
  for (const b of body.slice(1)) {
    const raw = b.token.raw.trim();
    const m = /^\*\*(Exam:|Trap:|Versions:)\*\*\s*([\s\S]*)$/.exec(raw);
    if (!m || b.token.type !== 'paragraph') {
      // A code block or list may continue the section before it.
      const last = Object.keys(sections).pop() as Section | undefined;
      if (last && (b.token.type === 'code' || b.token.type === 'list')) sections[last] += '\n\n' + raw;
      else fail(b.line, 'each paragraph starts with **Exam:**, **Trap:** or **Versions:**');
      continue;
    }
    const key = SECTIONS[m[1] as keyof typeof SECTIONS];
    if (sections[key]) fail(b.line, `**${m[1]}** given twice`);
    sections[key] = m[2]!.trim();
  }
  if (!sections.exam) fail(head.line, 'missing the **Exam:** paragraph (what the exam tests about it)');
  if (!ok || !sections.exam) return undefined;
  const show = f.has('show') ? splitList(f.get('show')!) : undefined;
  return {
    symbol,
    docs,
    ...(show ? { show } : {}),
    changes: splitList(f.get('changes') ?? ''),
    exam: sections.exam,
    ...(sections.trap ? { trap: sections.trap } : {}),
    ...(sections.versions ? { versions: sections.versions } : {}),
    topic,
    source: { file: sink.file, line: head.line },
  };
}
