import type { FactParam } from './factTypes';

/** Renders one parameter as Python would write it in a signature. */
export function renderParam(p: Pick<FactParam, 'name' | 'kind' | 'default' | 'annotation'>, withAnnotation = true): string {
  const star = p.kind === 'var_positional' ? '*' : p.kind === 'var_keyword' ? '**' : '';
  const ann = withAnnotation && p.annotation ? `: ${p.annotation}` : '';
  const def = p.default !== undefined ? (ann ? ` = ${p.default}` : `=${p.default}`) : '';
  return `${star}${p.name}${ann}${def}`;
}

/**
 * Renders a parameter list with Python's `/` and `*` markers. `keep` selects which parameters to
 * show; each run of left-out parameters becomes one "…".
 */
export function renderParams(params: readonly FactParam[], keep: (p: FactParam) => boolean = () => true, withAnnotation = true): string {
  type Slot = { p: FactParam } | { marker: '/' | '*' };
  const slots: Slot[] = [];
  params.forEach((p, i) => {
    if (p.kind === 'keyword_only' && !params.slice(0, i).some((q) => q.kind === 'keyword_only' || q.kind === 'var_positional')) slots.push({ marker: '*' });
    slots.push({ p });
    if (p.kind === 'positional_only' && params[i + 1]?.kind !== 'positional_only') slots.push({ marker: '/' });
  });
  const parts: string[] = [];
  let skipped = false;
  slots.forEach((slot, i) => {
    if ('marker' in slot) {
      // A marker matters only when a shown parameter sits on the side it qualifies.
      const side = slot.marker === '*' ? slots.slice(i + 1) : slots.slice(0, i);
      if (!side.some((x) => 'p' in x && keep(x.p))) return;
      if (skipped) parts.push('…');
      skipped = false;
      parts.push(slot.marker);
    } else if (!keep(slot.p)) skipped = true;
    else {
      if (skipped) parts.push('…');
      skipped = false;
      parts.push(renderParam(slot.p, withAnnotation));
    }
  });
  if (skipped) parts.push('…');
  return parts.join(', ');
}

/** A parameter read back from a rendered signature. */
export interface ParsedParam {
  name: string;
  kind: FactParam['kind'];
  default?: string;
  annotation?: string;
}

/** Splits on top-level commas (not inside brackets or quotes). */
function splitTopLevel(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === sep && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out.map((x) => x.trim()).filter(Boolean);
}

/** Finds the ` = ` or `=` that separates a default at top level. */
function splitDefault(s: string): [string, string | undefined] {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === '=' && depth === 0 && s[i + 1] !== '=' && !'<>!='.includes(s[i - 1] ?? '')) return [s.slice(0, i).trim(), s.slice(i + 1).trim()];
  }
  return [s.trim(), undefined];
}

/**
 * Parses `name(a, b: int = 1, *, c=None, **kw) -> T` into its parameters ("…" entries are
 * returned as name "…" so callers can check what was left out). Undefined when it is not a call
 * signature.
 */
export function parseSignature(sig: string): { name: string; params: ParsedParam[]; returns?: string } | undefined {
  const open = sig.indexOf('(');
  if (open < 0) return undefined;
  let depth = 0;
  let close = -1;
  let quote = '';
  for (let i = open; i < sig.length; i++) {
    const c = sig[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) {
      close = i;
      break;
    }
  }
  if (close < 0) return undefined;
  const params: ParsedParam[] = [];
  let kind: FactParam['kind'] = 'positional_or_keyword';
  const raw = splitTopLevel(sig.slice(open + 1, close), ',');
  const slash = raw.indexOf('/');
  raw.forEach((part, i) => {
    if (part === '/') return;
    if (part === '*') {
      kind = 'keyword_only';
      return;
    }
    if (part === '…') {
      params.push({ name: '…', kind });
      return;
    }
    const [head, def] = splitDefault(part);
    const colon = splitTopLevel(head, ':');
    let name = colon[0] ?? head;
    const annotation = colon.length > 1 ? head.slice(head.indexOf(':') + 1).trim() : undefined;
    let k: FactParam['kind'] = i < slash ? 'positional_only' : kind;
    if (name.startsWith('**')) {
      k = 'var_keyword';
      name = name.slice(2);
    } else if (name.startsWith('*')) {
      k = 'var_positional';
      name = name.slice(1);
      kind = 'keyword_only';
    }
    params.push({ name, kind: k, ...(def !== undefined ? { default: def } : {}), ...(annotation ? { annotation } : {}) });
  });
  const rest = sig.slice(close + 1).trim();
  const returns = rest.startsWith('->') ? rest.slice(2).trim() : undefined;
  return { name: sig.slice(0, open).trim(), params, ...(returns ? { returns } : {}) };
}
