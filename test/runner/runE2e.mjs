// End-to-end: package the .vsix, then run the Playwright specs (test/e2e), each of which installs
// it into its own code-server and drives the workbench in headless Chromium.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCodeServer, ROOT, versionLine } from '../../scripts/lib/codeServer.mjs';

ensureCodeServer();
if (!process.argv.includes('--no-package')) execFileSync(process.execPath, [join(ROOT, 'scripts', 'package.mjs')], { cwd: ROOT, stdio: 'inherit' });
console.log(`e2e: the packaged extension in ${versionLine()}, headless Chromium`);
const specs = process.argv.slice(2).filter((a) => !a.startsWith('--'));
// Specs named on the command line run alone (mocha would add them to the config's list).
const config = join(ROOT, 'test', 'e2e', '.mocharc.json');
const args = specs.length ? ['--no-config', ...Object.entries(JSON.parse(readFileSync(config, 'utf8'))).filter(([k]) => k !== 'spec').flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).flatMap((x) => [`--${k}`, String(x)])), ...specs] : ['--config', config];
const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js'), ...args], { cwd: ROOT, stdio: 'inherit' });
process.exit(r.status ?? 1);
