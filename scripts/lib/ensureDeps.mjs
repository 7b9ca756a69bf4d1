// Installs the npm dependencies when node_modules is missing or older than package-lock.json, so
// that `npm test` and `npm run demo` are the only commands a fresh clone needs. Node's standard
// library only: this runs before anything from node_modules can be loaded.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function ensureDeps(root) {
  const lock = join(root, 'package-lock.json');
  // npm writes node_modules/.package-lock.json on every install: its age is the install's age.
  const installed = join(root, 'node_modules', '.package-lock.json');
  const stale = !existsSync(installed) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(installed).mtimeMs);
  if (!stale) return;
  console.log(existsSync(installed) ? 'deps: package-lock.json is newer than node_modules: npm ci' : 'deps: node_modules is missing: npm ci');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`deps: npm ci failed (exit ${r.status ?? r.signal}); run it yourself to see why`);
    process.exit(r.status ?? 1);
  }
}
