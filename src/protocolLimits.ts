// The protocol's constants, free of zod: the webview bundle imports these without pulling in the
// schemas (src/protocol.ts), which only the extension validates with.

/** Answers before the panel shows a readiness estimate and a chance of passing. */
export const READINESS_MIN = 10;
/** Longest id (question, answer, mock, domain) a message may carry. */
export const MAX_MESSAGE_ID_CHARS = 200;
/** Longest Markdown text (stem, option, explanation) a message may carry. */
export const MAX_MESSAGE_MARKDOWN_CHARS = 20_000;
/** Most questions a practice session or a mock may hold. */
export const MAX_SESSION_SIZE = 500;
/** Longest URL the panel may ask the extension to open. */
export const MAX_URL_CHARS = 2000;
/** The message kinds the extension sends; the webview checks only this (src/webview/inbox.ts). */
export const TO_WEBVIEW_TYPES = ['render', 'focus'] as const;
