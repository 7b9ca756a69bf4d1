// dist/packCompiler.js's entry: what the extension needs only for question packs or a damaged
// dist/content.json or dist/reference.json (the pack reader and compiler, marked, yaml, and the
// content schemas with classic zod). src/vscode/content.ts requires it on first use, so activation never parses it.
export { compilePack } from '../core/content/pack';
export { QuizContentSchema, ReferenceContentSchema } from '../core/content/compiled';
export { loadPacks } from './packLoader';
