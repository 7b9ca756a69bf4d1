import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitContent } from '../../src/core/content/compiled';
import { indexFiles } from '../../src/node/distFiles';
import { content } from './helpers/facts';

// The extension's ContentLoader; over an install without dist/reference.json the quiz still gets
// its bank; the surfaces that need the reference part (the notes document, rule pages, question
// packs) get an error that names the file. The loader runs against a stand-in `vscode` module.

type Loader = import('../../src/vscode/content').ContentLoader;
type Cards = typeof import('../../src/vscode/cardsDocument').CardsDocuments;

const warnings: string[] = [];
let packFolders: string[] = [];
const disposable = { dispose: () => undefined };
const vscodeStub = {
  EventEmitter: class { event = () => disposable; fire(): void {} dispose(): void {} },
  languages: { createDiagnosticCollection: () => ({ clear: () => undefined, set: () => undefined, dispose: () => undefined }) },
  Uri: {
    joinPath: (base: { fsPath: string }, ...parts: string[]) => ({ fsPath: join(base.fsPath, ...parts) }),
    file: (fsPath: string) => ({ fsPath }),
    from: (parts: { path: string; query: string }) => ({ path: parts.path, query: parts.query }),
  },
  RelativePattern: class {},
  workspace: {
    getConfiguration: () => ({ get: (_key: string, fallback: unknown) => packFolders.length ? packFolders : fallback }),
    workspaceFolders: undefined,
    createFileSystemWatcher: () => ({ onDidChange: () => disposable, onDidCreate: () => disposable, onDidDelete: () => disposable, dispose: () => undefined }),
  },
  window: { showWarningMessage: (m: string) => (warnings.push(m), Promise.resolve(undefined)) },
};

describe('ContentLoader: the bank from the quiz part, the reference part on demand', () => {
  let ContentLoader: typeof import('../../src/vscode/content').ContentLoader;
  let CardsDocuments: Cards;
  const logged: string[] = [];
  const log = { warn: (m: string) => logged.push(m), error: (m: string) => logged.push(m), info: () => undefined };
  let root: string;

  // The stand-in stays for the whole suite: the notes document's text comes from the lazily
  // required tools bundle (src/vscode/tools.ts here), which requires vscode when first used.
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = loader._load;
  after(() => {
    loader._load = load;
  });
  before(() => {
    loader._load = function (request: string, ...rest: unknown[]) {
      return request === 'vscode' ? vscodeStub : load.call(this, request, ...rest);
    };
    ({ ContentLoader } = require('../../src/vscode/content') as typeof import('../../src/vscode/content'));
    ({ CardsDocuments } = require('../../src/vscode/cardsDocument') as typeof import('../../src/vscode/cardsDocument'));
    // An install whose dist/ has the quiz part (with its hash) and no reference part.
    root = mkdtempSync(join(tmpdir(), 'mlap-loader-'));
    mkdirSync(join(root, 'dist'));
    for (const f of indexFiles('content', splitContent(content()).quiz)) writeFileSync(join(root, 'dist', f.name), f.text);
  });
  beforeEach(() => {
    warnings.length = 0;
    logged.length = 0;
    packFolders = [];
  });
  const loaderOf = (): Loader => new ContentLoader({ fsPath: root } as never, log as never);

  it('gives the quiz its bank, trusted by its hash', async () => {
    const bank = await loaderOf().get();
    assert.equal(bank.questions.length, content().questions.length);
    assert.deepEqual(logged, []);
  });

  it('refuses the reference part, the notes document and a rule page with a message that names the file', async () => {
    const loader = loaderOf();
    const missing = /^Error: ML Associate Prep: dist\/reference\.json is missing; reinstall the extension$/;
    await assert.rejects(loader.reference(), missing);
    const cards = new CardsDocuments(() => loader.get(), () => loader.reference());
    await assert.rejects(cards.provideTextDocumentContent(CardsDocuments.uri() as never), missing);
    await assert.rejects(cards.provideTextDocumentContent(CardsDocuments.ruleUri('MLAP001') as never), missing);
    assert.equal((await loader.get()).questions.length, content().questions.length, 'the quiz still works');
  });

  it('with dist/reference.json, the notes document and a rule page come from it, with the bank\'s counts', async () => {
    const full = mkdtempSync(join(tmpdir(), 'mlap-loader-'));
    mkdirSync(join(full, 'dist'));
    const { quiz, reference } = splitContent(content());
    for (const f of [...indexFiles('content', quiz), ...indexFiles('reference', reference)]) writeFileSync(join(full, 'dist', f.name), f.text);
    const loader = new ContentLoader({ fsPath: full } as never, log as never);
    const cards = new CardsDocuments(() => loader.get(), () => loader.reference());
    assert.match(await cards.provideTextDocumentContent(CardsDocuments.uri() as never), new RegExp(`^# Exam notes: ${reference.cards.length} APIs\n`));
    const rule = reference.rules[0]!;
    assert.match(await cards.provideTextDocumentContent(CardsDocuments.ruleUri(rule.id) as never), new RegExp(`^# ${rule.id}: .*\n\n> .*\n\n\\*\\*Exam objective:\\*\\* ${rule.objective} `));
    assert.deepEqual(logged, []);
  });

  it('leaves question packs out with a warning that says why, and keeps the bank', async () => {
    packFolders = [join(root, 'no-such-pack')];
    const bank = await loaderOf().get();
    assert.equal(bank.questions.length, content().questions.length);
    assert.deepEqual(warnings, ['ML Associate Prep: the question packs were left out: dist/reference.json is missing; reinstall the extension']);
  });
});
