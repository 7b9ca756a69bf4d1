import type { Binding } from '../../python/documentModel';
import { Tok, tokText } from '../../python/tokenizer';
import { isName, isOp, type Block, type Call, type CodeIndex } from '../code';
import type { Hit, TrapDetector } from '../types';
import { assigned, bindingAt, callPath, callSpanning, callStartingAt, importedPath, nameCount, receiver, trim, valueOf, type Range } from './bindings';

// pandas on Spark: pandas UDFs, the pandas function APIs, and collecting to the driver.

const PANDAS_UDF = new Set(['pyspark.sql.functions.pandas_udf', 'pyspark.sql.pandas.functions.pandas_udf']);
const udfNames = new WeakMap<CodeIndex, Set<string>>();

/** A call of pandas_udf, under its own name or an alias it was imported as. */
function isPandasUdfCall(code: CodeIndex, c: Call): boolean {
  let names = udfNames.get(code);
  if (!names) {
    names = new Set(['pandas_udf']);
    for (const scope of code.model.scopes) for (const [name, list] of scope.bindings) if (list.some((b) => b.value.kind === 'import' && PANDAS_UDF.has(b.value.path))) names.add(name);
    udfNames.set(code, names);
  }
  return names.has(c.name) && PANDAS_UDF.has(callPath(code, c) ?? '');
}

/** The member of PandasUDFType an expression names (`SCALAR` in `F.PandasUDFType.SCALAR`), through any import or alias. */
function udfTypeMember(code: CodeIndex, r: Range): string | undefined {
  let path = importedPath(code, r);
  if (!path && r.to > r.from && code.t.kind[r.to - 1] === Tok.Name) {
    const v = code.resolver.valueOfChainEndingAt(code.model, r.to - 1);
    if (v?.k === 'sym' && code.chainStart(r.to - 1) === r.from) path = v.info.qualname;
  }
  return path?.match(/^pyspark\.sql\.(?:pandas\.)?functions\.PandasUDFType\.(\w+)$/)?.[1];
}

const HINTED_KINDS = new Set(['SCALAR', 'SCALAR_ITER', 'GROUPED_AGG']);

/** MLAP009: a pandas_udf given its kind as PandasUDFType: since Spark 3.0 type hints say it. */
export const pandasUdfType: TrapDetector = {
  id: 'MLAP009',
  slug: 'pandas-udf-type',
  detect(code) {
    const t = code.t;
    const hits: Hit[] = [];
    for (const call of code.calls) {
      if (!isPandasUdfCall(code, call)) continue;
      for (const arg of call.args) {
        const v = valueOf(code, arg);
        if (!v || v.to <= v.from) continue;
        if (arg.keyword === 'functionType') {
          const none = v.to === v.from + 1 && isName(t, v.from, 'None');
          if (!none && udfTypeMember(code, v) !== 'GROUPED_MAP') hits.push(code.span(arg.keywordTok!, v.to));
        } else if (!arg.keyword && HINTED_KINDS.has(udfTypeMember(code, v) ?? '')) hits.push(code.span(v.from, v.to));
      }
    }
    return hits;
  },
};

/** The bindings of the file's pandas UDFs: functions decorated with @pandas_udf(...) and names assigned from pandas_udf(...). */
function pandasUdfBindings(code: CodeIndex): Map<Binding, Block | undefined> {
  const out = new Map<Binding, Block | undefined>();
  for (const b of code.blocks) {
    if (b.kw !== 'def' || !b.decorators.some((d) => udfDecorator(code, d))) continue;
    const name = code.defName(b);
    const binding = name ? code.model.scopes[code.model.scopeOf[b.head]!]!.bindings.get(name)?.find((x) => x.at === b.head + 1) : undefined;
    if (binding) out.set(binding, b);
  }
  for (const scope of code.model.scopes) {
    for (const list of scope.bindings.values()) {
      for (const b of list) {
        const value = assigned(code, b);
        const c = value && callSpanning(code, value);
        if (c && isPandasUdfCall(code, c)) out.set(b, undefined);
      }
    }
  }
  return out;
}

/** The `@pandas_udf(...)` call of a decorator line, if that is what it is. */
function udfDecorator(code: CodeIndex, at: number): Call | undefined {
  const c = callStartingAt(code, at + 1);
  return c && isPandasUdfCall(code, c) ? c : undefined;
}

/** Whether a DataFrame-side expression is a groupBy (`camel`) or groupby call, directly or through a name bound to one in the same scope. */
function groupingOf(code: CodeIndex, r: Range, depth = 0): 'camel' | 'lower' | undefined {
  const t = code.t;
  if (r.to === r.from + 1 && isName(t, r.from) && depth < 4) {
    const value = assigned(code, bindingAt(code, tokText(t, r.from), r.from, true));
    return value ? groupingOf(code, value, depth + 1) : undefined;
  }
  const c = callSpanning(code, r);
  if (!c || !receiver(c)) return undefined;
  return c.name === 'groupBy' ? 'camel' : c.name === 'groupby' ? 'lower' : undefined;
}

/** The line range of a decorator, newline included, for removing it. */
function decoratorLine(code: CodeIndex, at: number): { start: number; end: number } {
  const t = code.t;
  let k = at;
  while (k + 1 < t.count && t.kind[k + 1] !== Tok.Newline) k++;
  const start = t.text.lastIndexOf('\n', t.start[at]! - 1) + 1;
  const nl = t.text.indexOf('\n', t.end[k]!);
  return { start, end: nl < 0 ? t.text.length : nl + 1 };
}

