import { parseSignature } from './signature';
import { libraryOf, type FactParam, type FactSymbol, type FactsFile, type ManualSymbol } from './factTypes';
import { LIST_PREFIX, SymbolTable, type SymbolTableData } from './symbolTable';

/** Types the annotations do not give, or give under names that need a hint (facts/flow.yaml). */
export interface FlowData {
  /** qualname or "Class.member" -> the type it yields */
  types: Record<string, string>;
  /** annotation spelling -> class qualname (e.g. PandasOnSparkDataFrame -> pyspark.pandas.DataFrame) */
  typeNames: Record<string, string>;
}

/**
 * Every fact the project keeps, with lookups by qualname and alias. Used at build time and by the
 * CLI and tests; the extension only loads the SymbolTable compiled from it.
 */
export class FactsDb {
  readonly symbols = new Map<string, FactSymbol>();
  readonly aliases = new Map<string, string>();
  /** Hand-added symbols, with the documentation page each was checked against. */
  readonly manual = new Set<string>();
  readonly table: SymbolTable;

  constructor(files: readonly FactsFile[], manual: readonly ManualSymbol[], readonly flow: FlowData) {
    for (const f of files) for (const s of f.symbols) this.symbols.set(s.qualname, s);
    for (const m of manual) {
      const extracted = this.symbols.get(m.qualname);
      if (extracted && m.corrects) {
        // A static extraction cannot see through some decorators (MLflow's searchable_attribute
        // is a property subclass), so a reviewed correction replaces the kind it recorded.
        this.symbols.set(m.qualname, { ...extracted, kind: m.kind, docs: m.docs, ...(m.returns ? { returns: m.returns } : {}) });
        this.manual.add(m.qualname);
        continue;
      }
      if (extracted) continue;
      const parsed = m.signature ? parseSignature(m.signature) : undefined;
      this.symbols.set(m.qualname, {
        qualname: m.qualname,
        kind: m.kind,
        public: true,
        docs: m.docs,
        ...(m.signature ? { signature: m.signature } : {}),
        ...(parsed ? { params: parsed.params.map((p) => ({ ...p, required: p.default === undefined && !p.kind.startsWith('var_') })) as FactParam[] } : {}),
        ...(m.returns ?? parsed?.returns ? { returns: m.returns ?? parsed?.returns } : {}),
        ...(m.mro ? { mro: m.mro } : {}),
        ...(m.qualname.split('.').length > 2 && m.kind !== 'class' && m.kind !== 'module' && m.kind !== 'function' ? { owner: m.qualname.slice(0, m.qualname.lastIndexOf('.')) } : {}),
      });
      this.manual.add(m.qualname);
    }
    // Classes that only appear as owners of their members (pyspark.sql.DataFrame) still exist.
    for (const s of [...this.symbols.values()]) {
      if (s.owner && !this.symbols.has(s.owner)) this.symbols.set(s.owner, { qualname: s.owner, kind: 'class', public: true });
    }
    // Instance attributes set in __init__ (CrossValidatorModel.bestModel) are members too.
    for (const s of [...this.symbols.values()]) {
      for (const m of s.members ?? []) {
        const q = `${s.qualname}.${m.name}`;
        if (m.kind === 'instance_attribute' && !this.symbols.has(q)) this.symbols.set(q, { qualname: q, kind: 'attribute', owner: s.qualname, public: true });
      }
    }
    for (const s of this.symbols.values()) for (const a of s.aliases ?? []) if (!this.symbols.has(a)) this.aliases.set(a, s.qualname);
    this.table = new SymbolTable(this.compile());
  }

  /** The record for a qualname or alias. */
  get(name: string): FactSymbol | undefined {
    return this.symbols.get(name) ?? this.symbols.get(this.aliases.get(name) ?? '');
  }

  /** The parameters a caller passes: a class's __init__, a wrapper's effective ones, or its own. */
  paramsOf(s: FactSymbol): FactParam[] | undefined {
    if (s.kind === 'class') return s.init?.params;
    return s.effective_params ?? s.params;
  }

  /** Maps an annotation to a class qualname (or "[]" + class for lists), if it names one. */
  resolveAnnotation(annotation: string | undefined, context: string): string | undefined {
    if (!annotation) return undefined;
    let a = annotation.trim().replace(/^["']|["']$/g, '');
    const opt = /^Optional\[(.*)\]$/.exec(a);
    if (opt) a = opt[1]!;
    a = a.replace(/\s*\|\s*None$/, '').replace(/^["']|["']$/g, '');
    const list = /^(?:List|list|Sequence)\[(.*)\]$/.exec(a);
    if (list) {
      const inner = this.resolveAnnotation(list[1], context);
      return inner && !inner.startsWith(LIST_PREFIX) ? LIST_PREFIX + inner : undefined;
    }
    if (this.flow.typeNames[a]) return this.flow.typeNames[a];
    if (!/^[A-Za-z_][\w.]*$/.test(a)) return undefined;
    const direct = this.get(a);
    if (direct?.kind === 'class') return direct.qualname;
    // A short name: the class with that name closest to the context in the package tree.
    const short = a.split('.').pop()!;
    const candidates = [...this.symbols.values()].filter((s) => s.kind === 'class' && s.qualname.endsWith('.' + short) && libraryOf(s.qualname) === libraryOf(context));
    if (!candidates.length) return undefined;
    const shared = (q: string) => {
      const x = q.split('.');
      const y = context.split('.');
      let n = 0;
      while (n < x.length && x[n] === y[n]) n++;
      return n;
    };
    candidates.sort((p, q) => shared(q.qualname) - shared(p.qualname) || p.qualname.length - q.qualname.length);
    const best = candidates[0]!;
    if (candidates[1] && shared(candidates[1].qualname) === shared(best.qualname) && candidates[1].qualname.length === best.qualname.length) return undefined;
    return best.qualname;
  }

  private compile(): SymbolTableData {
    const data: SymbolTableData = { version: 1, symbols: {}, aliases: {}, mro: {}, memberTypes: {} };
    // A lightweight table first, so annotation resolution can check class names.
    for (const s of this.symbols.values()) {
      let type = this.flow.types[s.qualname];
      if (!type) {
        if (s.kind === 'class') type = s.qualname;
        else if (s.kind !== 'module') type = this.resolveAnnotation(s.returns, s.qualname);
      }
      data.symbols[s.qualname] = [s.kind, type ?? ''];
      if (s.kind === 'class' && s.mro?.length) data.mro[s.qualname] = s.mro.filter((m) => m !== s.qualname);
    }
    for (const [a, q] of this.aliases) data.aliases[a] = q;
    // An estimator's fit() yields its model class (pyspark types it only as a generic "M").
    for (const s of this.symbols.values()) {
      if (s.kind === 'class' && s.is_estimator === true && this.symbols.get(s.qualname + 'Model')?.kind === 'class') {
        data.memberTypes[`${s.qualname}.fit`] = s.qualname + 'Model';
      }
    }
    for (const [k, v] of Object.entries(this.flow.types)) if (!data.symbols[k]) data.memberTypes[k] = v;
    return data;
  }
}
