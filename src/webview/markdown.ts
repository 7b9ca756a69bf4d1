import DOMPurify from 'dompurify';
import hljs from 'highlight.js/lib/core';
import python from 'highlight.js/lib/languages/python';
import sql from 'highlight.js/lib/languages/sql';
import { Marked } from 'marked';
import { registerMarkdown } from './markdownHost';

// Markdown from the bank is rendered with marked, sanitized with DOMPurify (content is ours, but a
// question pack may come from anyone, and a review screen must never run what it shows), and code
// is highlighted with highlight.js (Python and SQL only, to keep the bundle small).

hljs.registerLanguage('python', python);
hljs.registerLanguage('sql', sql);

const marked = new Marked({ gfm: true, breaks: false, async: false });

const PURIFY = {
  ALLOWED_TAGS: ['p', 'br', 'em', 'strong', 'code', 'pre', 'ul', 'ol', 'li', 'a', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'del', 'h3', 'h4', 'hr'],
  ALLOWED_ATTR: ['href', 'title', 'class', 'align'],
  ALLOWED_URI_REGEXP: /^https:\/\//i,
  // DOMPurify holds every allowed attribute outside its URI-safe list to ALLOWED_URI_REGEXP, so
  // without this a table column's align="left" would be dropped.
  ADD_URI_SAFE_ATTR: ['align'],
  // DOMPurify keeps data-* and aria-* even outside ALLOWED_ATTR. The panel finds its own controls by
  // data-choice, data-action and data-autofocus, and aria-hidden or aria-label would let a pack show
  // a screen reader something other than what is on screen: pack text carries none of them.
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
};

/** Renders Markdown into a fragment of safe, highlighted HTML. */
export function renderMarkdown(md: string): DocumentFragment {
  // Without a usable DOM, DOMPurify hands its input back unsanitized: refuse, and the panel shows
  // the question as plain text instead.
  if (!DOMPurify.isSupported) throw new Error('DOMPurify cannot run here, so Markdown is not rendered');
  const html = marked.parse(md) as string;
  const clean: DocumentFragment | null = DOMPurify.sanitize(html, { ...PURIFY, RETURN_DOM_FRAGMENT: true });
  // DOMPurify returns null when the parsed HTML has no body (a <frameset> replaces it): the source
  // is then shown as text rather than failing the whole screen.
  if (!clean) {
    const text = document.createDocumentFragment();
    text.append(md);
    return text;
  }
  // Classes come from the author's HTML except marked's language-x on a fenced block, which the
  // highlighter reads. Any other could dress text up as the panel's own UI (a verdict, a notice)
  // or hide it, so it goes.
  for (const el of clean.querySelectorAll('[class]')) {
    const lang = el.matches('pre > code') ? /(?:^|\s)language-(\w+)/.exec(el.className)?.[1] : undefined;
    if (lang) el.className = `language-${lang}`;
    else el.removeAttribute('class');
  }
  // A code block may scroll sideways in a narrow panel: it takes the focus, so the keyboard can scroll it.
  for (const pre of clean.querySelectorAll('pre')) pre.setAttribute('tabindex', '0');
  for (const code of clean.querySelectorAll('pre code')) {
    const lang = /language-(\w+)/.exec(code.className)?.[1];
    const text = code.textContent ?? '';
    const language = lang && hljs.getLanguage(lang) ? lang : 'python';
    // hljs returns markup built from the escaped text: the sanitized text stays text.
    code.innerHTML = hljs.highlight(text, { language, ignoreIllegals: true }).value;
    code.classList.add('hljs');
  }
  for (const a of clean.querySelectorAll('a')) {
    a.setAttribute('data-external', a.getAttribute('href') ?? '');
    a.removeAttribute('target');
  }
  return clean;
}

let plain = false;
/**
 * Draws Markdown as plain text from now on (true) or renders it again (false). The panel switches
 * to plain text when rendering a view threw, so that one hostile question never freezes it.
 */
export function setPlainText(on: boolean): void {
  plain = on;
}

/** Markdown as an element; inline content (an option) is unwrapped from its paragraph. */
export function markdownElement(md: string, inline = false, tag: 'div' | 'span' = 'div'): HTMLElement {
  const el = document.createElement(tag);
  el.className = 'md';
  if (plain) {
    el.classList.add('plain');
    el.textContent = md;
    return el;
  }
  const frag = renderMarkdown(md);
  if (inline && frag.childNodes.length === 1 && frag.firstChild?.nodeName === 'P') el.append(...Array.from(frag.firstChild.childNodes));
  else el.append(frag);
  return el;
}

// Loaded as its own script (dist/webview/markdown.js) when the panel first shows Markdown: the
// screens reach these functions through markdownHost.ts.
registerMarkdown({ markdownElement, setPlainText });
