import { isName, isOp, type Arg, type Block, type Call, type CodeIndex } from '../code';
import type { Edit, Hit, RuleFacts, TrapDetector } from '../types';
import { callSpanning, hasStarArgs, singleBinding } from './callHelpers';
import { FIELD, literalArg } from './literals';
import { firstParam, mapInPandasFunctions, pandasUdfFunctions, pythonUdfFunctions } from './pandasUdfs';

// Logging and registering models: MLflow 3's name=, and what Unity Catalog asks of a registration.

const LOG_MODEL = /^mlflow\.\w+\.log_model$/;
// Asked of every call by three rules: the suffix test turns most calls away before the regex.
const isLogModel = (c: Call) => {
  const q = c.qualname;
  return !!q && q.endsWith('.log_model') && LOG_MODEL.test(q);
};

/** The first token of an argument as written (its keyword, or the `*`/`**` before it). */
const argStart = (a: Arg) => a.keywordTok ?? (a.star ? a.from - 1 : a.from);

/** An edit that removes one argument of a call with the comma that separates it. */
function removeArg(code: CodeIndex, call: Call, arg: Arg): Edit {
  const t = code.t;
  const i = call.args.indexOf(arg);
  const next = call.args[i + 1];
  const prev = call.args[i - 1];
  if (next) return { start: t.start[argStart(arg)]!, end: t.start[argStart(next)]!, text: '' };
  return { start: prev ? t.end[prev.to - 1]! : t.start[argStart(arg)]!, end: t.end[arg.to - 1]!, text: '' };
}

/** The argument given for parameter `param` by keyword or in its positional slot (per the facts). */
function argFor(code: CodeIndex, facts: RuleFacts, call: Call, param: string): Arg | undefined {
  const kw = code.keyword(call, param);
  if (kw) return kw;
  const slot = call.qualname ? facts.params(call.qualname)?.indexOf(param) ?? -1 : -1;
  if (slot < 0) return undefined;
  const positional = call.args.filter((a) => a.keyword === undefined);
  // After a `*args` the slots cannot be counted.
  return positional.slice(0, slot + 1).some((a) => a.star) ? undefined : positional[slot];
}

/** MLAP001: `artifact_path=` (or the path given by position) where the flavor's log_model takes `name`. */
export const logModelName: TrapDetector = {
  id: 'MLAP001',
  slug: 'log-model-name',
  detect(code, facts) {
    const hits: Hit[] = [];
    for (const call of code.calls) {
      if (!isLogModel(call)) continue;
      const params = facts.params(call.qualname!);
      // Only flavors whose facts take `name` (mlflow.spark.log_model's do not, for one).
      if (!params?.includes('name') || !params.includes('artifact_path')) continue;
      const path = argFor(code, facts, call, 'artifact_path');
      if (!path || path.star) continue;
      const both = !!code.keyword(call, 'name');
      const s = path.keywordTok !== undefined ? code.span(path.keywordTok, path.keywordTok + 1) : code.span(path.from, path.to);
      const message = both ? 'name= and artifact_path= together: MLflow 3 refuses the call; keep name=.' : undefined;
      // A positional path followed by other positional arguments cannot become a keyword.
      const lastPositional = call.args.filter((a) => a.keyword === undefined).pop() === path;
      let fix: Hit['fix'];
      if (both && (path.keyword || lastPositional)) fix = { title: 'Remove artifact_path=', edits: [removeArg(code, call, path)] };
      else if (!both && path.keyword) fix = { title: 'Use name= instead of artifact_path=', edits: [{ ...s, text: 'name' }] };
      else if (!both && lastPositional) fix = { title: 'Pass the model name as name=', edits: [{ start: s.start, end: s.start, text: 'name=' }] };
      hits.push({ ...s, ...(message ? { message } : {}), ...(fix ? { fix } : {}) });
    }
    return hits;
  },
};

/** The first `mlflow.set_registry_uri("databricks-uc")` call, if the file points the registry at Unity Catalog. */
function unityCatalogCall(code: CodeIndex): Call | undefined {
  return code.calls.find((c) => c.qualname === 'mlflow.set_registry_uri' && isUnityCatalogUri(code, code.keyword(c, 'uri') ?? code.positional(c, 0)));
}

function isUnityCatalogUri(code: CodeIndex, arg: Arg | undefined): boolean {
  const lit = literalArg(code.t, arg);
  return !!lit && /^databricks-uc($|:\/\/)/.test(lit.text);
}

