// npm run bench (peer part): our hover beside pyright's on the same 10,000-line file, in one run.
//   pyright   `pyright-langserver --stdio` (the dev dependency), driven over LSP as an editor does:
//             cold = initialize + open + first hover answered; warm = hovers on the unchanged
//             document; after an edit = didChange then the next hover answered
//   ours      the extension's hover path in this process (HoverService over dist/content.json):
//             cold = content read + first card; warm; first hover after an edit
// The file imports mlflow/pyspark/hyperopt, which are not installed here: pyright still parses,
// binds and checks the whole file, as it does in an environment without those packages.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Bank } from '../src/core/bank';
import type { CompiledContent } from '../src/core/content/compiled';
import { HoverService } from '../src/core/hoverService';
import { hoverTargets, ms, quantiles, samplePython } from './pythonSample';

const ROOT = join(__dirname, '..');
const WARM = 200;
const EDITS = 30;
const text = samplePython(10_000);
const targets = hoverTargets(text);
const pick = (i: number) => targets[(i * 7919) % targets.length]!;
const lineStarts = [0];
for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
function position(offset: number): { line: number; character: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - lineStarts[lo]! };
}
/** The i-th edit: a digit of a numFolds=3 argument changed, as a learner tweaking a value. */
const editAt = (i: number) => text.indexOf('numFolds=3', Math.floor((i / EDITS) * text.length)) + 'numFolds='.length;

/** A minimal LSP client over stdio: Content-Length framing, requests by id, server requests answered. */
class LspClient {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();
  private readonly proc = spawn(process.execPath, [join(ROOT, 'node_modules', 'pyright', 'langserver.index.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });

  constructor() {
    this.proc.stdout.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      for (;;) {
        const end = this.buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())?.[1]);
        if (this.buffer.length < end + 4 + length) return;
        const msg = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString()) as { id?: number; method?: string; params?: { items?: unknown[] }; result?: unknown };
        this.buffer = this.buffer.subarray(end + 4 + length);
        if (msg.method && msg.id !== undefined) {
          // Requests from the server (configuration, progress tokens, registrations).
          this.send({ jsonrpc: '2.0', id: msg.id, result: msg.method === 'workspace/configuration' ? (msg.params?.items ?? []).map(() => null) : null });
        } else if (msg.id !== undefined && this.pending.has(msg.id)) {
          this.pending.get(msg.id)!(msg.result);
          this.pending.delete(msg.id);
        }
      }
    });
  }

  private send(msg: object): void {
    const body = Buffer.from(JSON.stringify(msg));
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  stop(): void {
    this.proc.kill();
  }
}

interface Figures { cold: number; warm: number[]; edited: number[]; answered: number }

async function pyright(): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'mlap-pyright-'));
  const file = join(dir, 'sample.py');
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const client = new LspClient();
  try {
    const t0 = performance.now();
    await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'bench' }],
      capabilities: { textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] }, synchronization: { didSave: false } }, workspace: { configuration: true } },
    });
    client.notify('initialized', {});
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    let answered = 0;
    const hover = async (offset: number) => {
      if (await client.request('textDocument/hover', { textDocument: { uri }, position: position(offset) })) answered++;
    };
    await hover(pick(0));
    const cold = performance.now() - t0;
    const warm: number[] = [];
    for (let i = 0; i < WARM; i++) {
      const t = performance.now();
      await hover(pick(i));
      warm.push(performance.now() - t);
    }
    const edited: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      const at = position(editAt(i));
      const t = performance.now();
      client.notify('textDocument/didChange', { textDocument: { uri, version: 2 + i }, contentChanges: [{ range: { start: at, end: { ...at, character: at.character + 1 } }, text: String(3 + ((i + 1) % 5)) }] });
      await hover(pick(i));
      edited.push(performance.now() - t);
    }
    return { cold, warm, edited, answered };
  } finally {
    client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function ours(): Figures {
  const t0 = performance.now();
  const content = JSON.parse(readFileSync(join(ROOT, 'dist', 'content.json'), 'utf8')) as CompiledContent;
  const service = new HoverService(new Bank(content));
  let answered = 0;
  let current = text;
  const hover = (version: number, offset: number) => {
    if (service.hover('doc', version, () => current, offset)) answered++;
  };
  hover(1, pick(0));
  const cold = performance.now() - t0;
  const warm: number[] = [];
  for (let i = 0; i < WARM; i++) {
    const t = performance.now();
    hover(1, pick(i));
    warm.push(performance.now() - t);
  }
  const edited: number[] = [];
  for (let i = 0; i < EDITS; i++) {
    const at = editAt(i);
    current = current.slice(0, at) + String(3 + ((i + 1) % 5)) + current.slice(at + 1);
    const t = performance.now();
    hover(2 + i, pick(i));
    edited.push(performance.now() - t);
  }
  return { cold, warm, edited, answered };
}

async function main(): Promise<void> {
  const us = ours();
  const them = await pyright();
  const row = (name: string, a: number, b: number) => console.log(`${name.padEnd(26)}${ms(a).padStart(12)}${ms(b).padStart(12)}${`${(b / a).toFixed(0)}x`.padStart(10)}`);
  const [uw, tw, ue, te] = [quantiles(us.warm), quantiles(them.warm), quantiles(us.edited), quantiles(them.edited)];
  console.log(`\nhover beside pyright ${readPyrightVersion()} (langserver over stdio), ${text.split('\n').length.toLocaleString()}-line file, ${WARM} warm hovers, ${EDITS} edits`);
  console.log(`${'case'.padEnd(26)}${'ours'.padStart(12)}${'pyright'.padStart(12)}${'ratio'.padStart(10)}`);
  row('cold (start to 1st hover)', us.cold, them.cold);
  row('warm median', uw.median, tw.median);
  row('warm p99', uw.p99, tw.p99);
  row('after an edit, median', ue.median, te.median);
  row('after an edit, p99', ue.p99, te.p99);
  console.log(`answers with content: ours ${us.answered}, pyright ${them.answered} of ${1 + WARM + EDITS}`);
}

function readPyrightVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'pyright', 'package.json'), 'utf8')) as { version: string }).version;
}

void main();
