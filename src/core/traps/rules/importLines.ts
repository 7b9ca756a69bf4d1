import { Tok, tokText } from '../../python/tokenizer';
import { isName, isOp, type CodeIndex } from '../code';

// The import statements of a document, for rules about what a file imports.

export interface ImportLine {
  /** `import` or `from`. */
  kind: 'import' | 'from';
  first: number;
  end: number;
  /** Token ranges of each dotted module path on the line, with its text. */
  modules: { from: number; to: number; path: string }[];
  /** For `from m import a as b`: the imported names (token index of each). */
  names: { tok: number; name: string; alias?: string }[];
}

export function importLines(code: CodeIndex): ImportLine[] {
  const t = code.t;
  const out: ImportLine[] = [];
  for (let i = 0; i < t.count; i++) {
    if (t.kind[i] !== Tok.Name || (tokText(t, i) !== 'import' && tokText(t, i) !== 'from')) continue;
    // Only statements that open their logical line (comments aside).
    let k0 = code.lineStart(i);
    while (k0 < i && t.kind[k0] === Tok.Comment) k0++;
    if (k0 !== i) continue;
    let end = i;
    while (end < t.count && t.kind[end] !== Tok.Newline && !isOp(t, end, ';')) end++;
    const line: ImportLine = { kind: tokText(t, i) as 'import' | 'from', first: i, end, modules: [], names: [] };
    const dotted = (k: number) => {
      const s = k;
      let path = '';
      while (isName(t, k)) {
        path += (path ? '.' : '') + tokText(t, k);
        if (isOp(t, k + 1, '.') && isName(t, k + 2)) k += 2;
        else { k++; break; }
      }
      return { from: s, to: k, path };
    };
    if (line.kind === 'from') {
      const m = dotted(i + 1);
      if (m.path) line.modules.push(m);
      for (let k = m.to + 1; k < end; k++) {
        if (!isName(t, k) || isName(t, k, 'as') || isName(t, k - 1, 'as')) continue;
        line.names.push({ tok: k, name: tokText(t, k), ...(isName(t, k + 1, 'as') && isName(t, k + 2) ? { alias: tokText(t, k + 2) } : {}) });
      }
    } else {
      for (let k = i + 1; k < end; ) {
        const m = dotted(k);
        if (!m.path) { k++; continue; }
        line.modules.push(m);
        k = m.to;
        while (k < end && !isOp(t, k, ',')) k++;
        k++;
      }
    }
    out.push(line);
  }
  return out;
}

