import { Tok, tokText } from '../../python/tokenizer';
import { stringValue } from '../code';
import type { Hit, TrapDetector } from '../types';

// Model registry stages, deprecated since MLflow 2.9 and absent from Unity Catalog: aliases replace them.

/**
 * Calls of a client method by name. The resolver names the method when it knows the client; a
 * client passed in as a parameter is unknown to it, and these method names belong to MLflow alone.
 */
function clientCalls(detector: { id: string; slug: string }, method: string): TrapDetector {
  return {
    ...detector,
    detect(code) {
      return code.calls
        .filter((c) => c.name === method && (!c.qualname || c.qualname.endsWith(`MlflowClient.${method}`)) && c.chainStart < c.nameTok)
        .map((c) => code.span(c.nameTok, c.nameTok + 1));
    },
  };
}

/** MLAP002: `transition_model_version_stage` moves a version between stages. */
export const stageTransition = clientCalls({ id: 'MLAP002', slug: 'stage-transition' }, 'transition_model_version_stage');

/** MLAP003: `get_latest_versions` finds versions by stage. */
export const latestVersions = clientCalls({ id: 'MLAP003', slug: 'latest-versions' }, 'get_latest_versions');

const STAGE_URI = /^models:\/([^/@]+)\/(production|staging|archived|none)$/i;

/** MLAP004: a `models:/<name>/<Stage>` URI. */
export const stageUri: TrapDetector = {
  id: 'MLAP004',
  slug: 'stage-uri',
  detect(code) {
    const t = code.t;
    const hits: Hit[] = [];
    for (let i = 0; i < t.count; i++) {
      if (t.kind[i] !== Tok.String) continue;
      const v = stringValue(t, i);
      const m = v === undefined ? undefined : STAGE_URI.exec(v);
      if (m) hits.push({ ...code.span(i, i + 1), message: `${tokText(t, i)} loads by stage "${m[2]}": stages are deprecated and Unity Catalog has none; use an alias, models:/${m[1]}@<alias>.` });
    }
    return hits;
  },
};
