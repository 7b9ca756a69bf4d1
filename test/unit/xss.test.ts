import { strict as assert } from 'node:assert';
import { ToWebviewSchema, type FromWebview, type View } from '../../src/protocol';
import { DOCS_PAYLOADS, PAYLOADS, type Payload, type PayloadKind } from '../fixtures/xss/payloads';
import { installDom, removeDom } from './helpers/dom';

// Every payload of the XSS corpus goes through the webview's real path for a question (the render
// message's schema, then buildSafely -> practiceScreen -> questionCard -> markdownElement ->
// renderMarkdown: marked, DOMPurify, highlight.js) in every user-text field a question has, and the
// DOM that comes out is searched for anything active. The webview modules are imported only once a
// DOM is installed: DOMPurify binds to the window it finds when it loads.

type Markdown = typeof import('../../src/webview/markdown');
type Practice = typeof import('../../src/webview/screens/practice');
type SafeRender = typeof import('../../src/webview/safeRender');

/** The fields of a question that are Markdown, and where each lands in the card. */
const FIELDS = [
  { name: 'stem', selector: '.md.stem' },
  { name: 'option', selector: '.choice-label > .md' },
  { name: 'explanation', selector: '.explanation > .md' },
  { name: 'version note', selector: '.version-note > .md' },
] as const;

/** Never in the card, whatever a pack says. */
const FORBIDDEN_TAGS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta', 'link', 'form', 'style', 'svg', 'math', 'img', 'image', 'video', 'audio', 'source', 'picture', 'template', 'noscript', 'portal', 'param', 'foreignobject', 'use', 'animate', 'set']);
/** What the renderer itself may produce inside a Markdown field (its DOMPurify list, plus highlight.js spans). */
const MARKDOWN_TAGS = new Set(['p', 'br', 'em', 'strong', 'code', 'pre', 'ul', 'ol', 'li', 'a', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'del', 'h3', 'h4', 'hr']);
/** Attributes that hold a URL somewhere in HTML or SVG: only https may be in them. */
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'srcset', 'ping', 'cite', 'codebase', 'lowsrc', 'dynsrc', 'longdesc', 'manifest', 'usemap', 'icon', 'data-external']);
/** Attributes a Markdown field may carry, and on which elements (the renderer sets tabindex and data-external). */
const MARKDOWN_ATTRS: Record<string, (el: Element) => boolean> = {
  href: (el) => el.localName === 'a',
  title: (el) => el.localName === 'a',
  align: (el) => el.localName === 'th' || el.localName === 'td',
  'data-external': (el) => el.localName === 'a',
  tabindex: (el) => el.localName === 'pre' && el.getAttribute('tabindex') === '0',
  // Classes only from highlighting: a pack's own class could dress text up as a verdict or a notice.
  class: (el) => !!el.closest('pre > code'),
};