/** `infer_signature(x)` with the input alone: a signature without outputs, which Unity Catalog refuses. */
function inputsOnlySignature(code: CodeIndex, range: { from: number; to: number }): boolean {
  const t = code.t;
  let sig = callSpanning(code, range);
  if (!sig && range.to === range.from + 1 && isName(t, range.from)) sig = callSpanning(code, singleBinding(code, t.text.slice(t.start[range.from], t.end[range.from]), range.from));
  if (!sig || sig.name !== 'infer_signature' || (sig.qualname && !sig.qualname.endsWith('.infer_signature'))) return false;
  return sig.args.length === 1 && !sig.args[0]!.star && (sig.args[0]!.keyword ?? 'model_input') === 'model_input';
}

/**
 * Why a log_model call leaves its model without a full signature, or undefined when it gives one
 * (or when the rule cannot tell: `**kwargs`, a pyfunc model whose type hints may give it).
 */
function missingSignature(code: CodeIndex, facts: RuleFacts, call: Call): 'none' | 'inputs-only' | undefined {
  if (hasStarArgs(call) || argFor(code, facts, call, 'input_example')) return undefined;
  if (call.qualname === 'mlflow.pyfunc.log_model' && argFor(code, facts, call, 'python_model')) return undefined;
  const sig = argFor(code, facts, call, 'signature');
  if (!sig || (sig.to === sig.from + 1 && isName(code.t, sig.from, 'None'))) return 'none';
  return inputsOnlySignature(code, sig) ? 'inputs-only' : undefined;
}

const NO_SIGNATURE = 'Unity Catalog rejects a model version without a full signature: pass signature= or input_example=.';
const INPUTS_ONLY = 'infer_signature() was given the input only: Unity Catalog also needs the outputs, pass the predictions too.';

/** The log_model calls whose `name=`/`artifact_path=` (or positional path) is the literal `path`. */
function loggedAt(code: CodeIndex, facts: RuleFacts, path: string): Call[] {
  return code.calls.filter((c) => {
    if (!isLogModel(c)) return false;
    const arg = code.keyword(c, 'name') ?? argFor(code, facts, c, 'artifact_path');
    const lit = literalArg(code.t, arg);
    return !!lit && lit.text === path;
  });
}

/** The log_model calls that logged the model a register_model URI points at, when the file shows them. */
function loggedModelsOf(code: CodeIndex, facts: RuleFacts, uri: Arg): Call[] {
  const t = code.t;
  // `model_info.model_uri`, model_info bound to a log_model call.
  if (uri.to === uri.from + 3 && isName(t, uri.from) && isOp(t, uri.from + 1, '.') && isName(t, uri.from + 2, 'model_uri')) {
    const logged = callSpanning(code, code.boundExpr(t.text.slice(t.start[uri.from], t.end[uri.from]), uri.from));
    return logged && isLogModel(logged) ? [logged] : [];
  }
  // `runs:/<run id>/<path>`, the path written out.
  const lit = literalArg(t, uri);
  const m = lit ? /^runs:\/[^/]+\/(.+)$/.exec(lit.text) : undefined;
  return m && !m[1]!.includes(FIELD) ? loggedAt(code, facts, m[1]!.replace(/\/$/, '')) : [];
}

/** MLAP005: registering in Unity Catalog a model logged without a (full) signature. */
export const ucNoSignature: TrapDetector = {
  id: 'MLAP005',
  slug: 'uc-no-signature',
  detect(code, facts) {
    const uc = unityCatalogCall(code);
    if (!uc) return [];
    const hits: Hit[] = [];
    for (const call of code.calls) {
      if (call.open < uc.close) continue;
      if (isLogModel(call)) {
        const reg = code.keyword(call, 'registered_model_name');
        const why = reg?.keywordTok !== undefined ? missingSignature(code, facts, call) : undefined;
        if (why) hits.push({ ...code.span(reg!.keywordTok!, reg!.keywordTok! + 1), message: why === 'none' ? NO_SIGNATURE : INPUTS_ONLY });
      } else if (call.qualname === 'mlflow.register_model' && !hasStarArgs(call)) {
        const uri = code.keyword(call, 'model_uri') ?? code.positional(call, 0);
        const logged = uri ? loggedModelsOf(code, facts, uri) : [];
        const whys = logged.map((c) => missingSignature(code, facts, c));
        // Every log_model that could have made the URI's model leaves it without a signature.
        if (whys.length && whys.every((w) => w)) hits.push({ ...code.span(call.chainStart, call.nameTok + 1), message: whys.every((w) => w === 'inputs-only') ? INPUTS_ONLY : NO_SIGNATURE });
      }
    }
    return hits;
  },
};

