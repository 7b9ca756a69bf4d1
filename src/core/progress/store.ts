import { CardIndex } from '../scheduling/cardIndex';
import { rememberCards, replayAll, type CardState } from '../scheduler';
import { applyDelta } from './applyDelta';
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

/** Answers recorded between two writes of the synced snapshot (the journal holds each one at once). */
export const SNAPSHOT_EVERY = 25;

export interface StoreOptions {
  /** Answers between snapshot writes (other changes wait for the next write or flush()). */
  snapshotEvery?: number;
  /**
   * Resolves when the host has a moment: a due snapshot write waits for it, so it runs after the
   * answer's feedback is drawn, not before (the adapter passes a timer; the core has none).
   */
  idle?: () => Promise<void>;
}

/**
 * The one way the product reads and writes progress. Every change is first appended to this
 * window's journal (so no other window can overwrite it, and a crash right after cannot lose it),
 * then applied to the in-memory state; the synced snapshot (re-read just before writing, so
 * changes from other windows and machines are kept) is rewritten every SNAPSHOT_EVERY changes and
 * on flush(): rewriting the whole history on every answer would make answers slower as it grows.
 * Writes are serialised within a window. The scheduler's cards follow the state answer by answer
 * (CardIndex) and are rebuilt only when the state changes from outside (load, import, refresh,
 * another window's snapshot).
 */
export class ProgressStore {
  private state: Progress = emptyProgress();
  private queue: Promise<void> = Promise.resolve();
  private listeners: ((p: Progress) => void)[] = [];
  private index: CardIndex | undefined;
  /** The value this window last wrote as the snapshot: while the backend still holds it, nobody else wrote. */
  private written: unknown;
  /** Changes, and answers, recorded since the snapshot was last written. */
  private unsaved = 0;
  private answersUnsaved = 0;

  private readonly snapshotEvery: number;
  private readonly idle: () => Promise<void>;

  constructor(private readonly backend: ProgressBackend, private readonly now: () => number = Date.now, options: StoreOptions = {}) {
    this.snapshotEvery = options.snapshotEvery ?? SNAPSHOT_EVERY;
    this.idle = options.idle ?? (() => Promise.resolve());
  }

  get progress(): Progress {
    return this.state;
  }

  /** The scheduler's cards of the current state (kept per answer; cardsFrom(store.progress) gives the same). */
  get cards(): Map<string, CardState> {
    return this.cardIndex().cards;
  }

  onDidChange(listener: (p: Progress) => void): { dispose(): void } {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  }

  /**
   * Resolves once load() has finished (successfully or not): a surface that draws from the
   * progress right at start-up (a quiz tab restored after a reload) must not draw the empty state.
   */
  whenLoaded(): Promise<void> {
    return this.loadedOnce;
  }
  private markLoaded: () => void = () => undefined;
  private readonly loadedOnce = new Promise<void>((resolve) => (this.markLoaded = resolve));

  /** Reads snapshot and journals, recovering what it can and backing up anything damaged. */
  async load(): Promise<LoadReport> {
    try {
      return await this.loadOnce();
    } finally {
      this.markLoaded();
    }
  }

  private async loadOnce(): Promise<LoadReport> {
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
    this.replace(mergeProgress(this.state, state));
    // Writing back repairs a damaged snapshot and folds in what other windows journaled.
    if (snap.damaged || JSON.stringify(this.state) !== JSON.stringify(snap.progress)) await this.enqueue(() => this.writeSnapshot());
    else this.written = raw; // the stored snapshot is this state
    this.emit();
    return report;
  }

  /**
   * Records changes: journal first (resolved once the journal holds them), then memory (listeners
   * are told). Every so many answers the synced snapshot is written too, as a task of its own once
   * the host is idle (the next change waits for it; a failed write is retried with the next one).
   */
  apply(...deltas: Delta[]): Promise<void> {
    return this.enqueue(async () => {
      // Each append starts on a fresh line, so a torn earlier write cannot swallow this one.
      await this.backend.appendJournal('\n' + deltas.map((d) => JSON.stringify(d)).join('\n') + '\n');
      for (const d of deltas) this.applyOne(d);
      this.remember();
      this.unsaved += deltas.length;
      this.answersUnsaved += deltas.filter((d) => d.t === 'answer').length;
      this.emit();
      if (this.answersUnsaved >= this.snapshotEvery) {
        this.answersUnsaved = 0;
        this.enqueue(() => this.idle().then(() => this.writeSnapshot())).catch(() => undefined);
      }
    });
  }

