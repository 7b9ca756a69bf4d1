import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers/facts';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('architecture', () => {
  const core = files(join(ROOT, 'src', 'core'));

  it('src/core imports neither vscode nor the DOM nor Node', () => {
    const offenders: string[] = [];
    for (const f of core) {
      const text = readFileSync(f, 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
      if (/from ['"]vscode['"]|require\(['"]vscode/.test(text)) offenders.push(`${f}: imports vscode`);
      if (/from ['"]node:|from ['"](fs|path|os|child_process)['"]/.test(text)) offenders.push(`${f}: imports Node`);
      if (/\b(document|window|HTMLElement|navigator|localStorage)\b/.test(text)) offenders.push(`${f}: uses the DOM`);
    }
    assert.deepEqual(offenders, []);
  });

  it('the core tsconfig leaves out the DOM and Node libraries', () => {
    const cfg = readFileSync(join(ROOT, 'src', 'core', 'tsconfig.json'), 'utf8');
    assert.match(cfg, /"lib": \["ES2022"\]/);
    assert.match(cfg, /"types": \[\]/);
  });

  it('the webview reaches the extension only through the protocol', () => {
    for (const f of files(join(ROOT, 'src', 'webview'))) {
      const text = readFileSync(f, 'utf8');
      assert.doesNotMatch(text, /from ['"]\.\.\/(core|vscode)\//, `${f} must not import core or vscode adapters`);
    }
  });
});
