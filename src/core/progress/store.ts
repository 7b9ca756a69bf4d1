import { mergeProgress } from './merge';
import { recoverProgress } from './recover';
import { deltaAsProgress, DeltaSchema, emptyProgress, type Delta, type Progress } from './schema';

/**
 * Where progress lives, as seen by one window. The snapshot is the value kept in VS Code's
 * globalState (synced across machines); journals are append-only files, one per window, in the
 * extension's global storage on this machine.
 */
export interface ProgressBackend {
  readSnapshot(): unknown;
  writeSnapshot(value: Progress): Promise<void>;
  /** Appends lines to this window's own journal. */
  appendJournal(lines: string): Promise<void>;
  /** Every journal on this machine (this window's and others'). */
  readJournals(): Promise<{ name: string; text: string }[]>;
  /**
   * Keeps a copy of something damaged before it is replaced. Resolves false when a backup of that
   * name was already kept (the same damage, already told), true when this copy is new.
   */
  backup(name: string, content: string): Promise<boolean>;
}

export interface LoadReport {
  problems: string[];
  backups: string[];
}

/** Replays journal lines; damaged lines are counted, not fatal. */
export function replayJournal(text: string): { progress: Progress; bad: number } {
  let progress = emptyProgress();
  let bad = 0;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      bad++;
      continue;
    }
    const d = DeltaSchema.safeParse(parsed);
    if (d.success) progress = mergeProgress(progress, deltaAsProgress(d.data));
    else bad++;
  }
  return { progress, bad };
}

/**
 * The one way the product reads and writes progress. Every change is first appended to this
 * window's journal (so no other window can overwrite it), then merged into the in-memory state and
 * into the synced snapshot (re-read just before writing, so changes from other windows and
 * machines are kept). Writes are serialised within a window.
 */
export class ProgressStore {
  private state: Progress = emptyProgress();
  private queue: Promise<void> = Promise.resolve();
  private listeners: ((p: Progress) => void)[] = [];

  constructor(private readonly backend: ProgressBackend, private readonly now: () => number = Date.now) {}

  get progress(): Progress {
    return this.state;
  }

  onDidChange(listener: (p: Progress) => void): { dispose(): void } {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  }

  /** Reads snapshot and journals, recovering what it can and backing up anything damaged. */
  async load(): Promise<LoadReport> {
    const report: LoadReport = { problems: [], backups: [] };
    const raw = this.backend.readSnapshot();
    const snap = recoverProgress(raw);
    if (snap.damaged) {
      const name = `snapshot-${this.now()}.json`;
      await this.backend.backup(name, typeof raw === 'string' ? raw : JSON.stringify(raw, null, 1));
      report.backups.push(name);
      report.problems.push(...snap.problems);
    }
    let state = snap.progress;
    for (const j of await this.backend.readJournals()) {
      const { progress, bad } = replayJournal(j.text);
      state = mergeProgress(state, progress);
      // A damaged journal stays in place until compaction folds it (it may be a live window's),
      // so every start reads the damage again: it is kept and told once. Journals only grow, so
      // their length names their content.
      const name = `journal-${j.name}-${j.text.length}.jsonl`;
      if (bad && (await this.backend.backup(name, j.text))) {
        report.backups.push(name);
        report.problems.push(`${bad} damaged line${bad === 1 ? '' : 's'} in a progress journal ${bad === 1 ? 'was' : 'were'} skipped`);
      }
    }
    this.state = mergeProgress(this.state, state);
    // Writing back repairs a damaged snapshot and folds in what other windows journaled.
    if (snap.damaged || JSON.stringify(this.state) !== JSON.stringify(snap.progress)) await this.enqueue(() => this.writeSnapshot());
    this.emit();
    return report;
  }

  /** Records changes: journal first, then memory, then the synced snapshot. */
  apply(...deltas: Delta[]): Promise<void> {
    return this.enqueue(async () => {
      // Each append starts on a fresh line, so a torn earlier write cannot swallow this one.
      await this.backend.appendJournal('\n' + deltas.map((d) => JSON.stringify(d)).join('\n') + '\n');
      for (const d of deltas) this.state = mergeProgress(this.state, deltaAsProgress(d));
      this.emit();
      await this.writeSnapshot();
    });
  }

  /** Folds in a state from outside (an imported file); returns the merged result. */
  importState(p: Progress): Promise<void> {
    return this.enqueue(async () => {
      const deltas = progressAsDeltas(p);
      if (deltas.length) await this.backend.appendJournal('\n' + deltas.map((d) => JSON.stringify(d)).join('\n') + '\n');
      this.state = mergeProgress(this.state, p);
      this.emit();
      await this.writeSnapshot();
    });
  }

  /** Picks up what other windows or Settings Sync wrote since the last read. */
  refresh(): Promise<void> {
    return this.enqueue(async () => {
      const before = JSON.stringify(this.state);
      this.state = mergeProgress(this.state, recoverProgress(this.backend.readSnapshot()).progress);
      for (const j of await this.backend.readJournals()) this.state = mergeProgress(this.state, replayJournal(j.text).progress);
      if (JSON.stringify(this.state) !== before) this.emit();
    });
  }

  private async writeSnapshot(): Promise<void> {
    const stored = recoverProgress(this.backend.readSnapshot());
    this.state = mergeProgress(stored.progress, this.state);
    await this.backend.writeSnapshot(this.state);
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private emit(): void {
    for (const l of this.listeners) l(this.state);
  }
}

/** A whole state as the deltas that rebuild it (for journaling an import). */
export function progressAsDeltas(p: Progress): Delta[] {
  return [
    ...p.answers.map((a): Delta => ({ t: 'answer', a })),
    ...Object.entries(p.ratings).map(([id, r]): Delta => ({ t: 'rating', id, r })),
    ...Object.entries(p.flags).map(([q, f]): Delta => ({ t: 'flag', q, f })),
    ...Object.entries(p.ticks).map(([id, tick]): Delta => ({ t: 'tick', id, tick })),
    ...Object.values(p.mocks).map((m): Delta => ({ t: 'mock', m })),
    ...Object.values(p.sessions).map((s): Delta => ({ t: 'session', s })),
    ...(p.exam ? [{ t: 'exam', e: p.exam } satisfies Delta] : []),
  ];
}
