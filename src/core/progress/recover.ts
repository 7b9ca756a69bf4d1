import type * as z from 'zod/mini';
import { mergeProgress } from './merge';
import { migrate, MIGRATIONS, type Migration } from './migrations';
import {
  AnswerSchema, emptyProgress, ExamDateSchema, FlagSchema, MockSchema, PROGRESS_VERSION, ProgressSchema, RatingOverrideSchema,
  SessionSchema, TickSchema, type Progress,
} from './schema';

/** What loading a stored value gave: the state to use, and what was wrong with the stored one. */
export interface Recovery {
  progress: Progress;
  /** Plain-words problems, empty when the stored value was valid. */
  problems: string[];
  /** True when the stored value should be backed up before it is overwritten. */
  damaged: boolean;
}

const KNOWN_KEYS = new Set(['version', 'answers', 'ratings', 'flags', 'ticks', 'mocks', 'sessions', 'exam']);
const RECORDS = { ratings: RatingOverrideSchema, flags: FlagSchema, ticks: TickSchema, mocks: MockSchema, sessions: SessionSchema } as const;

/** Keeps every record of a (possibly damaged) state object that is valid on its own. */
export function salvageObject(raw: Record<string, unknown>): { progress: Progress; dropped: number } {
  const p = emptyProgress();
  let dropped = 0;
  if (Array.isArray(raw.answers)) {
    for (const a of raw.answers) {
      const r = AnswerSchema.safeParse(a);
      if (r.success) p.answers.push(r.data);
      else dropped++;
    }
  } else if (raw.answers !== undefined) dropped++;
  if (raw.exam !== undefined) {
    const e = ExamDateSchema.safeParse(raw.exam);
    if (e.success) p.exam = e.data;
    else dropped++;
  }
  for (const [key, schema] of Object.entries(RECORDS) as [keyof typeof RECORDS, z.ZodMiniType][]) {
    const section = raw[key];
    if (section === undefined) continue;
    if (!section || typeof section !== 'object' || Array.isArray(section)) {
      dropped++;
      continue;
    }
    for (const [id, v] of Object.entries(section as Record<string, unknown>)) {
      const r = schema.safeParse(v);
      if (r.success) (p[key] as Record<string, unknown>)[id] = r.data;
      else dropped++;
    }
  }
  // Merging with an empty state normalises order and applies the same pruning as any merge.
  return { progress: mergeProgress(emptyProgress(), p), dropped };
}

/** Every complete JSON object in a text, with the quoted key before it if there is one. */
function* jsonObjects(text: string): Generator<{ key?: string; value: unknown }> {
  const starts: number[] = [];
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') starts.push(i);
    else if (c === '}' && starts.length) {
      const s = starts.pop()!;
      let value: unknown;
      try {
        value = JSON.parse(text.slice(s, i + 1));
      } catch {
        continue;
      }
      const before = /"((?:[^"\\]|\\.)*)"\s*:\s*$/.exec(text.slice(Math.max(0, s - 300), s));
      yield { ...(before ? { key: JSON.parse(`"${before[1]}"`) as string } : {}), value };
    }
  }
}

/** Recovers what it can from text that is not valid JSON (a truncated or damaged file). */
export function salvageText(text: string): { progress: Progress; found: number } {
  const p = emptyProgress();
  let found = 0;
  for (const { key, value } of jsonObjects(text)) {
    const answer = AnswerSchema.safeParse(value);
    if (answer.success) {
      p.answers.push(answer.data);
      found++;
      continue;
    }
    if (!key) continue;
    for (const [section, schema] of Object.entries(RECORDS) as [keyof typeof RECORDS, z.ZodMiniType][]) {
      const r = schema.safeParse(value);
      if (r.success) {
        const id = section === 'mocks' || section === 'sessions' ? (r.data as { id: string }).id : key;
        (p[section] as Record<string, unknown>)[id] = r.data;
        found++;
        break;
      }
    }
  }
  return { progress: mergeProgress(emptyProgress(), p), found };
}

/** Turns whatever was stored (nothing, an object, a JSON string, garbage) into usable state. */
export function recoverProgress(raw: unknown, migrations: Record<number, Migration> = MIGRATIONS): Recovery {
  if (raw === undefined || raw === null) return { progress: emptyProgress(), problems: [], damaged: false };
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch {
      const { progress, found } = salvageText(raw as string);
      return { progress, damaged: true, problems: [`the saved progress was not complete JSON (cut off or damaged); ${found} records were recovered from it`] };
    }
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { progress: emptyProgress(), damaged: true, problems: ['the saved progress was not an object and could not be read'] };
  }
  const obj = raw as Record<string, unknown>;
  const version = typeof obj.version === 'number' ? obj.version : 0;
  const problems: string[] = [];
  let candidate: Record<string, unknown> = obj;
  if (version > PROGRESS_VERSION) {
    problems.push(`the saved progress was written by a newer version of ML Associate Prep (format ${version}); what this version understands was kept`);
  } else if (version < PROGRESS_VERSION) {
    const up = migrate(obj, version, migrations);
    if (up) candidate = up;
    else problems.push(`the saved progress is in format ${version}, which this version cannot upgrade`);
  }
  const foreign = Object.keys(candidate).filter((k) => !KNOWN_KEYS.has(k));
  if (foreign.length) problems.push(`the saved progress had fields this version does not know (${foreign.slice(0, 5).join(', ')})`);
  const parsed = problems.length ? undefined : ProgressSchema.safeParse(candidate);
  if (parsed?.success) return { progress: mergeProgress(emptyProgress(), parsed.data), problems: [], damaged: false };
  const { progress, dropped } = salvageObject(candidate);
  if (dropped) problems.push(`${dropped} damaged record${dropped === 1 ? ' was' : 's were'} left out`);
  if (!problems.length) problems.push('the saved progress did not match the expected format');
  return { progress, problems, damaged: true };
}
