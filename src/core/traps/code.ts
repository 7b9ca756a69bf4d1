import { findTopColon, logicalLines, type DocumentModel } from '../python/documentModel';
import type { Resolver } from '../python/resolver';
import { Tok, tokIs, tokIsOneOf, tokText, type Tokens } from '../python/tokenizer';

// What the trap rules read from a document: its calls (resolved to API names where the hover's
// resolver can), their arguments, and the blocks each statement sits in. Built once per document
// model over the same tokens the hover uses: no second parser.

/** One argument of a call, as a token range [from, to). */
export interface Arg {
  /** The keyword (`seed` in `seed=42`), or undefined for a positional argument. */
  keyword?: string;
  /** Token index of the keyword name, when there is one. */
  keywordTok?: number;
  /** The value's tokens. */
  from: number;
  to: number;
  /** `*args` or `**kwargs`. */
  star?: boolean;
}

/**
 * A call site. Only its name is read up front: the resolver, the argument split and the chain's
 * start are worked out when a rule first asks (most rules look at a handful of names), so a full
 * pass over a 10,000-line file stays within a few milliseconds.
 */
export class Call {
  // Set up front (to undefined) so that every call keeps one object shape as its parts are filled in.
  private resolved: { qualname?: string; calledOn?: string } | undefined = undefined;
  private argList: Arg[] | undefined = undefined;
  private closeTok: number | undefined = undefined;
  private start: number | undefined = undefined;
  constructor(private readonly index: CodeIndex, readonly nameTok: number, readonly name: string, readonly open: number) {}

  private resolve(): { qualname?: string; calledOn?: string } {
    if (!this.resolved) {
      const value = this.index.resolver.valueOfChainEndingAt(this.index.model, this.nameTok);
      const info = value?.k === 'sym' ? value.info : undefined;
      this.resolved = info ? { qualname: info.qualname, ...(info.calledOn ? { calledOn: info.calledOn } : {}) } : {};
    }
    return this.resolved;
  }

  /** The canonical API name when the resolver knows the callee. */
  get qualname(): string | undefined {
    return this.resolve().qualname;
  }

  /** For members: the class the member was looked up on. */
  get calledOn(): string | undefined {
    return this.resolve().calledOn;
  }

  /** The matching `)`, or the last token of the line when the call is unclosed. */
  get close(): number {
    return (this.closeTok ??= this.index.matchingClose(this.open));
  }

  get args(): Arg[] {
    return (this.argList ??= this.index.splitArgs(this.open, this.close));
  }

  /** First token of the callee's chain (`model` in `model.fit`). */
  get chainStart(): number {
    return (this.start ??= this.index.chainStart(this.nameTok));
  }
}

/** A compound statement: its keyword, its header's tokens and the body's lines. */
export interface Block {
  kw: string;
  /** First token of the header (after `async`). */
  head: number;
  /** Exclusive end of the header line. */
  headEnd: number;
  /** Body: token range [bodyFrom, bodyTo). */
  bodyFrom: number;
  bodyTo: number;
  /** Decorator lines' first tokens (for `def` and `class`). */
  decorators: number[];
  parent: number;
}


const COMPOUND = new Set(['if', 'elif', 'else', 'for', 'while', 'try', 'except', 'finally', 'with', 'def', 'class', 'match', 'case']);

export const isOp = (t: Tokens, i: number, op: string): boolean => i >= 0 && i < t.count && t.kind[i] === Tok.Op && tokIs(t, i, op);
export const isName = (t: Tokens, i: number, name?: string): boolean => i >= 0 && i < t.count && t.kind[i] === Tok.Name && (name === undefined || tokIs(t, i, name));

/** Indexes already built, per model and resolver (see CodeIndex.of). */
const built = new WeakMap<DocumentModel, WeakMap<Resolver, CodeIndex>>();

export class CodeIndex {
  /**
   * The index of a model, built once per model and resolver. A model is never changed once built
   * (an edit makes a new one), so the calls resolved, arguments split and memos of one pass serve
   * the next pass over the same version (a settings change, the CLI's second question) for free.
   */
  static of(model: DocumentModel, resolver: Resolver): CodeIndex {
    let byResolver = built.get(model);
    if (!byResolver) built.set(model, (byResolver = new WeakMap()));
    let code = byResolver.get(resolver);
    if (!code) byResolver.set(resolver, (code = new CodeIndex(model, resolver)));
    return code;
  }

