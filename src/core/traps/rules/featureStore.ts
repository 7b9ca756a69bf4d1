import { isName, isOp } from '../code';
import type { Edit, Hit, TrapDetector } from '../types';
import { importLines } from './importLines';

// The workspace feature store client, replaced by Feature Engineering in Unity Catalog.

/** MLAP007: the workspace feature store client instead of Feature Engineering in Unity Catalog. */
export const featureStoreClient: TrapDetector = {
  id: 'MLAP007',
  slug: 'feature-store-client',
  detect(code) {
    const t = code.t;
    const hits: Hit[] = [];
    for (const line of importLines(code)) {
      const mod = line.modules.find((m) => m.path === 'databricks.feature_store' || m.path.startsWith('databricks.feature_store.'));
      if (line.kind === 'from' && mod?.path === 'databricks.feature_store') {
        const client = line.names.find((n) => n.name === 'FeatureStoreClient');
        const edits: Edit[] = [{ ...code.span(mod.from, mod.to), text: 'databricks.feature_engineering' }];
        // Rename the class where the file uses it, unless the import gives it a name of its own.
        if (client) for (let k = 0; k < t.count; k++) {
          if (isName(t, k, 'FeatureStoreClient') && !isOp(t, k - 1, '.') && (k === client.tok || !client.alias)) edits.push({ ...code.span(k, k + 1), text: 'FeatureEngineeringClient' });
        }
        hits.push({ ...code.span(mod.from, mod.to), fix: { title: 'Import FeatureEngineeringClient from databricks.feature_engineering', edits } });
      } else if (mod) hits.push(code.span(mod.from, mod.to));
      else if (line.kind === 'from' && line.modules[0]?.path === 'databricks') {
        const n = line.names.find((x) => x.name === 'feature_store');
        if (n) hits.push(code.span(n.tok, n.tok + 1));
      }
    }
    return hits;
  },
};

