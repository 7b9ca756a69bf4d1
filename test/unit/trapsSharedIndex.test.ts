import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SymbolTable } from '../../src/core/facts/symbolTable';
import type { Binding } from '../../src/core/python/documentModel';
import { buildDocumentModel } from '../../src/core/python/documentModel';
import { Resolver } from '../../src/core/python/resolver';
import { Tok, tokenize, tokIs, tokIsOneOf, tokText } from '../../src/core/python/tokenizer';
import { CodeIndex } from '../../src/core/traps/code';
import { checkTraps } from '../../src/core/traps/engine';
import { bindingAt } from '../../src/core/traps/rules/bindings';
import { content, ROOT } from './helpers/facts';

// The trap pass shares one code index per model between its rules and between passes, and
// compares token text in place. These properties say that neither changes a finding: a rule run
// alone on a model of its own finds what it finds in a full pass over a model already checked.

function pythonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? pythonFiles(p) : f.endsWith('.py') ? [p] : [];
  });
}

const files = [...pythonFiles(join(ROOT, 'demo')), ...pythonFiles(join(ROOT, 'test', 'fixtures'))];
const texts = files.map((f) => readFileSync(f, 'utf8'));

/** Documents: every demo and fixture file, all of them joined, and seeded variants (lines dropped, copied, swapped, indented). */
function documents(): string[] {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const out = [...texts, texts.join('\n')];
  for (let v = 0; v < 60; v++) {
    const lines = texts[Math.floor(rnd() * texts.length)]!.split('\n');
    for (let o = 0; o < 6; o++) {
      const i = Math.floor(rnd() * lines.length);
      const j = Math.floor(rnd() * lines.length);
      const r = rnd();
      if (r < 0.3) lines.splice(i, 1);
      else if (r < 0.6) lines.splice(j, 0, lines[i]!);
      else if (r < 0.8) [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      else lines[i] = `    ${lines[i]}`;
    }
    out.push(lines.join('\n'));
  }
  return out;
}

describe('trap pass: shared code index and in-place token comparisons', () => {
  const resolver = new Resolver(new SymbolTable(content().symbols));
  const pages = content().rules;

  it('finds in a full pass (twice over one model) what each rule finds alone on a model of its own', () => {
    let total = 0;
    for (const text of documents()) {
      const model = buildDocumentModel(text);
      const first = checkTraps(model, resolver, pages);
      assert.deepEqual(checkTraps(model, resolver, pages), first, 'second pass over the same model');
      const alone = pages.flatMap((p) => checkTraps(buildDocumentModel(text), resolver, pages, {}, new Set([p.id])).findings);
      alone.sort((a, b) => a.start - b.start || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
      assert.deepEqual(first.findings, alone);
      total += first.findings.length;
    }
    assert.ok(total > 50, `${total} findings: the documents exercise the rules`);
  });

  it('builds one code index per model and resolver', () => {
    const model = buildDocumentModel(texts[0]!);
    assert.equal(CodeIndex.of(model, resolver), CodeIndex.of(model, resolver));
    assert.notEqual(CodeIndex.of(buildDocumentModel(texts[0]!), resolver), CodeIndex.of(model, resolver));
  });

  it('tokIs and tokIsOneOf agree with the token text on every token', () => {
    const t = tokenize(`${texts.join('\n')}\nx = a ** b // c; d[e] = {f: (g)}\n`);
    const probes = ['(', ')', '[', ']', '{', '}', '.', '=', '**', '//', 'def', 'import', 'fit', ''];
    for (let i = 0; i < t.count; i++) {
      const text = tokText(t, i);
      for (const p of [...probes, text]) assert.equal(tokIs(t, i, p), text === p, `token ${i} ${JSON.stringify(text)} vs ${JSON.stringify(p)}`);
      assert.equal(tokIsOneOf(t, i, ')]}'), text.length === 1 && ')]}'.includes(text));
    }
  });

  it('bindingAt (searched by halves) finds the binding a linear scan finds, for every name read', () => {
    // The scan bindingAt used before, as the reference: the first binding with the greatest `at` before the token.
    const reference = (list: Binding[], at: number) => {
      let best: Binding | undefined;
      for (const b of list) if (b.at < at && (!best || b.at > best.at)) best = b;
      return best;
    };
    let checked = 0;
    for (const text of documents().slice(0, texts.length + 1)) {
      const model = buildDocumentModel(text);
      const code = new CodeIndex(model, resolver);
      const t = model.tokens;
      for (let i = 0; i < t.count; i++) {
        if (t.kind[i] !== Tok.Name) continue;
        const name = tokText(t, i);
        const list = model.scopes[model.scopeOf[i]!]!.bindings.get(name);
        const got = bindingAt(code, name, i, true);
        const want = list?.length ? reference(list, i) : undefined;
        if (!want) continue;
        assert.equal(got, want, `${name} at token ${i}`);
        checked++;
      }
    }
    assert.ok(checked > 1000, `${checked} reads checked`);
  });
});
