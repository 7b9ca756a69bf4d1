import type { CompiledContent, QuizContent, ReferenceContent } from './compiled';

// Free of zod (compiled.ts holds the schemas), so the extension merges the parts without carrying them.

/** The compiled content again from its two parts (compiled.ts's splitContent undone). */
export function mergeContent(quiz: QuizContent, reference: ReferenceContent): CompiledContent {
  return { ...quiz, ...reference };
}
