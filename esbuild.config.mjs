import { createHash } from 'node:crypto';
// Builds the three bundles (extension, webview, CLI), compiles and validates the content, and
// (with --tests) the integration suites. `--production` minifies and drops sourcemaps.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const tests = args.has('--tests');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: production ? 'none' : 'inline',
  define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
};

const builds = [
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node18' },
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node18', external: ['vscode'],
    // The activation figures: the bundle's evaluation, from before its first module to after its last.
    banner: { js: 'globalThis.__mlapLoadStart = performance.now();' }, footer: { js: 'globalThis.__mlapLoadEnd = performance.now();' } },
  // Loaded by the extension only when question packs are configured (see src/vscode/content.ts).
  { ...common, entryPoints: ['src/core/content/pack.ts'], outfile: 'dist/packCompiler.js', platform: 'node', format: 'cjs', target: 'node18' },
  { ...common, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview/main.js', platform: 'browser', format: 'iife', target: 'es2022' },
  { ...common, entryPoints: ['src/webview/styles.css'], outfile: 'dist/webview/styles.css', loader: { '.css': 'css' } },
];
if (tests) {
  builds.push({ ...common, minify: false, sourcemap: 'inline', entryPoints: ['test/integration/index.ts'], outfile: 'out/test/integration/index.js', platform: 'node', format: 'cjs', target: 'node18', external: ['vscode', 'mocha'] });
}

function copyAssets() {
  mkdirSync('dist/webview/codicons', { recursive: true });
  cpSync('node_modules/@vscode/codicons/dist/codicon.css', 'dist/webview/codicons/codicon.css');
  cpSync('node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/webview/codicons/codicon.ttf');
}

/** Content errors fail the build with file:line: message (printed by the CLI). */
function compileContent() {
  try {
    execFileSync(process.execPath, ['dist/cli.js', 'build', '--out', 'dist/content.json'], { stdio: 'inherit' });
    // The build has validated the content; its hash lets the extension trust this exact file
    // without validating it again at run time (src/vscode/content.ts).
    writeFileSync('dist/content.sha256', createHash('sha256').update(readFileSync('dist/content.json')).digest('hex'));
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
