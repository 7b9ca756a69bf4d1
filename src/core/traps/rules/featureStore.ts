import { isName, isOp, type Call, type CodeIndex } from '../code';
import type { Edit, Fix, Hit, TrapDetector } from '../types';
import { hasStarArgs, receiverCall } from './callHelpers';
import { importLines } from './importLines';
import { FIELD, literalArg, type Literal } from './literals';

// The workspace feature store client, replaced by Feature Engineering in Unity Catalog.

const CLIENT = 'databricks.feature_store.FeatureStoreClient';
/** The client methods whose `name=` (or first argument) is a feature table. */
const TABLE_METHODS = new Set(['create_table', 'write_table', 'read_table', 'get_table', 'drop_table']);
/** What `databricks.feature_engineering` also exports: an import of only these can switch package. */
const IN_BOTH = new Set(['FeatureStoreClient', 'FeatureLookup', 'FeatureFunction']);

/** A table of the workspace feature store: `hive_metastore.<db>.<table>` or a two-part `<db>.<table>`. */
function workspaceTable(lit: Literal | undefined): boolean {
  if (!lit) return false;
  if (lit.text.toLowerCase().startsWith('hive_metastore.')) return true;
  return !lit.text.includes(FIELD) && lit.text.split('.').length === 2;
}

/** The feature-table names the file passes to FeatureStoreClient objects (undefined where not a literal). */
function tableNames(code: CodeIndex, onClient: readonly Call[]): (Literal | undefined)[] {
  const t = code.t;
  const names: (Literal | undefined)[] = [];
  const lookupRanges: { from: number; to: number }[] = [];
  for (const c of onClient) {
    if (TABLE_METHODS.has(c.name)) names.push(literalArg(t, code.keyword(c, 'name') ?? code.positional(c, 0)));
    for (const a of c.args) {
      lookupRanges.push(a);
      // `feature_lookups=lookups`, the list built first.
      const bound = a.to === a.from + 1 && isName(t, a.from) ? code.boundExpr(t.text.slice(t.start[a.from], t.end[a.from]), a.from) : undefined;
      if (bound) lookupRanges.push(bound);
    }
  }
  for (const r of lookupRanges) {
    for (const l of code.callsIn(r.from, r.to)) if (l.name === 'FeatureLookup') names.push(literalArg(t, code.keyword(l, 'table_name') ?? code.positional(l, 0)));
  }
  return names;
}

/** MLAP007: the workspace feature store client instead of Feature Engineering in Unity Catalog. */
export const featureStoreClient: TrapDetector = {
  id: 'MLAP007',
  slug: 'feature-store-client',
  detect(code) {
    const t = code.t;
    // Most files never name the client: nothing to look at.
    if (!code.callsNamed('FeatureStoreClient').length && !importLines(code).some((l) => l.modules.some((m) => m.path.startsWith('databricks.feature_store')))) return [];
    const ctors = code.calls.filter((c) => c.qualname === CLIENT);
    const onClient = code.calls.filter((c) => c.nameTok > 1 && isOp(t, c.nameTok - 1, '.') && receiverCall(code, c)?.qualname === CLIENT);
    // Code that works on workspace tables only really needs the legacy client.
    const names = tableNames(code, onClient);
    if (names.length && names.every(workspaceTable)) return [];
    const hits: Hit[] = [];
    for (const line of importLines(code)) {
      const mod = line.modules[0];
      if (line.kind !== 'from' || mod?.path !== 'databricks.feature_store') continue;
      const client = line.names.find((n) => n.name === 'FeatureStoreClient');
      if (!client) continue;
      const hit: Hit = code.span(client.tok, client.tok + 1);
      if (line.names.every((n) => IN_BOTH.has(n.name)) && keywordsOnly(code, onClient)) {
        const edits: Edit[] = [{ ...code.span(mod.from, mod.to), text: 'databricks.feature_engineering' }];
        // Rename the class where the file uses it, unless the import gives it a name of its own.
        for (let k = 0; k < t.count; k++) {
          if (isName(t, k, 'FeatureStoreClient') && !isOp(t, k - 1, '.') && (k === client.tok || !client.alias)) edits.push({ ...code.span(k, k + 1), text: 'FeatureEngineeringClient' });
        }
        hit.fix = { title: 'Import FeatureEngineeringClient from databricks.feature_engineering', edits } satisfies Fix;
      }
      hits.push(hit);
    }
    // `databricks.feature_store.FeatureStoreClient()` after `import databricks.feature_store`.
    for (const c of ctors) if (c.qualname === CLIENT && c.chainStart < c.nameTok) hits.push(code.span(c.nameTok, c.nameTok + 1));
    return hits;
  },
};

/**
 * Whether the clients made from the imported name could switch class as they are: built with no
 * arguments, and every method call passes keywords only (FeatureEngineeringClient's methods are
 * keyword-only) without `timestamp_keys=` (called `timeseries_column=` there).
 */
function keywordsOnly(code: CodeIndex, onClient: readonly Call[]): boolean {
  const ctors = code.calls.filter((c) => c.qualname === CLIENT && c.chainStart === c.nameTok);
  if (ctors.some((c) => c.args.length)) return false;
  return onClient.every((c) => {
    const made = receiverCall(code, c)!;
    // Clients built as databricks.feature_store.FeatureStoreClient() keep their class.
    if (made.chainStart !== made.nameTok) return true;
    return !hasStarArgs(c) && c.args.every((a) => a.keyword !== undefined) && !code.keyword(c, 'timestamp_keys');
  });
}
