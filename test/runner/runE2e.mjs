// End-to-end: package the .vsix, then run the Playwright specs (test/e2e), each of which installs
// it into its own code-server and drives the workbench in headless Chromium.
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureCodeServer, ROOT, versionLine } from '../../scripts/lib/codeServer.mjs';

ensureCodeServer();
if (!process.argv.includes('--no-package')) execFileSync(process.execPath, [join(ROOT, 'scripts', 'package.mjs')], { cwd: ROOT, stdio: 'inherit' });
console.log(`e2e: the packaged extension in ${versionLine()}, headless Chromium`);
const specs = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--config', join(ROOT, 'test', 'e2e', '.mocharc.json'), ...specs], { cwd: ROOT, stdio: 'inherit' });
process.exit(r.status ?? 1);
