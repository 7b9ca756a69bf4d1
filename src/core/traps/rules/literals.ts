import { Tok, tokText, type Tokens } from '../../python/tokenizer';

// String literals as the rules read them: a plain literal's text, or an f-string's constant text
// with each replacement field stood in for by one marker character (rules ask which parts of a URI
// or a key the code fixes and which it computes).

/** Stands for one `{...}` replacement field of an f-string. */
export const FIELD = '\u0000';

export interface Literal {
  /** The text, with FIELD for each replacement field (`{{` and `}}` read as single braces). */
  text: string;
  /** The body as written between the quotes (placeholders and escapes untouched). */
  raw: string;
  fstring: boolean;
}

/** The single string token at `i` (plain or f-string; not bytes, not t-strings), or undefined. */
export function literalAt(t: Tokens, i: number): Literal | undefined {
  if (i < 0 || i >= t.count || t.kind[i] !== Tok.String) return undefined;
  const m = /^([rRuUfF]{0,2})('''|"""|'|")([\s\S]*)\2$/.exec(tokText(t, i));
  if (!m) return undefined;
  const raw = m[3]!;
  const fstring = /f/i.test(m[1]!);
  return { text: fstring ? fieldsMarked(raw) : raw, raw, fstring };
}

/** The single-token string literal that is the whole of the token range [from, to), if it is one. */
export function literalArg(t: Tokens, range: { from: number; to: number } | undefined): Literal | undefined {
  return range && range.to === range.from + 1 ? literalAt(t, range.from) : undefined;
}

/** A literal whose value the code does not compute: a plain string or an f-string without fields. */
export const isConstant = (lit: Literal | undefined): lit is Literal => !!lit && !lit.text.includes(FIELD);

function fieldsMarked(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if ((c === '{' || c === '}') && body[i + 1] === c) {
      out += c;
      i++;
    } else if (c === '{') {
      // A field may nest braces in its format spec (`{x:{width}}`).
      let depth = 1;
      while (depth && ++i < body.length) {
        if (body[i] === '{') depth++;
        else if (body[i] === '}') depth--;
      }
      out += FIELD;
    } else out += c;
  }
  return out;
}

/** A plain (not f-) string literal's text at token `i`, or undefined. */
export function stringValue(t: Tokens, i: number): string | undefined {
  const l = literalAt(t, i);
  return l && !l.fstring ? l.text : undefined;
}
