import { tokText } from '../../python/tokenizer';
import { isName, isOp, type Block, type Call, type CodeIndex } from '../code';

// Which functions of a document Spark runs on its workers, and how it calls them (several rules ask).

/** The `def` blocks that are pandas UDFs: decorated with pandas_udf, or passed to pandas_udf(f, ...). */
export function pandasUdfFunctions(code: CodeIndex): Block[] {
  return decoratedOrWrapped(code, (name) => name === 'pandas_udf', (c) => c.name === 'pandas_udf');
}

/** Plain Python UDFs: decorated with, or passed to, `pyspark.sql.functions.udf`. */
export function pythonUdfFunctions(code: CodeIndex): Block[] {
  const UDF = 'pyspark.sql.functions.udf';
  return decoratedOrWrapped(code, (_name, tok) => resolvesTo(code, tok, UDF), (c) => c.qualname === UDF);
}

/** The functions given to `DataFrame.mapInPandas`: called once per partition with an iterator of batches. */
export function mapInPandasFunctions(code: CodeIndex): Block[] {
  const names = new Set<string>();
  for (const c of code.calls) {
    if (c.name !== 'mapInPandas' || c.chainStart === c.nameTok) continue;
    const f = code.keyword(c, 'func') ?? code.positional(c, 0);
    if (f && f.to === f.from + 1 && isName(code.t, f.from)) names.add(tokText(code.t, f.from));
  }
  return code.blocks.filter((b) => b.kw === 'def' && names.has(code.defName(b) ?? ''));
}

/** The first parameter of a `def`: its name and its annotation's text (quotes dropped), if any. */
export function firstParam(code: CodeIndex, def: Block): { name: string; annotation?: string } | undefined {
  const t = code.t;
  const open = def.head + 2;
  if (!isOp(t, open, '(') || !isName(t, open + 1)) return undefined;
  const name = tokText(t, open + 1);
  if (!isOp(t, open + 2, ':')) return { name };
  const d = t.depth[open]! + 1;
  let end = open + 3;
  while (end < def.headEnd && !(t.depth[end] === d && (isOp(t, end, ',') || isOp(t, end, '='))) && t.depth[end]! >= d) end++;
  return { name, annotation: code.text(open + 3, end).replace(/^["']|["']$/g, '').replace(/\s+/g, '') };
}

function resolvesTo(code: CodeIndex, tok: number, qualname: string): boolean {
  const v = code.resolver.valueOfChainEndingAt(code.model, tok);
  return v?.k === 'sym' && v.info.qualname === qualname;
}

/**
 * Functions whose decorator's callee (the last name of `@a.b` or `@a.b(...)`) passes `decorator`,
 * or which are passed first to a call that passes `wraps`.
 */
function decoratedOrWrapped(code: CodeIndex, decorator: (name: string, tok: number) => boolean, wraps: (c: Call) => boolean): Block[] {
  const t = code.t;
  const wrapped = new Set<string>();
  for (const c of code.calls) {
    if (!wraps(c)) continue;
    const first = code.positional(c, 0);
    if (first && first.to === first.from + 1 && isName(t, first.from)) wrapped.add(tokText(t, first.from));
  }
  return code.blocks.filter((b) => {
    if (b.kw !== 'def') return false;
    if (wrapped.has(code.defName(b) ?? '')) return true;
    return b.decorators.some((d) => {
      let k = d + 1;
      while (isName(t, k) && isOp(t, k + 1, '.') && isName(t, k + 2)) k += 2;
      return isName(t, k) && decorator(tokText(t, k), k);
    });
  });
}
