// Builds the three bundles (extension, webview, CLI), compiles and validates the content, and
// (with --tests) the integration suites. `--production` minifies and drops sourcemaps.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { bundleOptions } from './scripts/lib/bundles.mjs';
import { cpSync, mkdirSync, rmSync } from 'node:fs';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const tests = args.has('--tests');

const builds = bundleOptions({ production, tests });

function copyAssets() {
  mkdirSync('dist/webview/codicons', { recursive: true });
  cpSync('node_modules/@vscode/codicons/dist/codicon.css', 'dist/webview/codicons/codicon.css');
  cpSync('node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/webview/codicons/codicon.ttf');
}

/** Content errors fail the build with file:line: message (printed by the CLI). */
function compileContent() {
  try {
    // Writes dist/content.json and dist/reference.json with their hashes, which let the extension
    // trust these exact files without validating them again at run time (src/node/distFiles.ts).
    execFileSync(process.execPath, ['dist/cli.js', 'build', '--out', 'dist/content.json'], { stdio: 'inherit' });
  } catch {
    console.error('build failed: the content has errors (see above)');
    process.exit(1);
  }
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.rebuild()));
  copyAssets();
  compileContent();
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('watching for changes (content: rerun npm run build)');
} else {
  rmSync('dist', { recursive: true, force: true });
  await esbuild.build(builds[0]);
  compileContent();
  await Promise.all(builds.slice(1).map((b) => esbuild.build(b)));
  copyAssets();
}
