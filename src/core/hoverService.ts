import type { Library } from './facts/factTypes';
import type { HoverCard, HoverContent } from './hover/hoverIndex';
import { cardFor, cardMarkdown, quizSymbols } from './hoverCard';
import { DocumentCache } from './python/documentCache';
import type { DocumentModel } from './python/documentModel';
import { documentOverLimits } from './python/limits';
import { Resolver, type Resolution } from './python/resolver';

export interface HoverResult {
  resolution: Resolution;
  card: HoverCard;
  markdown: string;
  questionCount: number;
}

/** From a position in a Python document to its exam card: the one path the editor and CLI share. */
export class HoverService {
  readonly resolver: Resolver;
  /** Per document key: the version last measured and whether it was over the limits. */
  private readonly oversize = new Map<string, { version: number; over: boolean }>();

  readonly cache = new DocumentCache();

  /** `content`: the build's hover index (hover/hoverIndex.ts), or a loaded bank's (bankHoverContent). */
  constructor(readonly content: HoverContent) {
    this.resolver = new Resolver(content.table);
  }

  /** The API symbol at `offset` of a document (identified by key and version for caching). */
  resolve(key: string, version: number, text: () => string, offset: number): Resolution | undefined {
    const model = this.model(key, version, text);
    return model && this.resolver.symbolAt(model, offset);
  }

  /** The cached model of a document, or undefined when it is past python/limits.ts (then nothing reads it). */
  model(key: string, version: number, text: () => string): DocumentModel | undefined {
    let got: string | undefined;
    const once = () => (got ??= text());
    return this.overLimits(key, version, once) ? undefined : this.cache.get(key, version, once);
  }

  /**
   * Whether this version of the document is past the limits of python/limits.ts: such a document
   * gets no card rather than a stall. Measured once per version, like the model is built once.
   */
  private overLimits(key: string, version: number, text: () => string): boolean {
    const hit = this.oversize.get(key);
    if (hit && hit.version === version) return hit.over;
    const over = documentOverLimits(text()) !== undefined;
    this.oversize.delete(key);
    this.oversize.set(key, { version, over });
    if (this.oversize.size > 64) this.oversize.delete(this.oversize.keys().next().value!);
    return over;
  }

  /** The card at `offset`, unless there is none or its library is switched off. */
  hover(key: string, version: number, text: () => string, offset: number, enabled?: (lib: Library) => boolean): HoverResult | undefined {
    const resolution = this.resolve(key, version, text, offset);
    if (!resolution) return undefined;
    const card = cardFor(this.content, resolution);
    if (!card || (enabled && !enabled(card.library))) return undefined;
    const symbols = quizSymbols(card, resolution);
    const questionCount = this.content.questionIds(symbols).length;
    return { resolution, card, markdown: cardMarkdown(card, questionCount, symbols), questionCount };
  }
}
