import type { Tokens } from 'marked';
import type { DiagnosticSink } from '../diagnostics';
import { lexBlocks, parseFieldList, splitList } from './markdownBlocks';
import { TRAP_SEVERITIES, type RulePage } from './schema';

/** A parsed rule page before the build checks its references and adds the API parameters. */
export type ParsedRulePage = Omit<RulePage, 'params'> & {
  /** The Wrong and Right examples' code, with their lines, for the build's checks. */
  examples: { kind: 'wrong' | 'right'; code: string; line: number }[];
};

const FIELDS = ['rule', 'objective', 'questions', 'apis', 'severity', 'deprecated', 'docs'] as const;
export const RULE_SECTIONS = ['What it finds', 'Why the exam asks', 'In production', 'Wrong', 'Right', 'Versions'] as const;

/**
 * Parses one rule page: `# MLAPxxx: Title`, a field list, the diagnostic's message as one paragraph,
 * then the sections of RULE_SECTIONS in that order (Wrong and Right each hold a python code block).
 */
export function parseRulePage(text: string, sink: DiagnosticSink): ParsedRulePage | undefined {
  const blocks = lexBlocks(text);
  let ok = true;
  const fail = (line: number, msg: string) => {
    sink.error(line, msg);
    ok = false;
  };
  const head = blocks[0];
  const m = head?.token.type === 'heading' && (head.token as Tokens.Heading).depth === 1 ? /^(MLAP\d{3}):\s*(.+)$/.exec((head.token as Tokens.Heading).text.trim()) : null;
  if (!head || !m) {
    fail(head?.line ?? 1, 'a rule page starts with "# MLAPxxx: Title"');
    return undefined;
  }
  const [, id, title] = m as unknown as [string, string, string];
  if (title.length > 90) fail(head.line, `${id}: the title has ${title.length} characters (90 at most)`);
  const fb = blocks[1];
  const fields = fb?.token.type === 'list' ? parseFieldList(fb.token as Tokens.List, fb.line) : undefined;
  if (!fields) {
    fail(fb?.line ?? head.line, `${id}: expected the field list (- rule: …) right after the heading`);
    return undefined;
  }
  const f = new Map<string, string>();
  for (const e of fields) {
    if (!(FIELDS as readonly string[]).includes(e.key)) fail(e.line, `${id}: unknown field "${e.key}" (fields: ${FIELDS.join(', ')})`);
    else if (f.has(e.key)) fail(e.line, `${id}: field "${e.key}" given twice`);
    f.set(e.key, e.value);
  }
  for (const k of FIELDS) if (!f.get(k)) fail(fb!.line, `${id}: missing field "${k}"`);
  const severity = f.get('severity') ?? '';
  if (severity && !(TRAP_SEVERITIES as readonly string[]).includes(severity)) fail(fb!.line, `${id}: severity must be one of ${TRAP_SEVERITIES.join(', ')}`);
  const deprecated = f.get('deprecated') ?? '';
  if (deprecated && deprecated !== 'yes' && deprecated !== 'no') fail(fb!.line, `${id}: deprecated must be yes or no`);
  const slug = f.get('rule') ?? '';
  if (slug && !/^[a-z0-9-]+$/.test(slug)) fail(fb!.line, `${id}: rule must be a lowercase slug`);

  const msgBlock = blocks[2];
  const message = msgBlock?.token.type === 'paragraph' ? (msgBlock.token as Tokens.Paragraph).text.replace(/\s+/g, ' ').trim() : '';
  if (!message) fail(msgBlock?.line ?? fb!.line, `${id}: the diagnostic's message (one paragraph) follows the field list`);
  else if (message.length > 160) fail(msgBlock!.line, `${id}: the message has ${message.length} characters (160 at most: it is a squiggle's tooltip)`);

  // Sections, in order, each an H2 from RULE_SECTIONS.
  const seen: string[] = [];
  const examples: ParsedRulePage['examples'] = [];
  let bodyStart = -1;
  for (let i = 3; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.token.type === 'heading') {
      const h = b.token as Tokens.Heading;
      if (h.depth !== 2 || !(RULE_SECTIONS as readonly string[]).includes(h.text.trim())) {
        fail(b.line, `${id}: unexpected heading "${h.text.trim()}" (sections: ${RULE_SECTIONS.join(', ')})`);
        continue;
      }
      if (bodyStart < 0) bodyStart = i;
      seen.push(h.text.trim());
      continue;
    }
    const section = seen[seen.length - 1];
    if (!section) fail(b.line, `${id}: text before the first section`);
    else if ((section === 'Wrong' || section === 'Right') && b.token.type === 'code') {
      const code = b.token as Tokens.Code;
      if ((code.lang ?? '').trim() !== 'python') fail(b.line, `${id}: the ${section} example is a python code block`);
      examples.push({ kind: section === 'Wrong' ? 'wrong' : 'right', code: code.text, line: b.line + 1 });
    }
  }
  const order = RULE_SECTIONS.filter((s) => seen.includes(s));
  if (order.length !== RULE_SECTIONS.length || seen.join('|') !== order.join('|')) fail(head.line, `${id}: sections must be, in order: ${RULE_SECTIONS.join(', ')}`);
  for (const kind of ['wrong', 'right'] as const) if (examples.filter((e) => e.kind === kind).length !== 1) fail(head.line, `${id}: the ${kind === 'wrong' ? 'Wrong' : 'Right'} section holds exactly one python code block`);
  if (!ok) return undefined;
  const body = blocks.slice(bodyStart).map((b) => b.token.raw.trimEnd()).join('\n\n');
  return {
    id,
    slug,
    title,
    message,
    objective: f.get('objective')!,
    questions: splitList(f.get('questions')!),
    apis: splitList(f.get('apis')!),
    severity: severity as RulePage['severity'],
    deprecated: deprecated === 'yes',
    docs: splitList(f.get('docs')!).map((d) => d.replace(/^<|>$/g, '')),
    body,
    examples,
    source: { file: sink.file, line: head.line },
  };
}
