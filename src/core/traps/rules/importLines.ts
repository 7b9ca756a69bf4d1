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

/** Every import statement that opens a logical line; read once per document. */
export function importLines(code: CodeIndex): ImportLine[] {
  return code.memo('importLines', () => readImportLines(code));
}

function readImportLines(code: CodeIndex): ImportLine[] {
  const t = code.t;
  const out: ImportLine[] = [];
  for (const i of code.lineFirsts) {
    if (t.kind[i] !== Tok.Name || (tokText(t, i) !== 'import' && tokText(t, i) !== 'from')) continue;
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

