// The quiz bundle's entry (dist/quiz.js): the quiz app, its engine, scheduler and statistics, and
// the protocol's schemas. The extension requires it the first time a quiz view or a quiz command
// needs it (src/vscode/lazyBundles.ts), so activation never parses it.
export { handle, initialScreen, practiceIds, practiceObjectives, practiceSymbols, render, startGoalOutcome, startReviewOutcome, tick } from './core/quizApp';
export { activeSession, finishSession } from './core/engine/session';
export { FromWebviewSchema } from './protocol';
export { examForecast } from './core/study/forecast';
