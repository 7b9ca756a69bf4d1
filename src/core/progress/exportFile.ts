import * as z from 'zod';
import { recoverProgress } from './recover';
import type { Progress } from './schema';

/** The export file: a marker, when, and the progress state (its own version inside). */
export const EXPORT_FORMAT = 'ml-associate-prep-progress';

export function exportDocument(progress: Progress, now: number): string {
  return JSON.stringify({ format: EXPORT_FORMAT, exportedAt: new Date(now).toISOString(), progress }, null, 1);
}

export interface ImportResult {
  progress?: Progress;
  /** Plain-words problems; with `progress` set they are warnings about records left out. */
  problems: string[];
}

/** Reads an export file; never throws. Invalid records are reported and left out. */
export function readExport(text: string): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const recovered = recoverProgress(text);
    if (recovered.progress.answers.length || Object.keys(recovered.progress.ticks).length) {
      return { progress: recovered.progress, problems: [`the file is not complete JSON (${e instanceof Error ? e.message : 'parse error'})`, ...recovered.problems] };
    }
    return { problems: [`the file is not JSON: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const envelope = z.object({ format: z.literal(EXPORT_FORMAT), progress: z.unknown() }).safeParse(json);
  if (!envelope.success) return { problems: [`this is not an ML Associate Prep progress export (no "format": "${EXPORT_FORMAT}")`] };
  const r = recoverProgress(envelope.data.progress);
  return { progress: r.progress, problems: r.problems };
}

/**
 * What importing would really change: answers not yet known, and ticks, mocks and flags that are
 * new or newer than ours (merge keeps the later of two stamped records). Re-importing one's own
 * export therefore reports nothing new.
 */
export function importSummary(current: Progress, incoming: Progress): { newAnswers: number; answers: number; ticks: number; mocks: number; flags: number } {
  const known = new Set(current.answers.map((a) => a.id));
  const newer = <T>(mine: Record<string, T>, theirs: Record<string, T>, stamp: (x: T) => number) =>
    Object.entries(theirs).filter(([id, x]) => !Object.hasOwn(mine, id) || stamp(x) > stamp(mine[id]!)).length;
  return {
    newAnswers: incoming.answers.filter((a) => !known.has(a.id)).length,
    answers: incoming.answers.length,
    ticks: newer(current.ticks, incoming.ticks, (t) => t.at),
    mocks: newer(current.mocks, incoming.mocks, (m) => m.updatedAt),
    flags: newer(current.flags, incoming.flags, (f) => f.at),
  };
}
