import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers/facts';

// Every bad path or notebook given to the built CLI is a one-line error and exit 2: no stack
// trace, no hang (a named pipe is never opened for reading).

const CLI = join(ROOT, 'dist', 'cli.js');

describe('CLI: a bad path or notebook is one line and exit 2', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'mlap-cli-errors-'));
  const at = (name: string) => join(dir, name);
  const posix = process.platform !== 'win32';

  before(function () {
    if (!existsSync(CLI)) this.skip();
    mkdirSync(at('folder'));
    mkdirSync(at('folder.ipynb'));
    writeFileSync(at('broken.ipynb'), '{"cells": [');
    writeFileSync(at('array.ipynb'), '[]');
    writeFileSync(at('cells-object.ipynb'), '{"cells": {"0": {"cell_type": "code", "source": "import mlflow"}}}');
    writeFileSync(at('cells-null.ipynb'), '{"cells": [null]}');
    writeFileSync(at('cells-mixed.ipynb'), '{"cells": [{"cell_type": "code", "source": "import mlflow"}, null]}');
    writeFileSync(at('source-number.ipynb'), '{"cells": [{"cell_type": "code", "source": 5}]}');
    writeFileSync(at('source-list-of-numbers.ipynb'), '{"cells": [{"cell_type": "code", "source": [1, 2]}]}');
    writeFileSync(at('empty.ipynb'), '');
    writeFileSync(at('nul.ipynb'), '\0\0\0');
    writeFileSync(at('escape.ipynb'), '{"cells": [] \u001b[31m');
    if (posix) execFileSync('mkfifo', [at('pipe.py'), at('pipe.ipynb'), at('pipe.md')]);
  });

  const cases: [string, string[], (d: string) => string | RegExp, boolean?][] = [
    ['hover on a missing file', ['hover', at('missing.py'), '1', '1'], (d) => `${d}/missing.py: no such file or folder`],
    ['symbol on a folder', ['symbol', at('folder'), '1', '1'], (d) => `${d}/folder: a folder, not a file`],
    ['hover on a missing notebook cell', ['hover', at('missing.ipynb#1'), '1', '1'], (d) => `${d}/missing.ipynb: no such file or folder`],
    ['symbol on a folder named like a notebook', ['symbol', at('folder.ipynb#1'), '1', '1'], (d) => `${d}/folder.ipynb: a folder, not a file`],
    // JSON.parse words its errors differently from one Node version to the next.
    ['malformed notebook JSON', ['hover', at('broken.ipynb#1'), '1', '1'], (d) => new RegExp(`^${d}/broken\\.ipynb: not valid notebook JSON \\([^\\n]+\\)\\n$`)],
    ['an empty notebook file', ['symbol', at('empty.ipynb#1'), '1', '1'], (d) => new RegExp(`^${d}/empty\\.ipynb: not valid notebook JSON \\([^\\n]+\\)\\n$`)],
    ['a notebook that is a JSON array', ['symbol', at('array.ipynb#1'), '1', '1'], (d) => `${d}/array.ipynb: not a notebook: the JSON is not an object`],
    ['a notebook whose cells is an object', ['hover', at('cells-object.ipynb#1'), '1', '1'], (d) => `${d}/cells-object.ipynb: not a notebook: "cells" is not a list`],
    ['a notebook whose cells hold null', ['symbol', at('cells-null.ipynb#1'), '1', '1'], (d) => `${d}/cells-null.ipynb: not a notebook: cell 1 is not an object`],
    ['a notebook with a null after a good cell', ['hover', at('cells-mixed.ipynb#1'), '1', '8'], (d) => `${d}/cells-mixed.ipynb: not a notebook: cell 2 is not an object`],
    ['a cell whose source is a number', ['hover', at('source-number.ipynb#1'), '1', '1'], (d) => `${d}/source-number.ipynb: not a notebook: the source of cell 1 is not text`],
    ['a cell whose source lists numbers', ['hover', at('source-list-of-numbers.ipynb#1'), '1', '1'], (d) => `${d}/source-list-of-numbers.ipynb: not a notebook: the source of cell 1 is not text`],
    // JSON.parse quotes the bytes it fails on: NUL and escape sequences are shown escaped.
    ['a notebook of NUL bytes', ['hover', at('nul.ipynb#1'), '1', '1'], (d) => new RegExp(`^${d}/nul\\.ipynb: not valid notebook JSON \\([^\\n\\0]*\\\\u0000[^\\n\\0]*\\)\\n$`)],
    ['a notebook with an escape sequence', ['hover', at('escape.ipynb#1'), '1', '1'], (d) => new RegExp(`^${d}/escape\\.ipynb: not valid notebook JSON \\([^\\n\\u001b]+\\)\\n$`)],
    ['a missing path with a newline and an escape sequence in its name', ['hover', at('two\nlines\u001b[31m.py'), '1', '1'], (d) => `${d}/two\\nlines\\u001b[31m.py: no such file or folder`],
    ['hover on a named pipe', ['hover', at('pipe.py'), '1', '1'], (d) => `${d}/pipe.py: a named pipe, not a file`, true],
    ['a named pipe named like a notebook', ['symbol', at('pipe.ipynb#1'), '1', '1'], (d) => `${d}/pipe.ipynb: a named pipe, not a file`, true],
    ['lint on a missing path', ['lint', 'missing-pack'], () => 'missing-pack: no such file or folder'],
    ['lint on a named pipe', ['lint', 'pipe.md'], () => 'pipe.md: a named pipe, not a file or folder', true],
    ['lint on a missing file inside questions/', ['lint', join(ROOT, 'questions', 'no-such-file.md')], () => `${join(ROOT, 'questions', 'no-such-file.md')}: no such file or folder`],
  ];

  for (const [name, args, message, needsPosix] of cases) {
    it(name, function () {
      if (needsPosix && !posix) this.skip();
      const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
      assert.equal(r.error, undefined, 'the CLI ran to its end (no hang)');
      const expected = message(dir);
      if (typeof expected === 'string') assert.equal(r.stderr, `${expected}\n`);
      else assert.match(r.stderr, expected);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
    });
  }

  it('a question pack that makes marked throw is one file:line: message, exit 1', () => {
    // marked 18 throws a TypeError on a list item whose quote holds an empty list item.
    mkdirSync(at('marked-throws'));
    writeFileSync(at('marked-throws/a.md'), '# T\n\n## x\n\n- a\n  > - \n  x\n');
    const r = spawnSync(process.execPath, [CLI, 'lint', at('marked-throws')], { cwd: dir, encoding: 'utf8' });
    assert.match(r.stderr, /^marked-throws\/a\.md:1: could not be read as Markdown \([^\n]+\)\n$/);
    assert.equal(r.status, 1);
  });

  it('a 1 MB attribute chain gets no card at once (it once never finished): exit 1 and why', () => {
    writeFileSync(at('chain.py'), `import mlflow\nmlflow${'.a'.repeat(1 << 19)}.log_param\n`);
    const r = spawnSync(process.execPath, [CLI, 'hover', at('chain.py'), '2', String(7 + (1 << 20) + 2)], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.error, undefined, 'the CLI ran to its end (no hang)');
    assert.deepEqual([r.status, r.stdout, r.stderr], [1, '', `${at('chain.py')}: no card: the text is over 1000000 characters (see src/core/python/limits.ts)\n`]);
  });

  it('a binary Python file is decoded leniently, not a crash', () => {
    writeFileSync(at('binary.py'), Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x0a, 0x80]));
    const r = spawnSync(process.execPath, [CLI, 'hover', at('binary.py'), '1', '1'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 1, 'no symbol there: exit 1');
  });
});
