// The bundles esbuild.config.mjs builds, shared with scripts/size.mjs so the size check measures
// exactly what ships. Lazy bundles (required or loaded on first use) carry a budget of their own.

import { resolve } from 'node:path';

/** Size budgets in KB of the minified bundles (checked by `npm run size` and `npm run package`). */
export const BUDGETS_KB = {
  'dist/extension.js': 120,
  'dist/webview/main.js': 80,
  'dist/quiz.js': 90,
  'dist/traps.js': 60,
  'dist/fsrs.js': 40,
  'dist/scheduler.js': 10,
  'dist/tools.js': 80,
  'dist/packCompiler.js': 240,
  'dist/webview/markdown.js': 140,
};

const SCHEDULER = resolve(new URL('../..', import.meta.url).pathname, 'src', 'core', 'scheduler.ts');
/**
 * The scheduler holds the cards the progress store remembers (scheduler.ts rememberCards): the
 * extension and the quiz bundle must share one copy, or the quiz would replay all history on every
 * render. It is a bundle of its own (dist/scheduler.js, small: ts-fsrs stays lazy in dist/fsrs.js)
 * that the other Node bundles require instead of inlining it.
 */
const sharedScheduler = {
  name: 'shared-scheduler',
  setup(build) {
    build.onResolve({ filter: /(^|\/)scheduler$/ }, (args) =>
      (resolve(args.resolveDir, `${args.path}.ts`) === SCHEDULER ? { path: './scheduler.js', external: true } : undefined));
  },
};

/** The build options of every bundle; `production` minifies and drops sourcemaps. */
export function bundleOptions({ production = false, tests = false, metafile = false } = {}) {
  const common = {
    bundle: true,
    minify: production,
    sourcemap: production ? false : 'linked',
    logLevel: 'warning',
    legalComments: production ? 'none' : 'inline',
    metafile,
    define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
  };
  const node = { ...common, platform: 'node', format: 'cjs', target: 'node18' };
  // The extension's bundles take ts-fsrs from dist/fsrs.js on first use (src/vscode/lazyFsrs.ts).
  const lazyFsrs = { alias: { 'ts-fsrs': './src/vscode/lazyFsrs.ts' } };
  const builds = [
    { ...node, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js' },
    { ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], ...lazyFsrs, plugins: [sharedScheduler],
      // The activation figures: the bundle's evaluation, from before its first module to after its last.
      banner: { js: 'globalThis.__mlapLoadStart = performance.now();' }, footer: { js: 'globalThis.__mlapLoadEnd = performance.now();' } },
    // Loaded by the extension only when question packs are configured (see src/vscode/content.ts).
    { ...node, entryPoints: ['src/node/packBundle.ts'], outfile: 'dist/packCompiler.js' },
    // Required by the extension on first use (src/vscode/lazyBundles.ts), never during activate().
    { ...node, entryPoints: ['src/quiz.ts'], outfile: 'dist/quiz.js', ...lazyFsrs, plugins: [sharedScheduler] },
    { ...node, entryPoints: ['src/core/scheduler.ts'], outfile: 'dist/scheduler.js', ...lazyFsrs },
    { ...node, entryPoints: ['src/vscode/fsrsEntry.ts'], outfile: 'dist/fsrs.js' },
    { ...node, entryPoints: ['src/core/traps/engine.ts'], outfile: 'dist/traps.js' },
    { ...node, entryPoints: ['src/vscode/tools.ts'], outfile: 'dist/tools.js', external: ['vscode'], ...lazyFsrs, plugins: [sharedScheduler] },
    { ...common, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview/main.js', platform: 'browser', format: 'iife', target: 'es2022' },
    // Loaded by main.js when the panel first shows Markdown (src/webview/markdownHost.ts).
    { ...common, entryPoints: ['src/webview/markdown.ts'], outfile: 'dist/webview/markdown.js', platform: 'browser', format: 'iife', target: 'es2022' },
    { ...common, entryPoints: ['src/webview/styles.css'], outfile: 'dist/webview/styles.css', loader: { '.css': 'css' } },
  ];
  if (tests) {
    builds.push({ ...common, minify: false, sourcemap: 'inline', entryPoints: ['test/integration/index.ts'], outfile: 'out/test/integration/index.js', platform: 'node', format: 'cjs', target: 'node18', external: ['vscode', 'mocha'] });
  }
  return builds;
}
