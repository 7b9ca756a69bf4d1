import { join } from 'node:path';

// Bundles the extension requires on first use rather than at activation (each is parsed only when
// a surface needs it; see scripts/lib/bundles.mjs for their entries and size budgets). A computed
// path keeps esbuild from inlining the module into extension.js; the types come from the sources,
// so a call through a loader is checked like a direct import.

type QuizBundle = typeof import('../quiz');
type TrapBundle = typeof import('../core/traps/engine');
type ToolsBundle = typeof import('./tools');

let quiz: QuizBundle | undefined;
let traps: TrapBundle | undefined;
let tools: ToolsBundle | undefined;

/** The quiz app, engine and protocol schemas (dist/quiz.js): loaded when a quiz view or command first needs them. */
export function quizBundle(): QuizBundle {
  return (quiz ??= require(join(__dirname, 'quiz.js')) as QuizBundle);
}

/** The exam-trap rules (dist/traps.js): loaded on the first diagnostics pass, after activation. */
export function trapBundle(): TrapBundle {
  return (traps ??= require(join(__dirname, 'traps.js')) as TrapBundle);
}

/** Progress import and export, the workspace API scan, the pickers (dist/tools.js): loaded when one of those commands first runs. */
export function toolsBundle(): ToolsBundle {
  return (tools ??= require(join(__dirname, 'tools.js')) as ToolsBundle);
}