  readonly t: Tokens;
  readonly calls: Call[] = [];
  readonly blocks: Block[] = [];
  /** Innermost block of each token, or -1 at module level. */
  private readonly blockOf: Int32Array;
  private readonly callByOpen = new Map<number, Call>();
  private readonly byName = new Map<string, Call[]>();
  private byClose: Map<number, Call> | undefined;
  private readonly memos = new Map<string, unknown>();
  /** The first code token of every logical line, in order. */
  readonly lineFirsts: number[] = [];

  constructor(readonly model: DocumentModel, readonly resolver: Resolver) {
    this.t = model.tokens;
    this.blockOf = new Int32Array(this.t.count).fill(-1);
    this.indexBlocks();
    this.indexCalls();
  }

  private indexBlocks(): void {
    const t = this.t;
    // The document model's own logical lines (comment-only lines have no code token).
    const lines = logicalLines(t).filter((l) => l.code >= 0);
    const stack: { block: number; indent: number }[] = [];
    let decorators: number[] = [];
    for (const line of lines) {
      while (stack.length && line.indent <= stack[stack.length - 1]!.indent) {
        const b = this.blocks[stack.pop()!.block]!;
        b.bodyTo = line.first;
      }
      const parent = stack.length ? stack[stack.length - 1]!.block : -1;
      for (let k = line.first; k < line.end; k++) this.blockOf[k] = parent;
      this.lineFirsts.push(line.code);
      let i = line.code;
      if (isOp(t, i, '@')) { decorators.push(i); continue; }
      if (isName(t, i, 'async')) i++;
      const kw = isName(t, i) ? tokText(t, i) : '';
      if (!COMPOUND.has(kw)) { decorators = []; continue; }
      // A one-line body (`for x in y: f(x)`) belongs to the block too.
      const colon = findTopColon(t, i, line.end);
      const block: Block = { kw, head: i, headEnd: line.end, bodyFrom: line.end, bodyTo: t.count, decorators: kw === 'def' || kw === 'class' ? decorators : [], parent };
      decorators = [];
      const index = this.blocks.push(block) - 1;
      if (colon >= 0 && colon + 1 < line.end && t.kind[colon + 1] !== Tok.Comment) {
        block.bodyFrom = colon + 1;
        block.bodyTo = line.end;
        block.headEnd = colon + 1;
        for (let k = colon + 1; k < line.end; k++) this.blockOf[k] = index;
      } else stack.push({ block: index, indent: line.indent });
    }
  }

  private indexCalls(): void {
    const t = this.t;
    for (let i = 1; i < t.count; i++) {
      if (t.kind[i] !== Tok.Op || t.text.charCodeAt(t.start[i]!) !== 40 /* ( */ || t.kind[i - 1] !== Tok.Name) continue;
      const nameTok = i - 1;
      const name = tokText(t, nameTok);
      if (name === 'def' || name === 'class' || isName(t, nameTok - 1, 'def') || isName(t, nameTok - 1, 'class')) continue;
      const call = new Call(this, nameTok, name, i);
      this.calls.push(call);
      this.callByOpen.set(i, call);
      let list = this.byName.get(name);
      if (!list) this.byName.set(name, (list = []));
      list.push(call);
    }
  }

  /** The call whose `)` is at `close` (the map is built on first use). */
  callClosingAt(close: number): Call | undefined {
    if (!this.byClose) {
      this.byClose = new Map();
      for (const c of this.calls) this.byClose.set(c.close, c);
    }
    return this.byClose.get(close);
  }

