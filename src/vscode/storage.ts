import { randomUUID } from 'node:crypto';
import { appendFile, mkdir, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { mergeProgress } from '../core/progress/merge';
import { emptyProgress } from '../core/progress/schema';
import { progressAsDeltas, replayJournal, type ProgressBackend } from '../core/progress/store';

/** The globalState key of the progress snapshot; synced across machines by Settings Sync. */
export const PROGRESS_KEY = 'mlAssociatePrep.progress';
/** A journal untouched this long belongs to a closed window and may be folded into the base. */
const IDLE_MS = 10 * 60_000;
const LOCK_STALE_MS = 60_000;

/**
 * Progress storage for one window: the snapshot in globalState, and journals (one per window
 * session) plus a compacted base under the extension's global storage folder on this machine.
 */
export class VscodeProgressBackend implements ProgressBackend {
  readonly writerId = randomUUID();
  private readonly dir: string;
  readonly backupDir: string;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.dir = join(context.globalStorageUri.fsPath, 'journal');
    this.backupDir = join(context.globalStorageUri.fsPath, 'backups');
    context.globalState.setKeysForSync([PROGRESS_KEY]);
  }

  readSnapshot(): unknown {
    return this.context.globalState.get(PROGRESS_KEY);
  }

  writeSnapshot(value: unknown): Promise<void> {
    return Promise.resolve(this.context.globalState.update(PROGRESS_KEY, value));
  }

  private dirMade = false;

  async appendJournal(lines: string): Promise<void> {
    const file = join(this.dir, `${this.writerId}.jsonl`);
    // The folder is made once per window, not on every answer (and again if someone removed it).
    if (this.dirMade) {
      try {
        return await appendFile(file, lines, 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
    await mkdir(this.dir, { recursive: true });
    this.dirMade = true;
    await appendFile(file, lines, 'utf8');
  }

  async readJournals(): Promise<{ name: string; text: string }[]> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => n.endsWith('.jsonl'));
    } catch {
      return [];
    }
    const out: { name: string; text: string }[] = [];
    for (const name of names.sort()) {
      try {
        out.push({ name: name.replace(/\.jsonl$/, ''), text: await readFile(join(this.dir, name), 'utf8') });
      } catch {
        // Renamed or removed by another window's compaction between readdir and read: its records
        // are in the base now.
      }
    }
    return out;
  }

  async backup(name: string, content: string): Promise<boolean> {
    await mkdir(this.backupDir, { recursive: true });
    try {
      await writeFile(join(this.backupDir, name), content, { encoding: 'utf8', flag: 'wx' });
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
  }

  /**
   * Folds the journals of closed windows into base.jsonl so the folder does not grow without end.
   * Safe against other windows: one compactor at a time (a lock file), a journal is first renamed
   * (a window still appending would start a new file, not write into the one being folded), and
   * the base is replaced atomically before the folded files are deleted.
   */
  async compact(now = Date.now()): Promise<number> {
    await mkdir(this.dir, { recursive: true });
    const lock = join(this.dir, 'compact.lock');
    try {
      const s = await stat(lock);
      if (now - s.mtimeMs < LOCK_STALE_MS) return 0;
      await unlink(lock);
    } catch {
      // no lock
    }
    let handle;
    try {
      handle = await open(lock, 'wx');
    } catch {
      return 0;
    }
    try {
      const names = await readdir(this.dir);
      const folding: string[] = names.filter((n) => n.startsWith('folding-'));
      for (const n of names) {
        if (!n.endsWith('.jsonl') || n === 'base.jsonl' || n.startsWith('folding-') || n === `${this.writerId}.jsonl`) continue;
        const s = await stat(join(this.dir, n)).catch(() => undefined);
        if (!s || now - s.mtimeMs < IDLE_MS) continue;
        const to = `folding-${now}-${n}`;
        await rename(join(this.dir, n), join(this.dir, to)).catch(() => undefined);
        folding.push(to);
      }
      if (!folding.length) return 0;
      let state = emptyProgress();
      for (const n of ['base.jsonl', ...folding]) {
        const text = await readFile(join(this.dir, n), 'utf8').catch(() => '');
        const { progress, bad } = replayJournal(text);
        if (bad) await this.backup(`${n}-${now}`, text);
        state = mergeProgress(state, progress);
      }
      const tmp = join(this.dir, `base.${this.writerId}.tmp`);
      await writeFile(tmp, progressAsDeltas(state).map((d) => JSON.stringify(d)).join('\n') + '\n', 'utf8');
      await rename(tmp, join(this.dir, 'base.jsonl'));
      for (const n of folding) await unlink(join(this.dir, n)).catch(() => undefined);
      return folding.length;
    } finally {
      await handle.close();
      await unlink(lock).catch(() => undefined);
    }
  }
}
