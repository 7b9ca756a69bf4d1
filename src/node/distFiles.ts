import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CompiledContentSchema, CONTENT_SCHEMA_VERSION, type CompiledContent } from '../core/content/compiled';
import { HOVER_INDEX_VERSION, hoverIndex, type HoverContent, type HoverIndexData } from '../core/hover/hoverIndex';

// The files `cli build` writes into dist/, read as the extension reads them. The build validated
// them and wrote their hashes: a file that is that file, of the version this code knows, is trusted
// as is (validating 1.97 MB with zod again would block the extension host for ~50 ms).

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const expectedHash = (file: string) => readFile(file, 'utf8').then((t) => t.trim(), () => '');

/**
 * dist/content.json. Trusted when its hash and schema version match; anything else (a hand-edited
 * or damaged file) is validated first, and `untrusted` is told why.
 */
export async function readContent(dist: string, untrusted: (why: string) => void): Promise<CompiledContent> {
  const [text, expected] = await Promise.all([readFile(join(dist, 'content.json'), 'utf8'), expectedHash(join(dist, 'content.sha256'))]);
  const json: unknown = JSON.parse(text);
  if (expected && sha256(text) === expected && (json as { schemaVersion?: unknown }).schemaVersion === CONTENT_SCHEMA_VERSION) return json as CompiledContent;
  untrusted('dist/content.json does not match the hash the build wrote; validating it');
  const parsed = CompiledContentSchema.safeParse(json);
  if (!parsed.success) throw new Error(`ML Associate Prep: dist/content.json is not valid (${parsed.error.issues[0]?.message}); reinstall the extension`);
  return parsed.data;
}

/**
 * dist/hoverIndex.json (about 0.6 MB: cards, symbol table, question ids per symbol), or undefined
 * when it is missing, damaged or of another version: the caller then falls back on the bank,
 * which is validated. Nothing here is validated field by field: the hash is the check.
 */
export async function readHoverIndex(dist: string): Promise<HoverContent | undefined> {
  const [text, expected] = await Promise.all([readFile(join(dist, 'hoverIndex.json'), 'utf8').catch(() => ''), expectedHash(join(dist, 'hoverIndex.sha256'))]);
  if (!text || !expected || sha256(text) !== expected) return undefined;
  const data = JSON.parse(text) as HoverIndexData;
  return data.version === HOVER_INDEX_VERSION ? hoverIndex(data) : undefined;
}
