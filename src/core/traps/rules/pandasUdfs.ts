import { Tok, tokText } from '../../python/tokenizer';
import { isName, type Block, type CodeIndex } from '../code';

// Which functions of a document are pandas UDFs (several rules ask).

/** The `def` blocks that are pandas UDFs: decorated with pandas_udf, or passed to pandas_udf(f, ...). */
export function pandasUdfFunctions(code: CodeIndex): Block[] {
  const t = code.t;
  const wrapped = new Set<string>();
  for (const c of code.calls) {
    if (c.name !== 'pandas_udf') continue;
    const first = code.positional(c, 0);
    if (first && first.to === first.from + 1 && isName(t, first.from)) wrapped.add(tokText(t, first.from));
  }
  return code.blocks.filter((b) => {
    if (b.kw !== 'def') return false;
    if (wrapped.has(code.defName(b) ?? '')) return true;
    return b.decorators.some((d) => {
      for (let k = d; k < t.count && t.kind[k] !== Tok.Newline; k++) if (isName(t, k, 'pandas_udf')) return true;
      return false;
    });
  });
}