  /** Writes the synced snapshot if changes were recorded since the last write (on leaving the window, on a timer, at shutdown). */
  flush(): Promise<void> {
    return this.enqueue(async () => {
      if (this.unsaved) await this.writeSnapshot();
    });
  }

  /** Folds in a state from outside (an imported file); returns the merged result. */
  importState(p: Progress): Promise<void> {
    return this.enqueue(async () => {
      const deltas = progressAsDeltas(p);
      if (deltas.length) await this.backend.appendJournal('\n' + deltas.map((d) => JSON.stringify(d)).join('\n') + '\n');
      this.replace(mergeProgress(this.state, p));
      this.emit();
      await this.writeSnapshot();
    });
  }

  /** Picks up what other windows or Settings Sync wrote since the last read. */
  refresh(): Promise<void> {
    return this.enqueue(async () => {
      const before = JSON.stringify(this.state);
      let state = mergeProgress(this.state, recoverProgress(this.backend.readSnapshot()).progress);
      for (const j of await this.backend.readJournals()) state = mergeProgress(state, replayJournal(j.text).progress);
      if (JSON.stringify(state) === before) return;
      this.replace(state);
      this.emit();
    });
  }

  /** One change applied in place of a merge (same result); the cards follow it. */
  private applyOne(d: Delta): void {
    const { progress, answers } = applyDelta(this.state, d);
    if (progress === this.state) return;
    const index = this.index;
    this.state = progress;
    if (!index) return;
    if (answers === 'replaced') this.index = undefined;
    else if (answers === 'added' && d.t === 'answer') this.index = index.withAnswer(d.a, progress.ratings);
    else if (d.t === 'rating') this.index = index.withRating(d.id, progress.ratings);
  }

  /** A state from outside: the cards are rebuilt from it when next asked for. */
  private replace(state: Progress): void {
    this.state = state;
    this.index = undefined;
    this.remember();
  }

  /** Lets cardsFrom(store.progress) use the index (a state replaced since then is replayed on its own). */
  private remember(): void {
    const state = this.state;
    rememberCards(state, () => (this.state === state ? this.cardIndex().cards : replayAll(state)));
  }

  /**
   * Builds the cards of the current state in slices, `pause()` between them, unless they are built
   * already: the status bar and the quiz await this before their first count, so a long history
   * is replayed in turns of the event loop rather than in one block at start-up. A state that
   * changes meanwhile is left to the next synchronous use (its cards are rebuilt then).
   */
  async prepareCards(pause: () => Promise<void>): Promise<void> {
    if (this.index) return;
    const state = this.state;
    if (this.preparing?.state !== state) this.preparing = { state, index: CardIndex.ofInSlices(state, pause) };
    const index = await this.preparing.index;
    if (this.state === state && !this.index) this.index = index;
    if (this.preparing?.state === state) this.preparing = undefined;
  }
  /** The slice-by-slice build under way, and the state it is for (two callers share one). */
  private preparing: { state: Progress; index: Promise<CardIndex> } | undefined;

  private cardIndex(): CardIndex {
    this.index ??= CardIndex.of(this.state);
    return this.index;
  }

  private async writeSnapshot(): Promise<void> {
    const raw = this.backend.readSnapshot();
    // Still the value this window wrote: nothing to fold in (this state already holds it).
    if (raw !== this.written) {
      const merged = mergeProgress(recoverProgress(raw).progress, this.state);
      if (JSON.stringify(merged) !== JSON.stringify(this.state)) this.replace(merged);
    }
    this.unsaved = 0;
    this.answersUnsaved = 0;
    this.written = this.state;
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
