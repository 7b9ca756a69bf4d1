// Runs activate() against a stand-in `vscode` module in a fresh process and reports which files
// it read and when: the activation test (test/unit/activation.test.ts) asserts on the report.
// Every API the extension touches and this file does not model is a do-nothing proxy.
import { mkdtempSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const ROOT = join(__dirname, '..', '..', '..');
const reads: { file: string; phase: string }[] = [];
let phase = 'load';
const record = (p: unknown) => {
  if (typeof p === 'string' && p.startsWith(join(ROOT, 'dist'))) reads.push({ file: basename(p), phase });
};
// The modules themselves (not an import's namespace, whose bindings are read-only): the extension's
// code calls readFile through them, so it meets these wrappers.
const fs = require('node:fs') as typeof import('node:fs');
const fsp = require('node:fs/promises') as typeof import('node:fs/promises');
const asyncRead = fsp.readFile;
(fsp as { readFile: unknown }).readFile = (p: unknown, ...rest: unknown[]) => (record(p), (asyncRead as (...a: unknown[]) => unknown)(p, ...rest));
const syncRead = fs.readFileSync;
(fs as { readFileSync: unknown }).readFileSync = (p: unknown, ...rest: unknown[]) => (record(p), (syncRead as (...a: unknown[]) => unknown)(p, ...rest));

type Fn = (...args: unknown[]) => unknown;
/** A value that is every API: callable, constructible, any property, awaitable (to undefined), iterable (empty). */
function anything(): unknown {
  const target = function () {} as unknown as Fn;
  return new Proxy(target, {
    get: (_t, prop) => {
      if (prop === 'then') return (ok?: Fn) => Promise.resolve(undefined).then(ok);
      if (prop === Symbol.iterator) return function* () {};
      if (prop === Symbol.toPrimitive) return () => 'stub';
      return anything();
    },
    apply: () => anything(),
    construct: () => anything() as object,
    set: () => true,
  });
}

const text = 'import mlflow\nmlflow.log_param("alpha", 1)\n';
const offsetAt = (p: { line: number; character: number }) => text.split('\n').slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
const doc = {
  uri: { scheme: 'file', fsPath: '/workspace/train.py', toString: () => 'file:///workspace/train.py' },
  languageId: 'python', version: 1, isClosed: false, getText: () => text, offsetAt, positionAt: (o: number) => ({ line: 0, character: o }),
};
const diagnosticsSet: string[] = [];
let hoverProvider: { provideHover(d: unknown, p: unknown): Promise<{ contents: { value: string } } | undefined> } | undefined;
const uri = (fsPath: string) => ({ fsPath, toString: () => `file://${fsPath}` });

const special = {
  Uri: { joinPath: (base: { fsPath: string }, ...parts: string[]) => uri(join(base.fsPath, ...parts)), file: uri, from: () => anything(), parse: () => anything() },
  MarkdownString: class { isTrusted: unknown; supportHtml = false; constructor(readonly value: string) {} },
  Hover: class { constructor(readonly contents: unknown, readonly range: unknown) {} },
  workspace: new Proxy({
    getConfiguration: () => ({ get: (_k: string, d: unknown) => d, update: () => Promise.resolve() }),
    textDocuments: [doc],
    notebookDocuments: [],
    workspaceFolders: undefined,
  }, { get: (t, p) => (p in t ? t[p as keyof typeof t] : anything()) }),
  languages: new Proxy({
    registerHoverProvider: (_s: unknown, p: typeof hoverProvider) => ((hoverProvider = p), anything()),
    createDiagnosticCollection: (name: string) => new Proxy({ set: (u: { toString(): string }) => diagnosticsSet.push(`${name} ${u.toString()}`) }, { get: (t, p) => (p in t ? t[p as keyof typeof t] : anything()) }),
  }, { get: (t, p) => (p in t ? t[p as keyof typeof t] : anything()) }),
  window: new Proxy({ state: { focused: false } }, { get: (t, p) => (p in t ? t[p as keyof typeof t] : anything()) }),
};
// `import * as vscode` copies the module's own keys: give it every name the sources use.
const sources = ['src/extension.ts', ...fs.readdirSync(join(ROOT, 'src', 'vscode')).map((f) => `src/vscode/${f}`)];
const names = new Set(sources.flatMap((f) => [...syncRead(join(ROOT, f), 'utf8').matchAll(/\bvscode\.([A-Za-z]+)/g)].map((m) => m[1]!)));
const stub: Record<string, unknown> = { ...Object.fromEntries([...names].map((n) => [n, anything()])), ...special };

const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const load = loader._load;
loader._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? stub : load.call(this, request, ...rest);
};

const memento = () => { const m = new Map<string, unknown>(); return { get: (k: string, d?: unknown) => (m.has(k) ? m.get(k) : d), update: (k: string, v: unknown) => (m.set(k, v), Promise.resolve()), keys: () => [...m.keys()], setKeysForSync: () => undefined }; };
const storage = mkdtempSync(join(tmpdir(), 'mlap-activation-'));

async function main(): Promise<void> {
  // `dist` as the first argument: the bundle as VS Code loads it (the bench); else the sources (the test).
  const entry = process.argv[2] === 'dist' ? join(ROOT, 'dist', 'extension.js') : '../../../src/extension';
  const { activate } = require(entry) as typeof import('../../../src/extension');
  const context = { extensionUri: uri(ROOT), subscriptions: [] as { dispose(): unknown }[], globalState: memento(), workspaceState: memento(), globalStorageUri: uri(storage), extensionPath: ROOT };
  phase = 'activate';
  const t0 = performance.now();
  const api = activate(context as unknown as Parameters<typeof activate>[0]);
  const activateMs = performance.now() - t0;
  phase = 'after activation';
  // The longest the event loop was blocked from here on: what the extension host freezes for.
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  await api.ready;
  await new Promise((r) => setTimeout(r, 1200)); // past the first trap check (500 ms) and its debounce
  delay.disable();
  phase = 'plan';
  const t2 = performance.now();
  const planRoots = (await api.plan.getChildren()).map((n) => `${n.kind}: ${n.label} (${n.description ?? ''})`);
  const planMs = performance.now() - t2;
  phase = 'hover';
  const t1 = performance.now();
  const hover = await hoverProvider?.provideHover(doc, { line: 1, character: 9 });
  const hoverMs = performance.now() - t1;
  console.log(JSON.stringify({ activateMs, freezeAfterMs: delay.max / 1e6, hoverMs, planMs, planRoots, reads, diagnosticsSet, hover: hover?.contents.value ?? null }));
  process.exit(0);
}
main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
