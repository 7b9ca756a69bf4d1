import { readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { SourceFile } from '../core/content/compile';
import { fileTooBigMessage, MAX_FILE_BYTES, MAX_FOLDER_DEPTH, MAX_FOLDER_ENTRIES, MAX_PACK_BYTES, MAX_PACK_FILES } from '../core/content/limits';
import type { Diagnostic } from '../core/diagnostics';
import { kindOf, readRegularFile } from './safeRead';

// Reads the Markdown files of question packs (and of the project's questions/) for the CLI and the
// extension alike. A pack folder is someone else's: it may hold symbolic links that loop or lead
// out of it, named pipes, huge or binary files. So the walk follows a link only to a place inside
// the folder it was asked to read and never into a folder twice, reads regular files only, each up
// to a size cap, and reports every file it leaves out as `file:line: message`.

export interface PackRead {
  files: SourceFile[];
  /** Files left out, with why. */
  problems: Diagnostic[];
  /** Named paths that are not a readable file or folder at all (a wrong setting or argument). */
  unreadable: { path: string; message: string }[];
}

const isMarkdown = (name: string) => /\.md$/i.test(name) && name.toLowerCase() !== 'readme.md';
const inside = (p: string, root: string) => p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);
const codeOf = (e: unknown) => (e as { code?: string }).code ?? (e instanceof Error ? e.message : String(e));

/** Why a named path cannot be read, in one line. */
export function pathProblem(path: string, e: unknown): string {
  const code = codeOf(e);
  if (code === 'ENOENT') return `${path}: no such file or folder`;
  if (code === 'ELOOP') return `${path}: a loop of symbolic links`;
  if (code === 'EACCES' || code === 'EPERM') return `${path}: permission denied`;
  if (code === 'ENOTDIR') return `${path}: a part of the path is not a folder`;
  return `${path}: cannot be read (${code})`;
}

/**
 * Reads the Markdown files (*.md, any case, README.md excepted) under each path, in name order; a
 * path naming a file is read whatever its name. `label` turns an absolute path into the path the
 * diagnostics print.
 */
export function readPackFiles(paths: readonly string[], label: (abs: string) => string): PackRead {
  const out: PackRead = { files: [], problems: [], unreadable: [] };
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();
  let bytes = 0;
  let entries = 0;
  let stopped = false;
  const problem = (shown: string, message: string, line = 1, severity: Diagnostic['severity'] = 'error') => out.problems.push({ file: label(shown), line, message, severity });

  const readFile = (real: string, shown: string) => {
    if (seenFiles.has(real)) return; // reached again through a link: read once
    seenFiles.add(real);
    if (out.files.length >= MAX_PACK_FILES) {
      problem(shown, `more than ${MAX_PACK_FILES} Markdown files in the question packs: this file and the rest are left out`);
      stopped = true;
      return;
    }
    let r: ReturnType<typeof readRegularFile>;
    try {
      r = readRegularFile(real, MAX_FILE_BYTES, { strict: true, tooBig: fileTooBigMessage });
    } catch (e) {
      problem(shown, `cannot be read (${codeOf(e)})`);
      return;
    }
    if ('problem' in r) {
      problem(shown, r.problem, r.line);
      return;
    }
    bytes += Buffer.byteLength(r.text);
    if (bytes > MAX_PACK_BYTES) {
      problem(shown, `the question packs' files add up to more than ${MAX_PACK_BYTES / (1024 * 1024)} MB: this file and the rest are left out`);
      stopped = true;
      return;
    }
    out.files.push({ path: label(shown), text: r.text });
  };

  const walk = (real: string, shown: string, root: string, depth: number) => {
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    let list: Dirent[];
    try {
      list = readdirSync(real, { withFileTypes: true });
    } catch (e) {
      problem(shown, `folder cannot be read (${codeOf(e)})`);
      return;
    }
    list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of list) {
      if (stopped) return;
      if (++entries > MAX_FOLDER_ENTRIES) {
        problem(shown, `more than ${MAX_FOLDER_ENTRIES} entries in the question pack folders: the rest are not read`);
        stopped = true;
        return;
      }
      // .git, .vscode and the like hold no questions, and may be large.
      if (e.name.startsWith('.')) continue;
      const entryShown = join(shown, e.name);
      let target = join(real, e.name);
      let st: Stats | undefined;
      if (e.isSymbolicLink()) {
        // A broken link named like a question file or a folder is reported; others are not ours.
        const mayMatter = isMarkdown(e.name) || !/\.[^.]+$/.test(e.name);
        try {
          target = realpathSync(target);
          st = statSync(target);
        } catch (err) {
          const code = codeOf(err);
          if (mayMatter) problem(entryShown, code === 'ELOOP' ? 'symbolic link loop' : code === 'ENOENT' ? 'broken symbolic link (its target does not exist)' : `symbolic link cannot be followed (${code})`);
          continue;
        }
        if (!inside(target, root)) {
          if (mayMatter || st.isDirectory()) problem(entryShown, 'symbolic link to a place outside the pack folder: not followed', 1, 'warning');
          continue;
        }
        if (st.isDirectory() && inside(real, target)) {
          problem(entryShown, 'symbolic link to a folder that holds it (a loop): not followed', 1, 'warning');
          continue;
        }
      }
      const isDir = st ? st.isDirectory() : e.isDirectory();
      if (isDir) {
        if (depth >= MAX_FOLDER_DEPTH) problem(entryShown, `folders nest more than ${MAX_FOLDER_DEPTH} deep here: not read`);
        else walk(target, entryShown, root, depth + 1);
        continue;
      }
      if (!isMarkdown(e.name)) continue;
      const isFile = st ? st.isFile() : e.isFile();
      if (!isFile) {
        // Checked before opening: a read of a named pipe waits for a writer forever.
        let what = 'a special file';
        try {
          what = kindOf(st ?? statSync(target));
        } catch {
          // Gone since the listing: say what we know.
        }
        problem(entryShown, `${what}, not a file`);
        continue;
      }
      readFile(target, entryShown);
    }
  };

  for (const p of paths) {
    const abs = resolve(p);
    let real: string;
    let st: Stats;
    try {
      real = realpathSync(abs);
      st = statSync(real);
    } catch (e) {
      out.unreadable.push({ path: p, message: pathProblem(p, e) });
      continue;
    }
    if (st.isDirectory()) walk(real, abs, real, 0);
    else if (st.isFile()) readFile(real, abs);
    else out.unreadable.push({ path: p, message: `${p}: ${kindOf(st)}, not a file or folder` });
  }
  return out;
}
