import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// The Python files and notebooks under the paths `cli check` and `cli usage` are given. Someone
// else's folder: links are not followed (no loops, nothing outside), and the folders every Python
// project keeps for tools and environments are skipped.

const SKIP_DIRS = new Set(['node_modules', '__pycache__', '.git', '.hg', '.venv', 'venv', '.tox', '.mypy_cache', '.pytest_cache', '.ipynb_checkpoints', 'site-packages', 'dist', 'build']);
export const isPythonSource = (name: string): boolean => /\.(py|ipynb)$/i.test(name);
/** Enough for any real workspace; a folder beyond it is reported, not walked on. */
export const MAX_SOURCE_FILES = 20_000;

export function pythonFiles(paths: readonly string[]): { files: string[]; problems: string[] } {
  const files: string[] = [];
  const problems: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 64 || files.length >= MAX_SOURCE_FILES) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problems.push(`${dir}: ${(e as { code?: string }).code ?? String(e)}`);
      return;
    }
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory() && !SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(join(dir, e.name), depth + 1);
      else if (e.isFile() && isPythonSource(e.name)) files.push(join(dir, e.name));
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = lstatSync(p);
    } catch {
      problems.push(`${p}: no such file or folder`);
      continue;
    }
    if (st.isDirectory()) walk(p, 0);
    else files.push(p);
  }
  if (files.length >= MAX_SOURCE_FILES) problems.push(`more than ${MAX_SOURCE_FILES} Python files: the rest were not read`);
  return { files, problems };
}
