// The panel's side of Markdown. The renderer (marked, DOMPurify and highlight.js, about 110 KB
// minified) is a script of its own, dist/webview/markdown.js, loaded the first time a screen with
// Markdown is drawn (main.ts), so the home screen does not wait for it. The screens call the
// functions here; they reach the renderer through the global it registers when it loads.

/** What the renderer module (markdown.ts) registers on load. */
export interface MarkdownRenderer {
  markdownElement(md: string, inline?: boolean, tag?: 'div' | 'span'): HTMLElement;
  setPlainText(on: boolean): void;
}

interface WithRenderer { mlapMarkdown?: MarkdownRenderer }
const registry = globalThis as WithRenderer;

/** Called by the renderer module when it loads (in the panel, or when a test imports it). */
export function registerMarkdown(renderer: MarkdownRenderer): void {
  registry.mlapMarkdown = renderer;
}

/** True once the renderer has loaded. */
export function markdownLoaded(): boolean {
  return !!registry.mlapMarkdown;
}

let loading: Promise<void> | undefined;
/**
 * Loads the renderer's script once: a script element with the page's nonce (the CSP allows no
 * other script), from the URL the extension put on the body. Resolves when it ran or failed: a
 * screen drawn without it falls back to plain text (safeRender.ts).
 */
export function loadMarkdown(src: string, nonce: string): Promise<void> {
  loading ??= new Promise<void>((resolve) => {
    const script = document.createElement('script');
    // The attribute, not just the property: it sets the element's nonce as the parser would.
    script.setAttribute('nonce', nonce);
    script.src = src;
    script.addEventListener('load', () => resolve());
    script.addEventListener('error', () => resolve());
    document.head.append(script);
  });
  return loading;
}

let plain = false;
/** Markdown as plain text from now on (true) or rendered again (false); see safeRender.ts. */
export function setPlainText(on: boolean): void {
  plain = on;
  registry.mlapMarkdown?.setPlainText(on);
}

/** Markdown as an element; throws when the renderer is not loaded (the screen then falls back to plain text). */
export function markdownElement(md: string, inline = false, tag: 'div' | 'span' = 'div'): HTMLElement {
  const renderer = registry.mlapMarkdown;
  if (plain || !renderer) {
    if (!plain) throw new Error('the Markdown renderer did not load');
    const el = document.createElement(tag);
    el.className = 'md plain';
    el.textContent = md;
    return el;
  }
  return renderer.markdownElement(md, inline, tag);
}
