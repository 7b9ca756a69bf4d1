// The project's copy of the API facts is a compact, field-trimmed image of ../shared/api: every
// symbol, but only the fields content checks, hover cards and the resolver read. The same function
// makes the copy (scripts/sync-facts.mjs) and checks it for drift (test/unit/factsDrift.test.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FACT_FILES = ['mlflow.json', 'pyspark_ml.json', 'hyperopt.json', 'databricks.json'];

const PARAM_KEYS = ['name', 'kind', 'default', 'default_value', 'annotation', 'required', 'provenance', 'dbr'];
const SYMBOL_KEYS = [
  'qualname', 'kind', 'aliases', 'owner', 'public', 'params', 'returns', 'signature', 'method_kind',
  'init', 'members', 'inherited_members', 'mro', 'deprecated', 'deprecations', 'since', 'experimental',
  'effective_params', 'effective_signature', 'value', 'inherited_from', 'is_estimator', 'is_transformer',
  'is_model', 'is_evaluator', 'keyword_only_decorator', 'source', 'provenance', 'params_known', 'settable',
];
const DEPRECATION_KEYS = ['source', 'scope', 'params', 'since', 'removal_version', 'removed_in', 'alternatives', 'topic', 'kind', 'moved_to'];

function pick(obj, keys) {
  const out = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}
const params = (ps) => ps.map((p) => pick(p, PARAM_KEYS));

/** One symbol record, trimmed to the fields the project reads. */
export function compactSymbol(s) {
  const out = pick(s, SYMBOL_KEYS);
  if (out.params) out.params = params(out.params);
  if (out.effective_params) out.effective_params = params(out.effective_params);
  if (out.init) out.init = { ...pick(out.init, ['signature', 'keyword_only_decorator']), params: params(out.init.params ?? []) };
  if (out.members) out.members = out.members.map((m) => ({ name: m.name, kind: m.kind }));
  if (out.inherited_members) {
    out.inherited_members = Object.fromEntries(Object.entries(out.inherited_members).map(([k, v]) => [k, { from: v.from, kind: v.kind }]));
  }
  if (out.deprecations) out.deprecations = out.deprecations.map((d) => pick(d, DEPRECATION_KEYS));
  return out;
}

/** The compact image of one ../shared/api file. */
export function compactFactsFile(raw) {
  return { source: raw.source, symbols: raw.symbols.map(compactSymbol) };
}

export function readCompactFacts(sharedApiDir, file) {
  return compactFactsFile(JSON.parse(readFileSync(join(sharedApiDir, file), 'utf8')));
}
