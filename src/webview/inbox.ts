import type { ToWebview } from '../protocol';
import { TO_WEBVIEW_TYPES } from '../protocolLimits';

// What the panel accepts from the outside. The extension builds every message from typed views (and
// the protocol's schemas are checked against them in the unit tests), so the webview checks only
// that a message is one of ours by its kind: this keeps zod out of the webview bundle. Anything
// else posted to the window (another extension's frame, a stray event) is ignored.

const KINDS: ReadonlySet<string> = new Set(TO_WEBVIEW_TYPES);

/** The message if it is one the extension sends, else undefined. */
export function fromExtension(data: unknown): ToWebview | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const m = data as { type?: unknown; view?: unknown };
  if (typeof m.type !== 'string' || !KINDS.has(m.type)) return undefined;
  if (m.type === 'render' && (!m.view || typeof m.view !== 'object' || typeof (m.view as { screen?: unknown }).screen !== 'string')) return undefined;
  return data as ToWebview;
}
