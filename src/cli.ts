#!/usr/bin/env node
// The core without an editor: lint content, print the compiled bank and cards, resolve a symbol
// or a hover at a position. Question-pack authors run it in their own CI.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Bank } from './core/bank';
import { compileContent, type CompileInput } from './core/content/compile';
import { CompiledContentSchema, QuizContentSchema, ReferenceContentSchema, splitContent, type CompiledContent } from './core/content/compiled';
import { mergeContent } from './core/content/contentParts';
import { compilePack } from './core/content/pack';
import type { Question } from './core/content/schema';
import { coverageReport, formatCoverage } from './core/coverage';
import { formatDiagnostic, hasErrors, oneLine, type Diagnostic } from './core/diagnostics';
import { cueReport, formatCues, questionCues } from './core/quality/cues';
import { HoverService } from './core/hoverService';
import { bankHoverContent, hoverIndexData } from './core/hover/hoverIndex';
import { planIndexData } from './core/study/planContent';
import { indexFiles } from './node/distFiles';
import { SymbolTable } from './core/facts/symbolTable';
import { buildDocumentModel } from './core/python/documentModel';
import { documentOverLimits } from './core/python/limits';
import { ipynbCodeCells, joinAllCells, joinCells, offsetAt } from './core/python/notebook';
import { Resolver } from './core/python/resolver';
import { checkSource, type LocatedFinding } from './core/traps/locate';
import { apisInDocument, UsageCounter, usageSummary } from './core/usage/apiUsage';
import { pythonFiles } from './node/pythonFiles';
import { findProjectRoot, loadCompileInput, UnreadablePathError } from './node/contentSources';
import { pathProblem } from './node/packFiles';
import { loadPacks } from './node/packLoader';
import { readRegularFile } from './node/safeRead';
import { studyIndexData } from './core/study/studyIndex';

const USAGE = `usage: node dist/cli.js <command>
  lint [--cues] [paths...] check question and note files (default: all of questions/); exit 1 on errors;
                           a path outside questions/ is checked as a question pack, against the built bank;
                           --cues lists each single-answer question's key length rank and the cues a guesser uses
  build [--out FILE]       compile questions/ and facts/ into dist/content.json (the quiz part) and, beside it,
                           reference.json (cards, symbols, rule pages) and the indexes (fails on lint errors)
  questions --json [--blueprint ID]   the compiled bank
  notes --json             every hover card: symbol, signature, the parameters it shows
  coverage [--json] [--check]         questions per objective, domain, difficulty, key position...
  check [--json] PATHS...  exam traps in Python files and notebooks (folders are walked): file:line:col: MLAPxxx message;
                           exit 1 when something is found
  check --rules [--json]   the rules: id, objective, questions, page
  usage [--json] PATHS...  the exam APIs the code uses, the files that use them and the questions on them
  symbol FILE LINE COL     the qualified API name at a 1-based position (FILE may be nb.ipynb#CELL)
  hover FILE LINE COL      the hover card's Markdown at that position`;

const here = typeof __dirname === 'string' ? __dirname : process.cwd();

function projectRoot(): string {
  try {
    return findProjectRoot(process.cwd());
  } catch {
    return findProjectRoot(here);
  }
}

/** The compiled content next to this script: its two parts (dist/content.json, dist/reference.json), validated and merged. */
function loadCompiled(): CompiledContent {
  return mergeContent(loadPart('content.json', QuizContentSchema), loadPart('reference.json', ReferenceContentSchema));
}

