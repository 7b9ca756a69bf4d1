import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SymbolTable } from '../../src/core/facts/symbolTable';
import { buildDocumentModel } from '../../src/core/python/documentModel';
import { Resolver } from '../../src/core/python/resolver';
import { checkTraps } from '../../src/core/traps/engine';
import { DETECTORS } from '../../src/core/traps/rules';
import type { Edit } from '../../src/core/traps/types';
import { content } from './helpers/facts';
import { ROOT } from './helpers/facts';

// Every rule against its fixtures: a bad file marks each line a finding must start on with
// `# expect: MLAPxxx`; a good file (correct code, near misses, the official examples' idioms) must
// stay silent for every rule.

const DIR = join(ROOT, 'test', 'fixtures', 'traps');
const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.py')).sort();
const resolver = () => new Resolver(new SymbolTable(content().symbols));
const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

function run(text: string) {
  return checkTraps(buildDocumentModel(text), resolver(), content().rules);
}

function expected(text: string): string[] {
  return text.split('\n').flatMap((l, i) => [...l.matchAll(/# expect: (MLAP\d{3})/g)].map((m) => `${i + 1} ${m[1]}`)).sort();
}

function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

describe('exam-trap rules', () => {
  it('has at least 15 rules, each with a detector, a page, an objective and 2+ questions of the bank', () => {
    const pages = content().rules;
    const ids = new Set(content().questions.map((q) => q.id));
    assert.ok(pages.length >= 15, `${pages.length} rule pages`);
    for (const p of pages) {
      assert.ok(DETECTORS.some((d) => d.id === p.id), `${p.id} has a detector`);
      assert.ok(content().objectives.some((o) => o.id === p.objective), `${p.id}: objective ${p.objective}`);
      const known = p.questions.filter((q) => ids.has(q));
      assert.ok(known.length >= 2, `${p.id}: ${known.length} of its questions are in the bank`);
    }
    for (const d of DETECTORS) assert.ok(pages.some((p) => p.id === d.id), `${d.id} has a page`);
  });

  it('has a bad and a good fixture for every rule with a page', () => {
    for (const p of content().rules) {
      assert.ok(fixtures.includes(`${p.id}.bad.py`), `${p.id}.bad.py`);
      assert.ok(fixtures.includes(`${p.id}.good.py`), `${p.id}.good.py`);
    }
  });

  for (const f of fixtures) {
    it(`${f}: finds exactly the marked traps`, () => {
      const text = readFileSync(join(DIR, f), 'utf8');
      const r = run(text);
      assert.deepEqual(r.failures, []);
      const want = expected(text);
      // A bad file is old code: it may hold other traps than its own; those it marks are checked too.
      const own = f.slice(0, 7);
      const judged = f.endsWith('.bad.py') ? r.findings.filter((x) => x.rule === own || want.some((w) => w.endsWith(x.rule))) : r.findings;
      const got = judged.map((x) => `${lineOf(text, x.start)} ${x.rule}`).sort();
      if (f.endsWith('.bad.py')) assert.ok(want.length > 0, 'a bad fixture marks at least one finding');
      assert.deepEqual(got, want, judged.map((x) => `${lineOf(text, x.start)}: ${x.rule} ${text.slice(x.start, x.end)}`).join('\n'));
    });
  }

  it('quick fixes remove what they fix and add no other trap', () => {
    let fixes = 0;
    for (const f of fixtures.filter((x) => x.endsWith('.bad.py'))) {
      const text = readFileSync(join(DIR, f), 'utf8');
      const before = run(text).findings;
      for (const finding of before.filter((x) => x.fix)) {
        fixes++;
        const after = run(applyEdits(text, finding.fix!.edits)).findings;
        // The fixed finding is gone; every other finding is still there (shifted, so compared by rule and count).
        const count = (list: typeof before, rule: string) => list.filter((x) => x.rule === rule).length;
        assert.equal(count(after, finding.rule), count(before, finding.rule) - 1, `${f}: fixing ${finding.rule} at line ${lineOf(text, finding.start)}`);
        for (const rule of new Set(after.map((x) => x.rule))) if (rule !== finding.rule) assert.ok(count(after, rule) <= count(before, rule), `${f}: the fix added ${rule}`);
      }
    }
    assert.ok(fixes >= 8, `${fixes} quick fixes exercised`);
  });

  it('a detector that throws loses only its own rule', () => {
    const pages = content().rules;
    const d = DETECTORS[0]!;
    const original = d.detect;
    (d as { detect: typeof d.detect }).detect = () => { throw new Error('boom'); };
    try {
      const r = checkTraps(buildDocumentModel('import mlflow\nmlflow.start_run()\n'), resolver(), pages);
      assert.deepEqual(r.failures, [{ rule: d.id, error: 'boom' }]);
      assert.ok(r.findings.some((x) => x.rule === 'MLAP016'));
    } finally {
      (d as { detect: typeof d.detect }).detect = original;
    }
  });

  it('severity overrides switch a rule off or change its level', () => {
    const text = 'import mlflow\nmlflow.start_run()\n';
    const pages = content().rules;
    assert.equal(checkTraps(buildDocumentModel(text), resolver(), pages, { MLAP016: 'off' }).findings.length, 0);
    assert.equal(checkTraps(buildDocumentModel(text), resolver(), pages, { MLAP016: 'warning' }).findings[0]?.severity, 'warning');
  });
});