/** Everything active in a rendered card, as messages naming the field and the offending node. */
function activeContent(card: Element): string[] {
  const problems: string[] = [];
  const where = (el: Element): string => FIELDS.find((f) => el.closest(f.selector))?.name ?? 'card';
  for (const el of [card, ...card.querySelectorAll('*')]) {
    const tag = el.localName.toLowerCase();
    const at = `${where(el)}: <${tag}>`;
    if (FORBIDDEN_TAGS.has(tag)) problems.push(`${at} is forbidden`);
    for (const name of el.getAttributeNames()) {
      const value = el.getAttribute(name) ?? '';
      const lower = name.toLowerCase();
      if (lower.startsWith('on')) problems.push(`${at} has handler ${name}`);
      if (lower === 'style' || lower === 'srcdoc') problems.push(`${at} has ${name}`);
      if (URL_ATTRS.has(lower) && value.trim() !== '' && !/^https:\/\//i.test(value)) problems.push(`${at} ${name}="${value.slice(0, 80)}" is not https`);
    }
    const field = FIELDS.find((f) => el.parentElement?.closest(f.selector));
    if (!field) continue; // the card's own markup, built by h(): checked above only
    if (!MARKDOWN_TAGS.has(tag)) problems.push(`${at} is not something Markdown renders to`);
    for (const name of el.getAttributeNames()) {
      if (!MARKDOWN_ATTRS[name]?.(el)) problems.push(`${at} carries ${name}="${(el.getAttribute(name) ?? '').slice(0, 80)}"`);
    }
  }
  return problems;
}

/** A submitted question with the payload in every Markdown field: stem, option, explanation, version note (and `docs` as the docs links). */
function hostileView(md: string, docs = ['https://mlflow.org/docs/latest/']): View {
  const msg = ToWebviewSchema.parse({
    type: 'render',
    view: {
      screen: 'question', sessionTitle: 'XSS', kind: 'practice', index: 0, total: 1, feedbackMode: 'immediate', selected: ['A'], submitted: true, flagged: false,
      question: { id: 'xss', stem: md, choices: [{ id: 'A', text: md }], type: 'single', select: 1, hasCode: false },
      feedback: { correct: true, keys: ['A'], explanations: { A: md }, versionNote: md, docs },
    },
  });
  if (msg.type !== 'render') throw new Error('not a render');
  return msg.view;
}

const KINDS = [...new Set(PAYLOADS.map((p) => p.kind))];
/** One test per kind; the element grid, over a thousand payloads, one per namespace. */
const groupOf = (p: Payload): string => (p.kind === 'element-handler' ? `${p.kind} (${p.id.split(':')[0]})` : p.kind);
const GROUPS = [...new Set(PAYLOADS.map(groupOf))];
/** A render may be slow in jsdom, but never near a freeze. */
const MAX_MS_PER_SCREEN = 2000;

describe('XSS corpus through the webview Markdown path', () => {
  let markdown: Markdown;
  let practice: Practice;
  let safe: SafeRender;
  let renders = 0;
  const fellBack: string[] = [];
  let slowest = { ms: 0, id: '' };
  const failures: string[] = [];

  before(async () => {
    installDom();
    markdown = await import('../../src/webview/markdown');
    practice = await import('../../src/webview/screens/practice');
    safe = await import('../../src/webview/safeRender');
  });
  after(() => {
    removeDom();
    console.log(`      xss: ${PAYLOADS.length} payloads (${KINDS.length} kinds) × ${FIELDS.length} fields = ${renders} Markdown renders in ${renders / FIELDS.length} screens; ${failures.length} got through; ${fellBack.length} fell back to plain text (${fellBack.join(', ')}); slowest screen ${slowest.ms.toFixed(1)} ms (${slowest.id})`);
  });

  it('has a corpus of every attack class', () => {
    assert.ok(PAYLOADS.length >= 150, `${PAYLOADS.length} payloads`);
    const expected: PayloadKind[] = ['element-handler', 'url-scheme', 'mxss', 'css', 'meta', 'frame', 'form', 'base', 'markdown-link', 'reference-link', 'autolink', 'entity-unicode', 'fence', 'clobber-spoof', 'pathological'];
    assert.deepEqual([...KINDS].sort(), [...expected].sort());
    assert.equal(new Set(PAYLOADS.map((p) => p.id)).size, PAYLOADS.length, 'payload ids are unique');
  });

  it('the checker sees active content when it is there', () => {
    // Markup built directly, not through the renderer: each line must be caught.
    const bad = ['<img src=x onerror="1">', '<a href="javascript:1">x</a>', '<p style="color:red">x</p>', '<svg><a xlink:href="data:,1">x</a></svg>', '<iframe srcdoc="x"></iframe>', '<form action="https://x"></form>', '<span class="result right">Right</span>', '<span data-choice="A">x</span>'];
    for (const html of bad) {
      const root = document.createElement('div');
      const stem = document.createElement('div');
      stem.className = 'md stem';
      stem.innerHTML = html;
      root.append(stem);
      assert.notDeepEqual(activeContent(root), [], html);
    }
  });

  it('still renders the Markdown a question needs', () => {
    const el = markdown.markdownElement('Use [the docs](https://mlflow.org/docs/latest/) and **bold**, `code`.\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n```python\nimport mlflow\nmlflow.log_metric("a", 1)\n```');
    assert.equal(el.querySelector('a')?.getAttribute('href'), 'https://mlflow.org/docs/latest/');
    assert.equal(el.querySelector('a')?.getAttribute('data-external'), 'https://mlflow.org/docs/latest/');
    assert.ok(el.querySelector('strong') && el.querySelector('p > code'));
    assert.equal(el.querySelector('td')?.getAttribute('align'), 'left');
    assert.ok(el.querySelector('pre[tabindex="0"] > code.hljs.language-python span.hljs-string'), el.innerHTML);
    assert.deepEqual(activeContent(el), []);
    // Stripped markup keeps its text: the learner still reads what the author wrote.
    assert.equal(markdown.markdownElement('<b onmouseover="x">bold HTML</b>', true, 'span').textContent?.trim(), 'bold HTML');
  });

  it('draws hostile docs links as plain https links, and the rest of the screen with them', () => {
    // The pack checks refuse some of these (a port no URL parser takes); the panel must not depend on it.
    for (const url of DOCS_PAYLOADS) {
      const posted: FromWebview[] = [];
      const el = safe.buildSafely(hostileView('A stem.', [url, 'https://mlflow.org/docs/latest/']), (v) => (v.screen === 'question' ? practice.practiceScreen(v, (m) => posted.push(m)) : document.createElement('section')), (m) => posted.push(m));
      assert.deepEqual(posted, [], `${url}: drawn without a render error`);
      const links = [...el.querySelectorAll('.docs a')];
      assert.equal(links.length, 2, `${url}: both docs links`);
      assert.equal(links[0]!.getAttribute('href'), url);
      assert.ok(links[0]!.textContent, `${url}: a label`);
      assert.deepEqual(activeContent(el), [], url);
    }
  });

  for (const group of GROUPS) {
    it(`leaves nothing active: ${group}`, () => {
      const mine = PAYLOADS.filter((p) => groupOf(p) === group);
      for (const p of mine) {
        const view = hostileView(p.md);
        const posted: FromWebview[] = [];
        const t = performance.now();
        const el = safe.buildSafely(view, (v) => (v.screen === 'question' ? practice.practiceScreen(v, (m) => posted.push(m)) : document.createElement('section')), (m) => posted.push(m));
        const ms = performance.now() - t;
        renders += FIELDS.length;
        if (ms > slowest.ms) slowest = { ms, id: p.id };
        const error = posted.find((m) => m.type === 'renderError');
        if (error) {
          fellBack.push(p.id);
          // Falling back is the panel's answer to a renderer that throws; only inputs built to
          // exhaust a parser may need it.
          assert.equal(p.kind, 'pathological', `${p.id} threw: ${error.type === 'renderError' ? error.message : ''}`);
          assert.ok(el.querySelector('.banner.warning'), `${p.id}: the plain-text notice`);
        }
        for (const f of FIELDS) assert.equal(el.querySelectorAll(f.selector).length, 1, `${p.id}: one ${f.name}`);
        const problems = activeContent(el);
        if (problems.length) failures.push(`${p.id}: ${problems.join('; ')}`);
        assert.ok(ms < MAX_MS_PER_SCREEN, `${p.id}: ${ms.toFixed(0)} ms`);
      }
      const mineFailed = failures.filter((f) => mine.some((p) => f.startsWith(`${p.id}:`)));
      assert.deepEqual(mineFailed.slice(0, 20), [], `${mineFailed.length} of ${mine.length} payloads left active content`);
      assert.equal((window as unknown as { __pwned?: unknown }).__pwned, undefined, 'no payload ran');
    });
  }
});
