import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nextTurn } from './nextTurn';
import type { QuizContent, ReferenceContent } from '../core/content/compiled';
import { CONTENT_SCHEMA_VERSION } from '../core/content/contentVersion';
import { HOVER_INDEX_VERSION, hoverIndex, type HoverContent, type HoverIndexData } from '../core/hover/hoverIndex';
import { PLAN_INDEX_VERSION, planIndex, type PlanContent, type PlanIndexData } from '../core/study/planContent';

// The files `cli build` writes into dist/, read as the extension reads them. The build validated
// them and wrote their hashes: a file that is that file, of the version this code knows, is trusted
// as is (validating the content with zod again would block the extension host for ~50 ms).

type Validated<T> = { success: true; data: T } | { success: false; error: { issues: readonly { message: string }[] } };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const expectedHash = (file: string) => readFile(file, 'utf8').then((t) => t.trim(), () => '');

/** Runs `fn` as one step of a file's load; the extension times each (PerfLog). */
export type LoadStep = <T>(what: string, fn: () => T) => T;
const untimed: LoadStep = (_what, fn) => fn();

/**
 * NAME.json's text, and whether NAME.sha256 (written with it by `cli build`) is its hash. The hash
 * and (in the callers) the parse are steps of their own, each in its own turn of the event loop:
 * these files load right after activation, in the extension host every extension shares.
 */
async function readHashed(dist: string, name: string, step: LoadStep = untimed): Promise<{ text: string; matches: boolean }> {
  const [text, expected] = await Promise.all([readFile(join(dist, `${name}.json`), 'utf8'), expectedHash(join(dist, `${name}.sha256`))]);
  await nextTurn();
  return { text, matches: !!expected && step(`${name}:sha256`, () => sha256(text)) === expected };
}

/**
 * The quiz part of the compiled content (dist/content.json): what the bank is made of.
 * `validate`: QuizContentSchema.safeParse (see readCompiledPart).
 */
export function readContent(dist: string, untrusted: (why: string) => void, validate: (json: unknown) => Validated<QuizContent>): Promise<QuizContent> {
  return readCompiledPart(dist, 'content', untrusted, validate);
}

/**
 * The reference part (dist/reference.json: cards, symbol table, keywords, rule pages), which only
 * the cards document, rule pages, question packs and the hover's fallback read.
 * `validate`: ReferenceContentSchema.safeParse (see readCompiledPart).
 */
export function readReference(dist: string, untrusted: (why: string) => void, validate: (json: unknown) => Validated<ReferenceContent>): Promise<ReferenceContent> {
  return readCompiledPart(dist, 'reference', untrusted, validate);
}

/**
 * A part of the compiled content, NAME.json. Trusted when its hash and schema version match;
 * anything else (a hand-edited or damaged file) is validated by `validate` (the part's schema's
 * safeParse: the caller passes it, so the extension's bundle does not carry zod's content schema),
 * and `untrusted` is told why. A missing or unreadable file is an error that says which.
 */
async function readCompiledPart<T>(dist: string, name: string, untrusted: (why: string) => void, validate: (json: unknown) => Validated<T>): Promise<T> {
  const file = `dist/${name}.json`;
  const refuse = (why: string) => new Error(`ML Associate Prep: ${file} ${why}; reinstall the extension`);
  let json: unknown;
  let matches: boolean;
  try {
    const read = await readHashed(dist, name);
    matches = read.matches;
    json = JSON.parse(read.text);
  } catch (e) {
    throw refuse((e as { code?: unknown }).code === 'ENOENT' ? 'is missing' : `is not valid (${(e as Error).message})`);
  }
  if (matches && (json as { schemaVersion?: unknown } | null)?.schemaVersion === CONTENT_SCHEMA_VERSION) return json as T;
  untrusted(`${file} does not match the hash the build wrote; validating it`);
  const parsed = validate(json);
  if (!parsed.success) throw refuse(`is not valid (${parsed.error.issues[0]?.message})`);
  return parsed.data;
}

/**
 * dist/hoverIndex.json (about 0.6 MB: cards, symbol table, question ids per symbol), or undefined
 * when it is missing, damaged or of another version: the caller then falls back on the bank,
 * which is validated. Nothing here is validated field by field: the hash is the check.
 */
export async function readHoverIndex(dist: string, step: LoadStep = untimed): Promise<HoverContent | undefined> {
  const data = await readIndex<HoverIndexData>(dist, 'hoverIndex', step);
  return data?.version === HOVER_INDEX_VERSION ? step('hoverIndex:build', () => hoverIndex(data)) : undefined;
}

/** dist/planIndex.json (about 40 KB: blueprints, plan weeks, objective titles, question objectives), as readHoverIndex. */
export async function readPlanIndex(dist: string): Promise<PlanContent | undefined> {
  const data = await readIndex<PlanIndexData>(dist, 'planIndex');
  return data?.version === PLAN_INDEX_VERSION ? planIndex(data) : undefined;
}

/** NAME.json when NAME.sha256 (written with it by `cli build`) is its hash; else undefined. */
async function readIndex<T>(dist: string, name: string, step: LoadStep = untimed): Promise<T | undefined> {
  const read = await readHashed(dist, name, step).catch(() => undefined);
  if (!read?.matches || !read.text) return undefined;
  await nextTurn();
  return step(`${name}:parse`, () => JSON.parse(read.text) as T);
}

/** Writes NAME.json and its NAME.sha256 (`cli build`), so readIndex trusts it. */
export function indexFiles(name: string, data: unknown): { name: string; text: string }[] {
  const text = JSON.stringify(data);
  return [{ name: `${name}.json`, text }, { name: `${name}.sha256`, text: sha256(text) }];
}
