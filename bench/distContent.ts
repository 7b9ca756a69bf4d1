import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QuizContentSchema, ReferenceContentSchema, type CompiledContent, type QuizContent } from '../src/core/content/compiled';
import { mergeContent } from '../src/core/content/contentParts';

// The built content for the benches, validated: the quiz part (dist/content.json) alone, or both
// parts merged (with dist/reference.json: cards, symbols, rule pages) as the CLI loads them.

const DIST = join(__dirname, '..', 'dist');
const part = (name: string): unknown => {
  if (!existsSync(join(DIST, 'reference.json'))) execFileSync(process.execPath, [join(DIST, '..', 'esbuild.config.mjs')], { cwd: join(DIST, '..'), stdio: 'inherit' });
  return JSON.parse(readFileSync(join(DIST, name), 'utf8'));
};

/** dist/content.json: what the bank is made of. */
export const quizContent = (): QuizContent => QuizContentSchema.parse(part('content.json'));

/** Both parts merged: the bank's content plus the cards, symbols, keywords and rule pages. */
export const compiledContent = (): CompiledContent => mergeContent(quizContent(), ReferenceContentSchema.parse(part('reference.json')));
