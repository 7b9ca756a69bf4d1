import { JSDOM } from 'jsdom';

// The webview's modules run in a browser: DOMPurify picks up `window` when it is first loaded, and
// the screens call `document.createElement`. These helpers lend the tests one jsdom window (parse5
// parses HTML as browsers do, and DOMPurify's own test suite runs on jsdom) as the globals a browser
// has. One window for the whole run: DOMPurify keeps the window it was loaded with, so a second one
// would mix nodes of two documents. jsdom stays on 26: from 27 on, its selector engine adds window
// listeners for every document it queries, and DOMPurify parses each render into a new document, so
// thousands of renders slow down quadratically (minutes instead of seconds for the XSS corpus).

let dom: JSDOM | undefined;
const NAMES = ['window', 'document', 'Node', 'Element', 'HTMLElement', 'HTMLInputElement', 'DocumentFragment', 'NodeFilter', 'Event', 'MouseEvent', 'KeyboardEvent'] as const;
const saved = new Map<string, PropertyDescriptor | undefined>();
const globals = globalThis as unknown as Record<string, unknown>;

/** Makes the jsdom window's objects globals (Node's own Event and friends are kept to put back). */
export function installDom(): Window & typeof globalThis {
  dom ??= new JSDOM('<!DOCTYPE html><html lang="en"><body><main id="app"></main></body></html>', { url: 'https://webview.test/' });
  const win = dom.window as unknown as Record<string, unknown>;
  for (const name of NAMES) {
    if (!saved.has(name)) saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
    Object.defineProperty(globalThis, name, { value: name === 'window' ? dom.window : win[name], configurable: true, writable: true });
  }
  return dom.window;
}

/** Puts back the globals installDom replaced, so later suites see Node as it was. */
export function removeDom(): void {
  for (const [name, descriptor] of saved) {
    if (descriptor) Object.defineProperty(globalThis, name, descriptor);
    else delete globals[name];
  }
  saved.clear();
}