/** MLAP010: `groupBy(...).apply(udf)`, where Spark 3.0 added `applyInPandas(func, schema)`. */
export const groupedApply: TrapDetector = {
  id: 'MLAP010',
  slug: 'grouped-apply',
  detect(code) {
    const t = code.t;
    const hits: Hit[] = [];
    let udfs: Map<Binding, Block | undefined> | undefined;
    for (const call of code.calls) {
      const on = call.name === 'apply' ? receiver(call) : undefined;
      const arg = on && call.args.length === 1 && !call.args[0]!.keyword ? valueOf(code, call.args[0]) : undefined;
      if (!on || !arg) continue;
      const grouping = groupingOf(code, on);
      if (!grouping) continue;
      udfs ??= pandasUdfBindings(code);
      const name = arg.to === arg.from + 1 && isName(t, arg.from) ? tokText(t, arg.from) : undefined;
      const binding = name ? bindingAt(code, name, arg.from) : undefined;
      const isUdf = !!binding && udfs.has(binding);
      if (grouping === 'lower' && !isUdf) continue;
      const s = code.span(call.nameTok, call.nameTok + 1);
      const fix = isUdf ? applyInPandasFix(code, call, udfs.get(binding!), name!) : undefined;
      hits.push(fix ? { ...s, fix } : s);
    }
    return hits;
  },
};

/** Remove a GROUPED_MAP decorator and pass the function and its schema to applyInPandas, when the function is used only here. */
function applyInPandasFix(code: CodeIndex, call: Call, fn: Block | undefined, name: string): Hit['fix'] {
  // Its def's name and this argument: any other use would still expect a UDF.
  if (!fn || nameCount(code, name) !== 2) return undefined;
  for (const d of fn.decorators) {
    const udf = udfDecorator(code, d);
    if (!udf) continue;
    const kind = valueOf(code, code.keyword(udf, 'functionType') ?? code.positional(udf, 1));
    const schema = valueOf(code, code.keyword(udf, 'returnType') ?? code.positional(udf, 0));
    if (!kind || !schema || udfTypeMember(code, kind) !== 'GROUPED_MAP') return undefined;
    return {
      title: 'Use applyInPandas with a plain function',
      edits: [
        { ...decoratorLine(code, d), text: '' },
        { ...code.span(call.nameTok, call.close + 1), text: `applyInPandas(${name}, schema=${code.text(schema.from, schema.to)})` },
      ],
    };
  }
  return undefined;
}

const READERS = new Set(['table', 'parquet', 'csv', 'json', 'orc', 'text', 'delta', 'load']);
const REDUCERS = new Set(['limit', 'sample', 'sampleBy', 'filter', 'where', 'groupBy', 'groupby', 'agg', 'distinct', 'dropDuplicates', 'drop_duplicates', 'dropna', 'summary', 'describe', 'crosstab']);

interface Step {
  name: string;
  tok: number;
  called: boolean;
}

/** The names of a plain chain `a.b(...).c` in order, or undefined when it holds a subscript or anything else. */
function steps(code: CodeIndex, r: Range): Step[] | undefined {
  const t = code.t;
  const out: Step[] = [];
  let i = r.from;
  while (i < r.to) {
    if (!isName(t, i)) return undefined;
    const step: Step = { name: tokText(t, i), tok: i, called: false };
    out.push(step);
    i++;
    if (isOp(t, i, '(')) {
      step.called = true;
      i = code.matchingClose(i) + 1;
    }
    if (i >= r.to) break;
    if (!isOp(t, i, '.')) return undefined;
    i++;
  }
  return out;
}

/** Whether the root name is the notebook's SparkSession. */
function isSession(code: CodeIndex, tok: number): boolean {
  const v = code.resolver.valueOfChainEndingAt(code.model, tok);
  if (v?.k === 'inst' && v.type === 'pyspark.sql.SparkSession') return true;
  return tokText(code.t, tok) === 'spark' && !bindingAt(code, 'spark', tok);
}

/** The chain behind a DataFrame expression, following plain assignments of its root in the same scope back to a SparkSession. */
function chainFromSession(code: CodeIndex, r: Range, depth = 0): Step[] | undefined {
  const s = steps(code, trim(code, r));
  if (!s?.length || depth > 6) return undefined;
  const root = s[0]!;
  if (isSession(code, root.tok)) return s;
  if (root.called) return undefined;
  const value = assigned(code, bindingAt(code, root.name, root.tok, true));
  const before = value && chainFromSession(code, value, depth + 1);
  return before && [...before, ...s.slice(1)];
}

/** MLAP021: `toPandas()` on a whole table read from Spark: every row lands in the driver's memory. */
export const toPandasWholeTable: TrapDetector = {
  id: 'MLAP021',
  slug: 'topandas-whole-table',
  detect(code) {
    const hits: Hit[] = [];
    for (const call of code.calls) {
      const on = call.name === 'toPandas' ? receiver(call) : undefined;
      const chain = on && chainFromSession(code, on);
      if (!chain || chain.length < 2) continue;
      // spark.table(...) or spark.read[.format(...).option(...)].<reader>(...); never spark.readStream.
      const read = (chain[1]!.name === 'table' && chain[1]!.called) || (chain[1]!.name === 'read' && !chain[1]!.called && chain.slice(2).some((s) => s.called && READERS.has(s.name)));
      if (read && !chain.some((s) => REDUCERS.has(s.name))) hits.push(code.span(call.nameTok, call.nameTok + 1));
    }
    return hits;
  },
};