  /** Something several rules derive from the document, computed once per index. */
  memo<T>(key: string, make: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, make());
    return this.memos.get(key) as T;
  }

  /** The calls of a name (`fit`, `log_model`), in order: where rules start, rather than at every call. */
  callsNamed(name: string): readonly Call[] {
    return this.byName.get(name) ?? [];
  }

  matchingClose(open: number): number {
    const t = this.t;
    const d = t.depth[open]!;
    for (let i = open + 1; i < t.count; i++) {
      if (t.kind[i] === Tok.Newline && t.depth[i]! <= d) return i - 1;
      if (t.kind[i] === Tok.Op && t.depth[i] === d && tokIsOneOf(t, i, ')]}')) return i;
    }
    return t.count - 1;
  }

  /** First token of the attribute chain that ends with the name at `i` (`a` in `a.b(x).c`). */
  chainStart(i: number): number {
    const t = this.t;
    let start = i;
    while (isOp(t, start - 1, '.')) {
      let before = start - 2;
      while (before >= 0 && (isOp(t, before, ')') || isOp(t, before, ']'))) {
        const d = t.depth[before]!;
        let open = before - 1;
        while (open >= 0 && !(t.kind[open] === Tok.Op && t.depth[open] === d && tokIsOneOf(t, open, '([{'))) open--;
        if (open < 0) return start;
        before = open - 1;
      }
      if (before < 0 || t.kind[before] !== Tok.Name) return start;
      start = before;
    }
    return start;
  }

  splitArgs(open: number, close: number): Arg[] {
    const t = this.t;
    const d = t.depth[open]! + 1;
    const args: Arg[] = [];
    let from = open + 1;
    for (let i = open + 1; i <= close; i++) {
      if (i === close || (t.depth[i] === d && isOp(t, i, ','))) {
        let s = from;
        while (s < i && t.kind[s] === Tok.Comment) s++;
        if (s < i) {
          if (isName(t, s) && isOp(t, s + 1, '=')) args.push({ keyword: tokText(t, s), keywordTok: s, from: s + 2, to: i });
          else if (isOp(t, s, '*') || isOp(t, s, '**')) args.push({ from: s + 1, to: i, star: true });
          else args.push({ from: s, to: i });
        }
        from = i + 1;
      }
    }
    return args;
  }

  /** The call whose `(` is at `open`. */
  callAt(open: number): Call | undefined {
    return this.callByOpen.get(open);
  }

  keyword(call: Call, name: string): Arg | undefined {
    return call.args.find((a) => a.keyword === name);
  }

  positional(call: Call, index: number): Arg | undefined {
    const pos = call.args.filter((a) => a.keyword === undefined && !a.star);
    return pos[index];
  }

  /** The blocks around token `i`, innermost first. */
  enclosing(i: number): Block[] {
    const out: Block[] = [];
    for (let b = this.blockOf[i] ?? -1; b >= 0; b = this.blocks[b]!.parent) out.push(this.blocks[b]!);
    return out;
  }

  /** The innermost `def` around token `i`. */
  functionOf(i: number): Block | undefined {
    return this.enclosing(i).find((b) => b.kw === 'def');
  }

  /** The name a `def` block defines. */
  defName(b: Block): string | undefined {
    return isName(this.t, b.head + 1) ? tokText(this.t, b.head + 1) : undefined;
  }

  /** Module-level or enclosing `def` blocks named `name`. */
  functionsNamed(name: string): Block[] {
    return this.blocks.filter((b) => b.kw === 'def' && this.defName(b) === name);
  }

  text(from: number, to: number): string {
    const t = this.t;
    if (to <= from) return '';
    return t.text.slice(t.start[from], t.end[to - 1]);
  }

  /** Offsets [start, end) of a token range. */
  span(from: number, to: number): { start: number; end: number } {
    return { start: this.t.start[from]!, end: this.t.end[Math.max(from, to - 1)]! };
  }

  /** The first token of the logical line holding token `i`. */
  lineStart(i: number): number {
    return this.model.lineStartOf[i]!;
  }

  /** The expression bound to `name` most recently before token `at` in its scope, as a token range. */
  boundExpr(name: string, at: number): { from: number; to: number } | undefined {
    let s = this.model.scopeOf[at] ?? 0;
    while (s >= 0) {
      const scope = this.model.scopes[s]!;
      const list = scope.bindings.get(name);
      if (list) {
        let best: (typeof list)[number] | undefined;
        for (const b of list) if (b.at < at && (!best || b.at > best.at)) best = b;
        if (best) return best.value.kind === 'expr' || best.value.kind === 'element' ? { from: best.value.from, to: best.value.to } : undefined;
      }
      s = scope.parent;
    }
    return undefined;
  }

  /** Calls whose `(` lies in the token range [from, to). */
  callsIn(from: number, to: number): Call[] {
    // Calls are in token order: find the first by halves, then take while inside.
    let lo = 0;
    let hi = this.calls.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.calls[mid]!.open < from) lo = mid + 1;
      else hi = mid;
    }
    const out: Call[] = [];
    for (let i = lo; i < this.calls.length && this.calls[i]!.open < to; i++) out.push(this.calls[i]!);
    return out;
  }
}
