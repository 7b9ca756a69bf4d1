// npm run demo: installs what it needs (code-server, Node 24, Chromium headers), builds and packages
// the extension, installs the .vsix into a code-server kept under .demo/ (so your progress survives
// demo restarts), opens the demo workspace on 127.0.0.1 and prints the URL. Ctrl+C stops it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureDeps } from './lib/ensureDeps.mjs';
import { ensureCodeServer, freePort, installVsix, QUIET_SETTINGS, ROOT, startCodeServer, versionLine, vsixPath } from './lib/codeServer.mjs';

ensureDeps(ROOT);

ensureCodeServer();
execFileSync(process.execPath, [join(ROOT, 'scripts', 'package.mjs')], { cwd: ROOT, stdio: 'inherit' });

const base = join(ROOT, '.demo');
const dirs = { base, userData: join(base, 'user-data'), extensions: join(base, 'extensions'), config: join(base, 'config.yaml') };
mkdirSync(join(dirs.userData, 'User'), { recursive: true });
mkdirSync(dirs.extensions, { recursive: true });
writeFileSync(dirs.config, 'auth: none\n');
const settings = join(dirs.userData, 'User', 'settings.json');
if (!existsSync(settings)) {
  writeFileSync(settings, JSON.stringify(QUIET_SETTINGS, null, 1));
}
installVsix(vsixPath(), dirs);

const wanted = Number(process.env.PORT ?? 8080);
const port = await freePort().then(async (fallback) => {
  const { createServer } = await import('node:net');
  return new Promise((res) => {
    const s = createServer();
    s.once('error', () => res(fallback));
    s.listen(wanted, '127.0.0.1', () => s.close(() => res(wanted)));
  });
});
const workspace = join(ROOT, 'demo');
const server = await startCodeServer({ dirs, port, workspace });
console.log(`\nML Associate Prep demo running in ${versionLine()}`);
console.log(`  open ${server.url}/?folder=${encodeURIComponent(workspace)}`);
console.log('  (the graduation-cap icon in the activity bar opens the quiz and the study plan; hover any mlflow / pyspark.ml / hyperopt call)');
console.log('  Ctrl+C stops it.\n');

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping code-server...');
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.child.on('exit', (code) => {
  if (!stopping) {
    console.error(`code-server exited (${code})`);
    process.exit(1);
  }
});
