// dist/tools.js's entry: what only a command uses (progress import and export, the workspace API
// scan, the question and API pickers, the notes document's text). The extension requires it the first time one of those
// commands runs (src/vscode/lazyBundles.ts), so activation never parses it.
export { pickApisOrObjectives, searchQuestions } from './finders';
export { exportProgress, importProgress } from './progressFile';
export { practiceWorkspaceApis } from './workspaceUsage';
export { notesDocumentMarkdown } from '../core/hover/notesDocument';
