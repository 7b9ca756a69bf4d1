// dist/fsrs.js: ts-fsrs on its own, required on first use through src/vscode/lazyFsrs.ts.
export * from 'ts-fsrs';
