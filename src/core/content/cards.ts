import type { FactsDb } from '../facts/factsDb';
import type { FactParam, FactSymbol } from '../facts/factTypes';
import { libraryOf } from '../facts/factTypes';
import { renderParams } from '../facts/signature';
import type { Card, Note, ParamShown } from './schema';

/** Full signatures longer than this are shortened, visibly, with "…". */
export const SIGNATURE_BUDGET = 110;

/** The short name a signature starts with: `log_param`, `MlflowClient.set_registered_model_alias`. */
export function displayName(symbol: string, fact: FactSymbol): string {
  const parts = symbol.split('.');
  const last = parts[parts.length - 1]!;
  if (fact.kind === 'class' || !fact.owner) return last;
  const owner = parts[parts.length - 2]!;
  return `${owner}.${last}`;
}

/** Renders the card's signature from the facts, shortening long ones; returns what it showed. */
export function renderSignature(symbol: string, fact: FactSymbol, params: readonly FactParam[] | undefined, show?: readonly string[]): { signature: string; params: ParamShown[]; omitted: number } {
  const name = displayName(symbol, fact);
  if (fact.kind === 'property' || fact.kind === 'attribute' || fact.kind === 'class_attribute' || fact.kind === 'param' || fact.kind === 'constant') {
    const type = fact.returns ? `: ${fact.returns.replace(/^"|"$/g, '')}` : '';
    return { signature: `${name}${type}`, params: [], omitted: 0 };
  }
  // Private parameters (a leading underscore, such as TorchDistributor's _ssl_conf) are not part
  // of the API a learner calls: never shown, never counted as left out.
  const ps = (params ?? []).filter((p) => !p.name.startsWith('_'));
  const ret = fact.kind !== 'class' && fact.returns ? ` -> ${fact.returns}` : '';
  const attempt = (keep: (p: FactParam) => boolean, ann: boolean) => `${name}(${renderParams(ps, keep, ann)})${ann ? ret : ''}`;
  const all = () => true;
  let keep: (p: FactParam) => boolean = all;
  let signature = attempt(all, true);
  if (signature.length > SIGNATURE_BUDGET) signature = attempt(all, false);
  if (signature.length > SIGNATURE_BUDGET) {
    if (show?.length) keep = (p) => show.includes(p.name) || !!p.required;
    else {
      // Required parameters first, then optional ones in order while they fit.
      const chosen = new Set(ps.filter((p) => p.required).map((p) => p.name));
      for (const p of ps) {
        if (chosen.has(p.name)) continue;
        chosen.add(p.name);
        if (attempt((q) => chosen.has(q.name), false).length > SIGNATURE_BUDGET) {
          chosen.delete(p.name);
          break;
        }
      }
      keep = (p) => chosen.has(p.name);
    }
    signature = attempt(keep, false);
  }
  const shown = ps.filter(keep);
  return {
    signature,
    params: shown.map((p) => ({ name: p.name, kind: p.kind, ...(p.default !== undefined ? { default: p.default } : {}), ...(p.annotation ? { annotation: p.annotation } : {}) })),
    omitted: ps.length - shown.length,
  };
}

/** A one-line deprecation fact for the card, if the facts record one. */
export function deprecationLine(fact: FactSymbol): string | undefined {
  type Dep = { scope?: string; since?: string; params?: string[]; alternatives?: string[]; kind?: string };
  const all = (fact.deprecations ?? []) as Dep[];
  // A pending deprecation only warns that one is coming (Spark 3.5's GroupedData.apply): say so,
  // rather than calling the API deprecated.
  const pending = all.filter((d) => d.kind === 'pending_deprecation');
  const ds = all.filter((d) => d.kind !== 'pending_deprecation');
  const whole = ds.find((d) => d.scope === 'function' || d.scope === 'class' || d.scope === 'package');
  const alt = (d: { alternatives?: string[] }) => (d.alternatives?.length ? `; use ${d.alternatives.map((a) => `\`${a}\``).join(' or ')}` : '');
  if (fact.deprecated || whole) {
    const d = whole ?? {};
    return `Deprecated${d.since ? ` since ${d.since}` : ''}${alt(d)}.`;
  }
  const param = ds.filter((d) => d.scope === 'parameter' && d.params?.length);
  if (param.length) return param.map((d) => `\`${d.params!.join('`, `')}\` deprecated${d.since ? ` since ${d.since}` : ''}${alt(d)}`).join('. ') + '.';
  const soon = pending.find((d) => d.scope === 'function' || d.scope === 'class');
  if (soon) return `Not deprecated yet: calling it warns that a deprecation is coming${alt(soon)}.`;
  return undefined;
}

/** Builds the hover card for a note from the facts (the note never states a signature itself). */
export function buildCard(note: Note, facts: FactsDb): Card | undefined {
  const info = facts.table.resolvePath(note.symbol);
  if (!info) return undefined;
  const fact = facts.get(info.qualname);
  if (!fact) return undefined;
  const { signature, params, omitted } = renderSignature(note.symbol, fact, facts.paramsOf(fact), note.show);
  const deprecated = deprecationLine(fact);
  const library = libraryOf(info.qualname);
  if (!library) return undefined;
  return { ...note, kind: info.kind, signature, params, omitted, ...(deprecated ? { deprecated } : {}), library };
}