/** Whether the file targets Unity Catalog: `set_registry_uri("databricks-uc")` or `MlflowClient(registry_uri="databricks-uc")`. */
function targetsUnityCatalog(code: CodeIndex): boolean {
  return !!unityCatalogCall(code) || code.calls.some((c) => c.qualname === 'mlflow.client.MlflowClient' && isUnityCatalogUri(code, code.keyword(c, 'registry_uri') ?? code.positional(c, 1)));
}

const CLIENT_NAMED = new Set(['mlflow.client.MlflowClient.create_registered_model', 'mlflow.client.MlflowClient.create_model_version']);

/** The argument naming the registered model in a call, if the call is one the rule reads. */
function modelNameArg(code: CodeIndex, call: Call): Arg | undefined {
  if (isLogModel(call)) return code.keyword(call, 'registered_model_name');
  if (call.qualname === 'mlflow.register_model') return code.keyword(call, 'name') ?? code.positional(call, 1);
  if (CLIENT_NAMED.has(call.qualname ?? '')) return code.keyword(call, 'name') ?? code.positional(call, 0);
  return undefined;
}

/** The dot-separated parts of a Unity Catalog name (dots inside `backquoted` parts do not split). */
const nameParts = (name: string) => name.match(/(`[^`]*`|[^.`])+/g)?.length ?? 0;

/** MLAP006: with Unity Catalog as the registry, a model name that is not catalog.schema.model. */
export const ucModelName: TrapDetector = {
  id: 'MLAP006',
  slug: 'uc-model-name',
  detect(code) {
    if (!targetsUnityCatalog(code)) return [];
    const hits: Hit[] = [];
    for (const call of code.calls) {
      const arg = modelNameArg(code, call);
      const lit = literalArg(code.t, arg);
      if (!arg || !lit || lit.text.includes(FIELD)) continue;
      if (nameParts(lit.text) !== 3) hits.push({ ...code.span(arg.from, arg.to), message: `"${lit.text}" is not a three-level name: Unity Catalog registers models as catalog.schema.model.` });
    }
    return hits;
  },
};

const LOAD_MODEL = /^mlflow\.(\w+\.)?load_model$/;
const SERIES_OR_FRAME = /(^|\.)(Series|DataFrame)$/;
const ITERATOR = /^(typing\.|collections\.abc\.)?Iterator\[/;

/** MLAP019: a model loaded inside a UDF: once per batch or per row rather than once per task. */
export const loadModelInUdf: TrapDetector = {
  id: 'MLAP019',
  slug: 'load-model-in-udf',
  detect(code) {
    const t = code.t;
    // Where in each function a load is flagged: anywhere (batches: undefined), or only in the
    // loop over the batches its first parameter holds.
    const where = new Map<Block, { batches?: string }>();
    for (const udf of pandasUdfFunctions(code)) {
      const p = firstParam(code, udf);
      if (p?.annotation && SERIES_OR_FRAME.test(p.annotation)) where.set(udf, {});
      else if (p?.annotation && ITERATOR.test(p.annotation)) where.set(udf, { batches: p.name });
    }
    for (const f of mapInPandasFunctions(code)) {
      const p = firstParam(code, f);
      if (p && !where.has(f)) where.set(f, { batches: p.name });
    }
    for (const udf of pythonUdfFunctions(code)) if (!where.has(udf)) where.set(udf, {});
    const hits: Hit[] = [];
    for (const [fn, { batches }] of where) {
      for (const call of code.callsIn(fn.bodyFrom, fn.bodyTo)) {
        if (!call.qualname || !LOAD_MODEL.test(call.qualname)) continue;
        if (batches !== undefined) {
          // Only inside `for ... in <batches>`: a load before that loop runs once per task.
          const around = code.enclosing(call.nameTok);
          const inner = around.slice(0, around.indexOf(fn));
          const overBatches = inner.some((b) => {
            if (b.kw !== 'for') return false;
            let k = b.head + 1;
            while (k < b.headEnd && !(isName(t, k, 'in') && t.depth[k] === t.depth[b.head])) k++;
            for (; k < b.headEnd; k++) if (isName(t, k, batches) && !isOp(t, k - 1, '.')) return true;
            return false;
          });
          if (!overBatches) continue;
        }
        hits.push(code.span(call.chainStart, call.nameTok + 1));
      }
    }
    return hits.sort((a, b) => a.start - b.start);
  },
};
