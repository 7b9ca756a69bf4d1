import { isOp, stringValue, type Call, type CodeIndex } from '../code';
import type { Hit, TrapDetector } from '../types';
import { pandasUdfFunctions } from './pandasUdfs';

// Logging and registering models: MLflow 3's name=, and what Unity Catalog asks of a registration.

const LOG_MODEL = /^mlflow\.\w+\.log_model$/;

/** MLAP001: `artifact_path=` (or the path given by position) where the flavor's log_model takes `name`. */
export const logModelName: TrapDetector = {
  id: 'MLAP001',
  slug: 'log-model-name',
  detect(code, facts) {
    const hits: Hit[] = [];
    for (const call of code.calls) {
      if (!call.qualname || !LOG_MODEL.test(call.qualname)) continue;
      const params = facts.params(call.qualname);
      // Only flavors whose facts take `name` (mlflow.spark.log_model does not, for one).
      if (!params?.includes('name') || !params.includes('artifact_path')) continue;
      const kw = code.keyword(call, 'artifact_path');
      if (code.keyword(call, 'name')) {
        // Both given: MLflow 3 refuses the call; the fix drops artifact_path=.
        if (kw?.keywordTok !== undefined) {
          const i = call.args.indexOf(kw);
          const next = call.args[i + 1];
          const prev = call.args[i - 1];
          const t = code.t;
          const del = next ? { start: t.start[kw.keywordTok]!, end: t.start[next.keywordTok ?? next.from]! } : { start: prev ? t.end[prev.to - 1]! : t.start[kw.keywordTok]!, end: t.end[kw.to - 1]! };
          hits.push({ ...code.span(kw.keywordTok, kw.keywordTok + 1), message: 'name= and artifact_path= together: MLflow 3 refuses the call; keep name=.', fix: { title: 'Remove artifact_path=', edits: [{ ...del, text: '' }] } });
        }
        continue;
      }
      if (kw?.keywordTok !== undefined) {
        const s = code.span(kw.keywordTok, kw.keywordTok + 1);
        hits.push({ ...s, fix: { title: 'Use name= instead of artifact_path=', edits: [{ ...s, text: 'name' }] } });
        continue;
      }
      const arg = code.positional(call, params.indexOf('artifact_path'));
      if (arg && stringValue(code.t, arg.from) !== undefined && arg.to === arg.from + 1) {
        const s = code.span(arg.from, arg.to);
        hits.push({ ...s, fix: { title: 'Pass the model name as name=', edits: [{ start: s.start, end: s.start, text: 'name=' }] } });
      }
    }
    return hits;
  },
};

/** Whether the file points the registry at Unity Catalog (`mlflow.set_registry_uri("databricks-uc")`). */
function usesUnityCatalog(code: CodeIndex): boolean {
  return code.calls.some((c) => c.qualname === 'mlflow.set_registry_uri' && c.args[0] && /^databricks-uc/.test(stringValue(code.t, c.args[0].from) ?? ''));
}

const hasSignature = (code: CodeIndex, call: Call) => !!(code.keyword(call, 'signature') || code.keyword(call, 'input_example'));

/** MLAP005: registering in Unity Catalog a model logged without a signature or input example. */
export const ucNoSignature: TrapDetector = {
  id: 'MLAP005',
  slug: 'uc-no-signature',
  detect(code) {
    if (!usesUnityCatalog(code)) return [];
    const logs = code.calls.filter((c) => c.qualname && LOG_MODEL.test(c.qualname));
    const hits: Hit[] = [];
    for (const call of logs) {
      const reg = code.keyword(call, 'registered_model_name');
      if (reg?.keywordTok !== undefined && !hasSignature(code, call)) hits.push(code.span(call.chainStart, call.nameTok + 1));
    }
    // `mlflow.register_model` of a model this file logged, when no log_model here gives a signature.
    if (logs.length && !logs.some((c) => hasSignature(code, c))) {
      for (const call of code.calls) if (call.qualname === 'mlflow.register_model') hits.push(code.span(call.chainStart, call.nameTok + 1));
    }
    return hits;
  },
};

/** The string literal naming the registered model in a call, if the rule can read it. */
function modelNameArg(code: CodeIndex, call: Call): number | undefined {
  if (call.qualname && LOG_MODEL.test(call.qualname)) return code.keyword(call, 'registered_model_name')?.from;
  if (call.qualname === 'mlflow.register_model') return (code.keyword(call, 'name') ?? code.positional(call, 1))?.from;
  if (/MlflowClient\.(create_registered_model|set_registered_model_alias|create_model_version|get_model_version_by_alias)$/.test(call.qualname ?? '')) return (code.keyword(call, 'name') ?? code.positional(call, 0))?.from;
  return undefined;
}

/** MLAP006: with Unity Catalog as the registry, a model name that is not catalog.schema.model. */
export const ucModelName: TrapDetector = {
  id: 'MLAP006',
  slug: 'uc-model-name',
  detect(code) {
    if (!usesUnityCatalog(code)) return [];
    const hits: Hit[] = [];
    for (const call of code.calls) {
      const tok = modelNameArg(code, call);
      if (tok === undefined || isOp(code.t, tok + 1, '.')) continue;
      const name = stringValue(code.t, tok);
      if (name === undefined || name.includes('{')) continue;
      if (name.split('.').length !== 3) hits.push({ ...code.span(tok, tok + 1), message: `"${name}" is not a three-level name: Unity Catalog registers models as catalog.schema.model.` });
    }
    return hits;
  },
};

const LOAD_MODEL = /^mlflow\.(\w+\.)?load_model$/;

/** MLAP019: a model loaded inside a pandas UDF's body: once per batch rather than once per executor. */
export const loadModelInUdf: TrapDetector = {
  id: 'MLAP019',
  slug: 'load-model-in-udf',
  detect(code) {
    const hits: Hit[] = [];
    for (const udf of pandasUdfFunctions(code)) {
      // An iterator UDF that loads before its loop loads once per partition: the documented pattern.
      const iterator = code.text(udf.head, udf.headEnd).includes('Iterator[');
      for (const call of code.callsIn(udf.bodyFrom, udf.bodyTo)) {
        if (!call.qualname || !LOAD_MODEL.test(call.qualname)) continue;
        const around = code.enclosing(call.nameTok);
        const inner = around.slice(0, around.indexOf(udf));
        if (iterator && !inner.some((b) => b.kw === 'for' || b.kw === 'while')) continue;
        hits.push(code.span(call.chainStart, call.nameTok + 1));
      }
    }
    return hits;
  },
};

