// Checks the bundle sizes, builds for production and packages the .vsix with @vscode/vsce; prints the sizes that matter.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = join(root, 'out', `${pkg.name}-${pkg.version}.vsix`);
mkdirSync(join(root, 'out'), { recursive: true });
// Over a size budget, no package: scripts/size.mjs prints the bundles and exits 1.
execFileSync(process.execPath, [join(root, 'scripts', 'size.mjs')], { cwd: root, stdio: 'inherit' });
execFileSync(process.execPath, [join(root, 'esbuild.config.mjs'), '--production'], { cwd: root, stdio: 'inherit' });
execFileSync(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', out], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
const kb = (f) => `${(statSync(f).size / 1024).toFixed(1)} KB`;
console.log(`package: ${out} ${kb(out)}`);
console.log(`  extension bundle dist/extension.js ${kb(join(root, 'dist', 'extension.js'))}`);
console.log(`  webview bundle   dist/webview/main.js ${kb(join(root, 'dist', 'webview', 'main.js'))} (+ markdown.js ${kb(join(root, 'dist', 'webview', 'markdown.js'))} on the first question)`);
console.log(`  lazy bundles     dist/quiz.js ${kb(join(root, 'dist', 'quiz.js'))}, dist/traps.js ${kb(join(root, 'dist', 'traps.js'))}, dist/fsrs.js ${kb(join(root, 'dist', 'fsrs.js'))}, dist/tools.js ${kb(join(root, 'dist', 'tools.js'))}`);
console.log(`  content          dist/content.json ${kb(join(root, 'dist', 'content.json'))} (the quiz part), dist/reference.json ${kb(join(root, 'dist', 'reference.json'))} (cards, symbols, rule pages, on demand)`);
