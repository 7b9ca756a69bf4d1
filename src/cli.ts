#!/usr/bin/env node
// The core without an editor: lint content, print the compiled bank and cards, resolve a symbol
// or a hover at a position. Question-pack authors run it in their own CI.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Bank } from './core/bank';
import { compileContent } from './core/content/compile';
import { CompiledContentSchema, type CompiledContent } from './core/content/compiled';
import { coverageReport, formatCoverage } from './core/coverage';
import { formatDiagnostic, hasErrors } from './core/diagnostics';
import { cueReport, formatCues, questionCues } from './core/quality/cues';
import { HoverService } from './core/hoverService';
import { ipynbCodeCells, joinCells, offsetAt } from './core/python/notebook';
import { findProjectRoot, loadCompileInput } from './node/contentSources';

const USAGE = `usage: node dist/cli.js <command>
  lint [--cues] [paths...] check question and note files (default: all of questions/); exit 1 on errors;
                           --cues lists each single-answer question's key length rank and the cues a guesser uses
  build [--out FILE]       compile questions/ and facts/ into dist/content.json (fails on lint errors)
  questions --json [--blueprint ID]   the compiled bank
  notes --json             every hover card: symbol, signature, the parameters it shows
  coverage [--json] [--check]         questions per objective, domain, difficulty, key position...
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

/** The compiled content next to this script (dist/content.json), as the extension loads it. */
function loadCompiled(): CompiledContent {
  const file = join(here, 'content.json');
  if (!existsSync(file)) throw new CliError(`${file} not found: run npm run build first`);
  return CompiledContentSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

class CliError extends Error {}

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
  const result = compileContent(loadCompileInput(root, paths));
  for (const d of result.diagnostics) console.error(formatDiagnostic(d));
  return { root, ...result };
}

/** Text, 0-based offset and a cache key for FILE LINE COL (FILE may name a notebook cell). */
function documentAt(fileArg: string, lineArg: string | undefined, colArg: string | undefined): { text: string; offset: number } {
  const line = Number(lineArg);
  const col = Number(colArg);
  if (!Number.isInteger(line) || !Number.isInteger(col) || line < 1 || col < 1) throw new CliError('LINE and COL are 1-based whole numbers');
  const m = /^(.*\.ipynb)#(\d+)$/.exec(fileArg);
  if (m) {
    const cells = ipynbCodeCells(readFileSync(m[1]!, 'utf8'));
    const index = Number(m[2]) - 1;
    if (index < 0 || index >= cells.length) throw new CliError(`${m[1]} has ${cells.length} code cells`);
    const joined = joinCells(cells, index);
    return { text: joined.text, offset: joined.base + offsetAt(cells[index]!, line, col) };
  }
  const text = readFileSync(fileArg, 'utf8');
  return { text, offset: offsetAt(text, line, col) };
}

function main(argv: string[]): number {
  const [command, ...args] = argv;
  switch (command) {
    case 'lint': {
      const perQuestion = flag(args, '--cues');
      const { diagnostics, content } = compileOrReport(args.length ? args : undefined);
      if (perQuestion) for (const q of content.questions) {
        if (q.type !== 'single') continue;
        const c = questionCues(q);
        const marks = [c.keyLongest && 'key longest', c.keyShortest && 'key shortest', c.guesserHit > 0 && `guesser right by ${c.guesserRule}`].filter(Boolean);
        console.log(`${q.source.file}:${q.source.line}: ${q.id}: key length rank ${c.lengthRank + 1} of ${q.choices.length}${marks.length ? `, ${marks.join(', ')}` : ''} (key/longest distractor ${c.longRatio.toFixed(2)})`);
      }
      const errors = diagnostics.filter((d) => d.severity === 'error').length;
      console.log(`${content.questions.length} questions, ${content.cards.length} notes checked: ${errors ? `${errors} error${errors === 1 ? '' : 's'}` : 'no errors'}`);
      if (content.questions.length) console.log(formatCues(cueReport(content.questions)));
      return errors ? 1 : 0;
    }
    case 'build': {
      const out = resolve(option(args, '--out') ?? join(here, 'content.json'));
      const { diagnostics, content } = compileOrReport();
      if (hasErrors(diagnostics)) {
        console.error(`content has errors: ${out} not written`);
        return 1;
      }
      CompiledContentSchema.parse(content);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, JSON.stringify(content));
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
      const report = coverageReport(new Bank(loadCompiled()));
      console.log(json ? JSON.stringify(report, null, 2) : formatCoverage(report));
      return check && report.unmet.length ? 1 : 0;
    }
    case 'symbol':
    case 'hover': {
      const [file, line, col] = args;
      if (!file) throw new CliError(`${command} needs FILE LINE COL`);
      const { text, offset } = documentAt(file, line, col);
      const service = new HoverService(new Bank(loadCompiled()));
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
    case undefined:
    case '--help':
    case 'help':
      console.log(USAGE);
      return command ? 0 : 2;
    default:
      throw new CliError(`unknown command "${command}"\n${USAGE}`);
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  console.error(e instanceof CliError ? e.message : e instanceof Error ? e.stack ?? e.message : String(e));
  process.exitCode = 2;
}
