/**
 * One turn of the event loop: what waits (input, other extensions' work) runs before the caller
 * goes on. Long work right after activation, in the extension host every extension shares, is cut
 * into steps with this between them.
 */
export const nextTurn = (): Promise<void> => new Promise<void>((resolve) => setImmediate(resolve));
