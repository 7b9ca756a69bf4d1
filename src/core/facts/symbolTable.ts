// The runtime view of the API facts: which qualified names exist, their aliases, class ancestry and
// the type each call or attribute yields. Built at compile time (factsDb.ts) and loaded by the
// resolver in the extension and the CLI alike.

/** List types are written with a leading "[]": "[]pyspark.sql.DataFrame". */
export const LIST_PREFIX = '[]';

export interface SymbolTableData {
  version: 1;
  /** qualname -> [kind, type it yields ('' when unknown)] */
  symbols: Record<string, [string, string]>;
  /** other public path -> qualname */
  aliases: Record<string, string>;
  /** class -> its ancestors in method resolution order */
  mro: Record<string, string[]>;
  /** "Class.member" -> type, where the type depends on the class the member is called on */
  memberTypes: Record<string, string>;
}

export interface SymbolInfo {
  /** Canonical qualified name (the defining class for inherited members). */
  qualname: string;
  kind: string;
  /** The type a call (functions, classes) or a read (properties, attributes) yields. */
  type?: string;
  /** For members: the class the member was looked up on. */
  calledOn?: string;
}

export class SymbolTable {
  private readonly prefixes: Set<string>;
  /** The first segment of every symbol ("mlflow", "pyspark"): names an import can bring in. */
  readonly roots: ReadonlySet<string>;

  /** `prebuilt`: what the build worked out already (hover index), so loading the table costs nothing. */
  constructor(readonly data: SymbolTableData, prebuilt?: { namespaces: readonly string[]; roots: readonly string[] }) {
    this.prefixes = prebuilt ? new Set(prebuilt.namespaces) : SymbolTable.namespacesOf(data);
    this.roots = new Set(prebuilt ? prebuilt.roots : SymbolTable.rootsOf(data));
  }

  static rootsOf(data: Pick<SymbolTableData, 'symbols'>): string[] {
    return [...new Set(Object.keys(data.symbols).map((q) => q.split('.')[0]!))];
  }

  /** Every dotted prefix of a symbol or alias: the packages, modules and classes that hold symbols. */
  static namespacesOf(data: Pick<SymbolTableData, 'symbols' | 'aliases'>): Set<string> {
    const prefixes = new Set<string>();
    for (const q of [...Object.keys(data.symbols), ...Object.keys(data.aliases)]) {
      const parts = q.split('.');
      for (let i = 1; i < parts.length; i++) prefixes.add(parts.slice(0, i).join('.'));
    }
    return prefixes;
  }

  /** The canonical name for a qualname or an alias. */
  canonical(name: string): string | undefined {
    if (this.data.symbols[name]) return name;
    return this.data.aliases[name];
  }

  get(name: string): SymbolInfo | undefined {
    const q = this.canonical(name);
    if (!q) return undefined;
    const [kind, type] = this.data.symbols[q]!;
    return { qualname: q, kind, ...(type ? { type } : {}) };
  }

  /** True when `path` is a package or module that holds known symbols (e.g. "mlflow.sklearn"). */
  isNamespace(path: string): boolean {
    return this.prefixes.has(path) && !this.isClass(path);
  }

  isClass(name: string): boolean {
    const q = this.canonical(name);
    return !!q && this.data.symbols[q]![0] === 'class';
  }

  /** A member looked up on a class, following its ancestors. */
  member(cls: string, name: string): SymbolInfo | undefined {
    const c = this.canonical(cls) ?? cls;
    for (const owner of [c, ...(this.data.mro[c] ?? [])]) {
      const q = `${owner}.${name}`;
      const rec = this.data.symbols[q];
      if (rec) {
        const type = this.data.memberTypes[`${c}.${name}`] ?? rec[1];
        return { qualname: q, kind: rec[0], calledOn: c, ...(type ? { type } : {}) };
      }
    }
    return undefined;
  }

  /**
   * Resolves a dotted path such as "mlflow.MlflowClient.set_registered_model_alias" or
   * "pyspark.ml.tuning.CrossValidator.fit": a symbol, or a member of a class named by a prefix.
   */
  resolvePath(path: string): SymbolInfo | undefined {
    const direct = this.get(path);
    if (direct) return direct;
    const dot = path.lastIndexOf('.');
    if (dot < 0) return undefined;
    const owner = path.slice(0, dot);
    return this.isClass(owner) ? this.member(owner, path.slice(dot + 1)) : undefined;
  }

  get size(): number {
    return Object.keys(this.data.symbols).length;
  }
}
