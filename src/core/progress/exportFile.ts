import * as z from 'zod/mini';
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

/**
 * The most an import may hold. A real learner's file is far below (the bank has hundreds of
 * questions; 100,000 answers is years of daily practice). Above it, validating alone would freeze
 * the extension host for tens of seconds (1,000,000 records took 5 to 30 s and gigabytes), and every
 * later answer would rewrite a snapshot of that size: the file is refused as a whole instead.
 */
export const MAX_IMPORT_RECORDS = 100_000;
/** Characters of the file (the adapter checks its size in bytes first); a 100,000-answer export is about 20 MB. */
export const MAX_IMPORT_CHARS = 64 * 1024 * 1024;
/** Values (by their separating commas) a file may hold: 40 per record, twice what a real one uses. */
export const MAX_IMPORT_VALUES = 40 * MAX_IMPORT_RECORDS;
/** Clock skew allowed between machines; a record stamped later than this cannot be real. */
export const FUTURE_TOLERANCE_MS = 24 * 3_600_000;

/** Why a file over MAX_IMPORT_CHARS is refused (the adapter says it before reading the file). */
export const TOO_LARGE = `the file is larger than ${MAX_IMPORT_CHARS / 1024 / 1024} MB, more than a progress file can be`;

const SECTIONS = ['ratings', 'flags', 'ticks', 'mocks', 'sessions'] as const;

/** Top-level records of a parsed progress object, counted without validating them. */
function recordCount(raw: unknown): number {
  if (!raw || typeof raw !== 'object') return 0;
  const o = raw as Record<string, unknown>;
  let n = Array.isArray(o.answers) ? o.answers.length : 0;
  for (const k of SECTIONS) if (o[k] && typeof o[k] === 'object') n += Object.keys(o[k]).length;
  return n;
}

const tooMany = (n: number) => `the file holds ${n.toLocaleString('en-US')} records, more than the ${MAX_IMPORT_RECORDS.toLocaleString('en-US')} a progress file can hold`;

/**
 * Leaves out records stamped after `limit`. Merging keeps the later of two stamped records, so an
 * imported tick dated in 3000 would beat every change the learner makes for ten centuries.
 */
function withoutFuture(p: Progress, limit: number): { progress: Progress; dropped: number } {
  let dropped = 0;
  const keep = (...stamps: (number | undefined)[]) => (stamps.some((t) => t !== undefined && t > limit) ? (dropped++, false) : true);
  const filter = <T>(r: Record<string, T>, stamps: (x: T) => (number | undefined)[]) => Object.fromEntries(Object.entries(r).filter(([, x]) => keep(...stamps(x))));
  const progress: Progress = {
    ...p,
    answers: p.answers.filter((a) => keep(a.at)),
    ratings: filter(p.ratings, (r) => [r.at]),
    flags: filter(p.flags, (f) => [f.at]),
    ticks: filter(p.ticks, (t) => [t.at]),
    mocks: filter(p.mocks, (m) => [m.startedAt, m.updatedAt, m.finishedAt]),
    sessions: filter(p.sessions, (s) => [s.startedAt, s.updatedAt, s.finishedAt]),
  };
  return { progress, dropped };
}

/** The file's progress before the date check, or why nothing can be imported. */
function parseExport(text: string): ImportResult {
  if (text.length > MAX_IMPORT_CHARS) return { problems: [TOO_LARGE] };
  // Every record is an object, so counting braces bounds the records before parsing: parsing alone
  // takes seconds for a million (a legit file's sessions and mocks add far fewer than the slack).
  let braces = 0;
  for (let i = text.indexOf('{'); i >= 0 && braces <= 2 * MAX_IMPORT_RECORDS; i = text.indexOf('{', i + 1)) braces++;
  if (braces > 2 * MAX_IMPORT_RECORDS) return { problems: [`the file holds over ${(2 * MAX_IMPORT_RECORDS).toLocaleString('en-US')} objects, more than the ${MAX_IMPORT_RECORDS.toLocaleString('en-US')} records a progress file can hold`] };
  // A huge list inside one record (a session of a million question ids) has no braces: commas bound
  // every value, about twenty per record in a real file.
  let commas = 0;
  for (let i = text.indexOf(','); i >= 0 && commas <= MAX_IMPORT_VALUES; i = text.indexOf(',', i + 1)) commas++;
  if (commas > MAX_IMPORT_VALUES) return { problems: [`the file holds over ${MAX_IMPORT_VALUES.toLocaleString('en-US')} values, more than a progress file of ${MAX_IMPORT_RECORDS.toLocaleString('en-US')} records can hold`] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    const recovered = recoverProgress(text);
    if (recovered.progress.answers.length || Object.keys(recovered.progress.ticks).length) {
      return { progress: recovered.progress, problems: [`the file is not complete JSON (${why})`, ...recovered.problems] };
    }
    return { problems: [`the file is not JSON: ${why}`] };
  }
  const envelope = z.object({ format: z.literal(EXPORT_FORMAT), progress: z.unknown() }).safeParse(json);
  if (!envelope.success) return { problems: [`this is not an ML Associate Prep progress export (no "format": "${EXPORT_FORMAT}")`] };
  const n = recordCount(envelope.data.progress);
  if (n > MAX_IMPORT_RECORDS) return { problems: [tooMany(n)] };
  return recoverProgress(envelope.data.progress);
}

/**
 * Reads an export file; never throws. Invalid records are reported and left out, and so are records
 * dated in the future (`now` is the reader's clock). A file too large to read safely is refused.
 */
export function readExport(text: string, now: number = Date.now()): ImportResult {
  const r = parseExport(text);
  if (!r.progress) return r;
  const limit = now + FUTURE_TOLERANCE_MS;
  const { progress, dropped } = withoutFuture(r.progress, limit);
  if (!dropped) return r;
  return { progress, problems: [...r.problems, `${dropped} record${dropped === 1 ? ' was' : 's were'} dated in the future (after ${new Date(limit).toISOString().slice(0, 10)}) and left out`] };
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