function loadPart<T>(name: string, schema: { safeParse(json: unknown): { success: true; data: T } | { success: false } }): T {
  const file = join(here, name);
  if (!existsSync(file)) throw new CliError(`${file} not found: run npm run build first`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new CliError(`${file} is out of date or damaged: run npm run build`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new CliError(`${file} is out of date or damaged: run npm run build`);
  return parsed.data;
}

/**
 * A problem the user can fix (a wrong path, a broken notebook): printed as one line, exit 2;
 * `more` (the usage text) is printed after it as it is.
 */
class CliError extends Error {
  constructor(message: string, readonly more?: string) {
    super(message);
  }
}

/** Largest Python file or notebook `symbol` and `hover` read (notebooks carry their outputs). */
const MAX_SOURCE_BYTES = 64 * 1024 * 1024;

function flag(args: string[], name: string): boolean {
  const i = args.indexOf(name);
  if (i >= 0) args.splice(i, 1);
  return i >= 0;
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
}

function compileOrReport(paths?: string[]) {
  const root = projectRoot();
  let input: CompileInput;
  try {
    input = loadCompileInput(root, paths);
  } catch (e) {
    if (e instanceof UnreadablePathError) throw new CliError(e.message);
    throw e;
  }
  const result = compileContent(input);
  for (const d of result.diagnostics) console.error(formatDiagnostic(d));
  return { root, ...result };
}

/** A pack file as printed: relative to the working folder when inside it, with "/" separators. */
function packLabel(abs: string): string {
  const r = relative(process.cwd(), abs);
  return (r && !r.startsWith('..') && !isAbsolute(r) ? r : abs).split(sep).join('/');
}

interface LintResult {
  diagnostics: Diagnostic[];
  questions: Question[];
  cards: number;
}

/**
 * Lints paths: those inside the project's questions/ as the bank (with its notes), the others as
 * question packs, exactly as the extension loads them: read by src/node/packFiles.ts, compiled by
 * compilePack against the built bank, so an id or stem the bank already has is reported too.
 */
function lint(paths: string[]): LintResult {
  const root = projectRoot();
  const questionsDir = join(root, 'questions');
  const inProject = (p: string) => {
    const r = relative(questionsDir, resolve(p));
    return !r.startsWith('..') && !isAbsolute(r);
  };
  const project = paths.filter(inProject);
  const packs = paths.filter((p) => !inProject(p));
  const out: LintResult = { diagnostics: [], questions: [], cards: 0 };
  if (!paths.length || project.length) {
    const { diagnostics, content } = compileOrReport(project.length ? project : undefined);
    out.diagnostics.push(...diagnostics);
    out.questions.push(...content.questions);
    out.cards += content.cards.length;
  }
  if (packs.length) {
    const load = loadPacks(packs, loadCompiled(), compilePack, packLabel);
    if (load.unreadable.length) throw new CliError(load.unreadable.map((u) => u.message).join('; '));
    for (const d of load.diagnostics) console.error(formatDiagnostic(d));
    out.diagnostics.push(...load.diagnostics);
    out.questions.push(...load.questions);
  }
  return out;
}

/** A file `symbol` or `hover` reads: a regular file, within the cap; a bad path is a CliError. */
function readSourceArg(path: string): string {
  let r: ReturnType<typeof readRegularFile>;
  try {
    r = readRegularFile(path, MAX_SOURCE_BYTES, { strict: false, tooBig: (b) => `the file is ${(b / (1024 * 1024)).toFixed(0)} MB; at most ${MAX_SOURCE_BYTES / (1024 * 1024)} MB` });
  } catch (e) {
    throw new CliError(pathProblem(path, e));
  }
  if ('problem' in r) throw new CliError(`${path}: ${r.problem}`);
  return r.text;
}

/** Text, 0-based offset and a cache key for FILE LINE COL (FILE may name a notebook cell). */
function documentAt(fileArg: string, lineArg: string | undefined, colArg: string | undefined): { text: string; offset: number } {
  const line = Number(lineArg);
  const col = Number(colArg);
  if (!Number.isInteger(line) || !Number.isInteger(col) || line < 1 || col < 1) throw new CliError('LINE and COL are 1-based whole numbers');
  const m = /^(.*\.ipynb)#(\d+)$/.exec(fileArg);
  if (m) {
    const nb = ipynbCodeCells(readSourceArg(m[1]!));
    if ('error' in nb) throw new CliError(`${m[1]}: ${nb.error}`);
    const { cells } = nb;
    const index = Number(m[2]) - 1;
    if (index < 0 || index >= cells.length) throw new CliError(`${m[1]} has ${cells.length} code cells`);
    const joined = joinCells(cells, index);
    return { text: joined.text, offset: joined.base + offsetAt(cells[index]!, line, col) };
  }
  const text = readSourceArg(fileArg);
  return { text, offset: offsetAt(text, line, col) };
}

/** A Python file or notebook read for `check` and `usage`; a problem is a CliError. */
function readPython(file: string): { text: string } | { cells: string[] } {
  const text = readSourceArg(file);
  if (!/\.ipynb$/i.test(file)) return { text };
  const nb = ipynbCodeCells(text);
  if ('error' in nb) throw new CliError(`${file}: ${nb.error}`);
  return nb;
}

function sourcesOf(paths: string[]): string[] {
  if (!paths.length) throw new CliError('name the Python files, notebooks or folders to read');
  const { files, problems } = pythonFiles(paths);
  if (problems.length) throw new CliError(problems.join('; '));
  return files;
}

function check(args: string[]): number {
  const json = flag(args, '--json');
  const content = loadCompiled();
  if (flag(args, '--rules')) {
    const rules = content.rules.map((r) => ({ id: r.id, rule: r.slug, title: r.title, objective: r.objective, questions: r.questions, severity: r.severity, deprecated: r.deprecated, page: r.source.file, docs: r.docs }));
    if (json) console.log(JSON.stringify(rules, null, 2));
    else for (const r of rules) console.log(`${r.id}  ${r.rule.padEnd(24)} ${r.objective.padEnd(6)} ${r.severity.padEnd(11)} ${r.title}\n        questions: ${r.questions.join(', ')}\n        page: ${r.page}`);
    if (!json) console.log(`${rules.length} rules`);
    return 0;
  }
  const resolver = new Resolver(new SymbolTable(content.symbols));
  const out: (LocatedFinding & { file: string })[] = [];
  for (const file of sourcesOf(args)) {
    const { findings, failures } = checkSource(readPython(file), resolver, content.rules);
    for (const f of failures) console.error(`${file}: rule ${f.rule} failed (${f.error}); the other rules ran`);
    out.push(...findings.map((f) => ({ file, ...f })));
  }
  if (json) console.log(JSON.stringify(out.map(({ file, cell, line, col, endLine, endCol, rule, severity, deprecated, message, fix }) => ({ file, ...(cell ? { cell } : {}), line, col, endLine, endCol, rule, severity, deprecated, message, ...(fix ? { fix: fix.title } : {}) })), null, 2));
  else for (const f of out) console.log(`${f.file}${f.cell ? `#${f.cell}` : ''}:${f.line}:${f.col}: ${f.rule} ${f.message}`);
  return out.length ? 1 : 0;
}

function usage(args: string[]): number {
  const json = flag(args, '--json');
  const content = loadCompiled();
  const bank = new Bank(content);
  const resolver = new Resolver(new SymbolTable(content.symbols));
  const counter = new UsageCounter();
  for (const file of sourcesOf(args)) {
    let src: { text: string } | { cells: string[] };
    try {
      src = readPython(file);
    } catch (e) {
      counter.skip(file, e instanceof Error ? e.message : String(e));
      continue;
    }
    counter.add(apisInDocument(buildDocumentModel('cells' in src ? joinAllCells(src.cells).text : src.text), resolver, bankHoverContent(bank, content)));
  }
  const report = counter.report();
  if (json) {
    console.log(JSON.stringify(report, null, 2));
    return 0;
  }
  for (const a of report.apis) console.log(`${a.symbol}  ${a.files} file${a.files === 1 ? '' : 's'}, ${a.uses} use${a.uses === 1 ? '' : 's'}, ${a.questions.length} question${a.questions.length === 1 ? '' : 's'}`);
  for (const s of report.skipped) console.error(`skipped ${s.reason}`);
  console.log(`${report.files} files read. ${usageSummary(report)}`);
  return 0;
}

function main(argv: string[]): number {
  const [command, ...args] = argv;
  switch (command) {
    case 'lint': {
      const perQuestion = flag(args, '--cues');
      const { diagnostics, questions, cards } = lint(args);
      if (perQuestion) for (const q of questions) {
        if (q.type !== 'single') continue;
        const c = questionCues(q);
        const marks = [c.keyLongest && 'key longest', c.keyShortest && 'key shortest', c.guesserHit > 0 && `guesser right by ${c.guesserRule}`].filter(Boolean);
        console.log(`${q.source.file}:${q.source.line}: ${q.id}: key length rank ${c.lengthRank + 1} of ${q.choices.length}${marks.length ? `, ${marks.join(', ')}` : ''} (key/longest distractor ${c.longRatio.toFixed(2)})`);
      }
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      console.log(`${questions.length} questions, ${cards} notes checked: ${errors ? `${errors} error${errors === 1 ? '' : 's'}` : 'no errors'}`);
      if (questions.length) console.log(formatCues(cueReport(questions)));
      return errors ? 1 : 0;
    }
    case 'build': {
      const out = resolve(option(args, '--out') ?? join(here, 'content.json'));
      if (!out.endsWith('.json')) throw new CliError('build --out names a .json file (its .sha256 and reference.json are written beside it)');
      const { diagnostics, content } = compileOrReport();
      if (hasErrors(diagnostics)) {
        console.error(`content has errors: ${out} not written`);
        return 1;
      }
      CompiledContentSchema.parse(content);
      mkdirSync(dirname(out), { recursive: true });
      // Two parts with their hashes (node/distFiles.ts trusts a file its hash matches): the quiz
      // waits only for OUT (the quiz part); the cards, symbols and rule pages are read on demand.
      const { quiz, reference } = splitContent(content);
      for (const f of [...indexFiles(basename(out, '.json'), quiz), ...indexFiles('reference', reference)]) writeFileSync(join(dirname(out), f.name), f.text);
      // The daily goal's counts beside it, so the status bar never loads the bank (study/studyIndex.ts).
      writeFileSync(join(dirname(out), 'studyIndex.json'), JSON.stringify(studyIndexData(content)));
      // The hover's cards, symbol table and counts (hover/hoverIndex.ts) and what the study plan reads
      // (study/planContent.ts), so neither the first card nor the plan waits for the questions; their
      // hashes let the extension trust them without validating them (node/distFiles.ts).
      for (const f of [...indexFiles('hoverIndex', hoverIndexData(content)), ...indexFiles('planIndex', planIndexData(content))]) writeFileSync(join(dirname(out), f.name), f.text);
      console.log(`content: ${content.questions.length} questions, ${content.cards.length} cards, ${Object.keys(content.symbols.symbols).length} API symbols -> ${out}`);
      return 0;
    }
    case 'questions': {
      if (!flag(args, '--json')) throw new CliError('questions prints JSON: pass --json');
      const bank = new Bank(loadCompiled());
      const bp = bank.blueprint(option(args, '--blueprint') ?? 'current');
      const out = bank.questions.map((q) => ({
        id: q.id,
        domain: bank.domainOf(q.objective, bp)?.id ?? 'outside',
        domains: bank.domainsOf(q),
        objective: q.objective,
        difficulty: q.difficulty,
        type: q.type,
        symbols: q.symbols,
        topic: q.topic,
        stem: q.stem,
        hasCode: q.hasCode,
        choices: q.choices,
        versionNote: q.versionNote,
        changes: q.changes,
        docs: q.docs,
        source: q.source,
      }));
      console.log(JSON.stringify(out, null, 2));
      return 0;
    }
    case 'notes': {
      if (!flag(args, '--json')) throw new CliError('notes prints JSON: pass --json');
      const content = loadCompiled();
      console.log(JSON.stringify(content.cards.map((c) => ({ symbol: c.symbol, kind: c.kind, library: c.library, signature: c.signature, params: c.params, omitted: c.omitted, docs: c.docs, exam: c.exam, trap: c.trap, versions: c.versions, deprecated: c.deprecated, source: c.source })), null, 2));
      return 0;
    }
    case 'coverage': {
      const json = flag(args, '--json');
      const check = flag(args, '--check');
      const content = loadCompiled();
      const report = coverageReport(new Bank(content), content.cards);
      console.log(json ? JSON.stringify(report, null, 2) : formatCoverage(report));
      return check && report.unmet.length ? 1 : 0;
    }
    case 'symbol':
    case 'hover': {
      const [file, line, col] = args;
      if (!file) throw new CliError(`${command} needs FILE LINE COL`);
      const { text, offset } = documentAt(file, line, col);
      // Past the limits the editor shows no card either; say why instead of a silent exit 1.
      const over = documentOverLimits(text);
      if (over) {
        console.error(oneLine(`${file}: no ${command === 'hover' ? 'card' : 'symbol'}: ${over} (see src/core/python/limits.ts)`));
        return 1;
      }
      const content = loadCompiled();
      const service = new HoverService(bankHoverContent(new Bank(content), content));
      if (command === 'symbol') {
        const r = service.resolve(file, 0, () => text, offset);
        if (!r) return 1;
        console.log(r.qualname);
        return 0;
      }
      const h = service.hover(file, 0, () => text, offset);
      if (!h) return 1;
      console.log(h.markdown);
      return 0;
    }
    case 'check':
      return check(args);
    case 'usage':
      return usage(args);
    case undefined:
    case '--help':
    case 'help':
      console.log(USAGE);
      return command ? 0 : 2;
    default:
      throw new CliError(`unknown command "${command}"`, USAGE);
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  // One line, never a stack: the stack of a bug is there with MLAP_DEBUG=1.
  if (e instanceof CliError) console.error(oneLine(e.message) + (e.more ? `\n${e.more}` : ''));
  else if (process.env.MLAP_DEBUG) console.error(e instanceof Error ? e.stack ?? e.message : String(e));
  else console.error(`error: ${oneLine(e instanceof Error ? e.message.split('\n')[0]! : String(e))} (MLAP_DEBUG=1 shows where)`);
  process.exitCode = 2;
}
