import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bank } from '../../src/core/bank';
import { SymbolTable } from '../../src/core/facts/symbolTable';
import { bankHoverContent, hoverIndex, hoverIndexData, type HoverIndexData } from '../../src/core/hover/hoverIndex';
import { cardMarkdown } from '../../src/core/hoverCard';
import { HoverService } from '../../src/core/hoverService';
import { readHoverIndex } from '../../src/node/distFiles';
import { bank, content } from './helpers/facts';
import type { CompiledContent } from '../../src/core/content/compiled';
import { mergeContent } from '../../src/core/content/contentParts';

// The hover index (dist/hoverIndex.json) must give the hover exactly what the bank gives it.
// Both sides are built from the same compiled content: the index through JSON, as the file is read.
const fromFile = () => hoverIndex(JSON.parse(JSON.stringify(hoverIndexData(content()))) as HoverIndexData);

describe('hover index', () => {
  it('gives every card, its Markdown and its question ids as the bank does', () => {
    const b = bank();
    const { cards, rules } = content();
    const viaBank = bankHoverContent(b, content());
    const viaIndex = fromFile();
    let withQuestions = 0;
    for (const [i, card] of cards.entries()) {
      const indexed = viaIndex.card(card.symbol);
      assert.ok(indexed, `${card.symbol}: not in the index`);
      const other = cards[(i + 1) % cards.length]!.symbol;
      for (const symbols of [[card.symbol], [card.symbol, other]]) {
        const ids = viaIndex.questionIds(symbols);
        assert.deepEqual(ids, viaBank.questionIds(symbols), `${symbols.join(' + ')}: question ids`);
        assert.equal(cardMarkdown(indexed, ids.length, symbols), cardMarkdown(card, b.forSymbols(symbols).length, symbols), `${card.symbol}: Markdown`);
      }
      if (viaIndex.questionIds([card.symbol]).length) withQuestions++;
    }
    assert.ok(withQuestions > 100, `only ${withQuestions} cards have questions: the comparison proves little`);
    assert.equal(viaIndex.card('constructor'), undefined, 'no card from the object prototype');
    assert.deepEqual(viaIndex.questionIds(['toString']), []);
    assert.deepEqual(viaIndex.rules.map((r) => r.id), rules.map((r) => r.id));
  });

  it('resolves and renders every card symbol in code as the bank path does', () => {
    const viaBank = new HoverService(bankHoverContent(bank(), content()));
    const viaIndex = new HoverService(fromFile());
    const all = content().cards;
    let cards = 0;
    for (const card of all) {
      // `import pyspark` then the full dotted name, hovered on its last part's first and last letter.
      const text = `import ${card.symbol.split('.')[0]}\nx = ${card.symbol}\n`;
      const end = text.length - 2;
      for (const offset of [end, end - card.symbol.length + card.symbol.lastIndexOf('.') + 2]) {
        // The bank's card has fields the hover never shows (params, source); the rest must match.
        const shown = (h: ReturnType<HoverService['hover']>) => h && { ...h, card: h.card.symbol };
        const a = shown(viaIndex.hover(card.symbol, 1, () => text, offset));
        assert.deepEqual(a, shown(viaBank.hover(card.symbol, 1, () => text, offset)), `${card.symbol} at ${offset}`);
        if (a) cards++;
      }
    }
    assert.ok(cards > all.length * 1.6, `only ${cards} of ${all.length * 2} hovers found a card`);
  });

  it('prebuilds the symbol table the resolver would build', () => {
    const { symbols } = content();
    const built = new SymbolTable(symbols);
    const data = hoverIndexData(content());
    const prebuilt = new SymbolTable(data.symbols, data);
    assert.deepEqual([...prebuilt.roots].sort(), [...built.roots].sort());
    for (const name of [...data.namespaces, ...Object.keys(symbols.symbols)]) assert.equal(prebuilt.isNamespace(name), built.isNamespace(name), name);
  });

  it('counts question-pack questions once the bank with the packs is the source', () => {
    const c = content();
    const card = c.cards.find((k) => fromFile().questionIds([k.symbol]).length)!;
    const packQuestion = { ...c.questions[0]!, id: 'pack-extra-1', symbols: [card.symbol] };
    const withPack = bankHoverContent(new Bank({ ...c, questions: [...c.questions, packQuestion] }), c);
    assert.deepEqual(withPack.questionIds([card.symbol]), [...fromFile().questionIds([card.symbol]), 'pack-extra-1']);
  });
});

describe('dist files', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'mlap-dist-'));
  const sha = (t: string) => createHash('sha256').update(t).digest('hex');

  it('trusts a hover index whose hash matches, and refuses a damaged one or one of another version', async () => {
    const d = dir();
    const text = JSON.stringify(hoverIndexData(content()));
    writeFileSync(join(d, 'hoverIndex.json'), text);
    writeFileSync(join(d, 'hoverIndex.sha256'), sha(text));
    assert.ok((await readHoverIndex(d))?.card('mlflow.start_run'));
    writeFileSync(join(d, 'hoverIndex.json'), text.replace('"version":1', '"version":1 '));
    assert.equal(await readHoverIndex(d), undefined, 'hash mismatch');
    const other = text.replace('"version":1', '"version":99');
    writeFileSync(join(d, 'hoverIndex.json'), other);
    writeFileSync(join(d, 'hoverIndex.sha256'), sha(other));
    assert.equal(await readHoverIndex(d), undefined, 'other version');
    assert.equal(await readHoverIndex(join(d, 'missing')), undefined, 'missing file');
  });

  it('the built dist/hoverIndex.json is the index of the built content (dist/content.json and dist/reference.json)', function () {
    const dist = join(__dirname, '..', '..', 'dist');
    if (!existsSync(join(dist, 'hoverIndex.json'))) this.skip();
    const part = (name: string) => JSON.parse(readFileSync(join(dist, name), 'utf8')) as CompiledContent;
    assert.equal(readFileSync(join(dist, 'hoverIndex.json'), 'utf8'), JSON.stringify(hoverIndexData(mergeContent(part('content.json'), part('reference.json')))));
  });
});
