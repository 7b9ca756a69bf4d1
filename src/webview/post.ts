import type { FromWebview } from '../protocol';
/** Sends a user intent to the extension. */
export type Post = (msg: FromWebview) => void;
