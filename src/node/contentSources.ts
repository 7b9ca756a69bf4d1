import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import * as z from 'zod';
import type { CompileInput, SourceFile } from '../core/content/compile';
import { FactsDb, type FlowData } from '../core/facts/factsDb';
import { FactsFileSchema, ManualSymbolSchema } from '../core/facts/factTypes';
import { readPackFiles } from './packFiles';

// Reads the project's content and facts from disk for the build, the CLI and the tests.

export const FACT_FILES = ['mlflow.json', 'pyspark_ml.json', 'hyperopt.json', 'databricks.json'];

/** The project root: the folder holding questions/ and facts/ (found from a start folder upward). */
export function findProjectRoot(start: string): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'questions', 'exam')) && existsSync(join(dir, 'facts'))) return dir;
    const up = resolve(dir, '..');
    if (up === dir) throw new Error(`no questions/ and facts/ folders above ${start}`);
    dir = up;
  }
}

const rel = (root: string, p: string) => relative(root, p).split(sep).join('/');

export function readSource(root: string, path: string): SourceFile {
  return { path: rel(root, path), text: readFileSync(path, 'utf8') };
}

/** Loads the facts: the trimmed copies of ../shared/api, the hand-added ones and the flow types. */
export function loadFacts(root: string): FactsDb {
  const files = FACT_FILES.map((f) => FactsFileSchema.parse(JSON.parse(readFileSync(join(root, 'facts', f), 'utf8'))));
  // Hand-added facts: one YAML file per area under facts/manual/, each entry with its docs page.
  const manualDir = join(root, 'facts', 'manual');
  const manualFiles = existsSync(manualDir) ? readdirSync(manualDir).filter((f) => f.endsWith('.yaml')).sort() : [];
  const manual = manualFiles.flatMap((f) => {
    const parsed = z.object({ symbols: z.array(ManualSymbolSchema) }).safeParse(parseYaml(readFileSync(join(manualDir, f), 'utf8')));
    if (!parsed.success) throw new Error(`facts/manual/${f}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return parsed.data.symbols;
  });
  const flowRaw = parseYaml(readFileSync(join(root, 'facts', 'flow.yaml'), 'utf8')) as Partial<FlowData>;
  return new FactsDb(files, manual, { types: flowRaw.types ?? {}, typeNames: flowRaw.typeNames ?? {} });
}

/** A named path that is not a readable file or folder (the CLI prints it and exits 2). */
export class UnreadablePathError extends Error {}

/**
 * Gathers the compile input. `paths` (files or folders) narrows which question and note files are
 * read; the exam data always comes from questions/exam. The Markdown is read as packs are (see
 * packFiles.ts), so a file the reader leaves out is a problem in the result, not a crash.
 */
export function loadCompileInput(root: string, paths?: readonly string[], facts: FactsDb = loadFacts(root)): CompileInput {
  const exam = (name: string) => readSource(root, join(root, 'questions', 'exam', name));
  const read = readPackFiles(paths?.length ? paths : [join(root, 'questions')], (p) => rel(root, p));
  if (read.unreadable.length) throw new UnreadablePathError(read.unreadable.map((u) => u.message).join('; '));
  const isNote = (f: SourceFile) => f.path.startsWith('questions/notes/') || /(^|\/)notes\//.test(f.path);
  const isRule = (f: SourceFile) => f.path.startsWith('questions/rules/');
  return {
    exam: { objectives: exam('objectives.yaml'), blueprints: exam('blueprints.yaml'), changes: exam('changes.yaml'), plan: exam('plan.yaml') },
    questionFiles: read.files.filter((f) => !isNote(f) && !isRule(f)),
    noteFiles: read.files.filter(isNote),
    ruleFiles: read.files.filter(isRule),
    facts,
    problems: read.problems,
  };
}
