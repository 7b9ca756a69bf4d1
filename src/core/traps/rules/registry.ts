import { Tok } from '../../python/tokenizer';
import type { Hit, TrapDetector } from '../types';
import { literalAt } from './literals';

// Model registry stages, deprecated since MLflow 2.9 and absent from Unity Catalog: aliases replace them.

/**
 * Calls of an `MlflowClient` method: the resolver names the method only when the object is a
 * client (`MlflowClient()` itself, or a name bound to it, under any import alias), so a team's own
 * class with a method of the same name is left alone.
 */
function clientCalls(detector: { id: string; slug: string }, method: string): TrapDetector {
  return {
    ...detector,
    detect(code) {
      return code.calls
        .filter((c) => c.name === method && c.qualname === `mlflow.client.MlflowClient.${method}`)
        .map((c) => code.span(c.nameTok, c.nameTok + 1));
    },
  };
}

/** MLAP002: `transition_model_version_stage` moves a version between stages. */
export const stageTransition = clientCalls({ id: 'MLAP002', slug: 'stage-transition' }, 'transition_model_version_stage');

/** MLAP003: `get_latest_versions` finds versions by stage. */
export const latestVersions = clientCalls({ id: 'MLAP003', slug: 'latest-versions' }, 'get_latest_versions');

// The name may hold f-string fields; the stage after the last slash must be written out.
const STAGE_URI = /^models:\/([^/@]+)\/(production|staging|archived|none)$/i;

/** MLAP004: a `models:/<name>/<Stage>` URI, in a plain string or an f-string whose stage is constant. */
export const stageUri: TrapDetector = {
  id: 'MLAP004',
  slug: 'stage-uri',
  detect(code) {
    const t = code.t;
    const hits: Hit[] = [];
    for (let i = 0; i < t.count; i++) {
      if (t.kind[i] !== Tok.String) continue;
      const lit = literalAt(t, i);
      const m = lit && STAGE_URI.exec(lit.text);
      if (!lit || !m) continue;
      const name = lit.raw.slice('models:/'.length, lit.raw.lastIndexOf('/'));
      hits.push({ ...code.span(i, i + 1), message: `models:/${name}/${m[2]} loads by the stage "${m[2]}": stages are deprecated and Unity Catalog has none; use models:/${name}@<alias>.` });
    }
    return hits;
  },
};
