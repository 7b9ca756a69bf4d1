import type { Library } from './facts/factTypes';
import type { HoverCard, HoverContent } from './hover/hoverIndex';
import { cardFor, cardMarkdown, quizSymbols } from './hoverCard';
import { DocumentCache } from './python/documentCache';
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
  readonly cache = new DocumentCache();

  /** `content`: the build's hover index (hover/hoverIndex.ts), or a loaded bank's (bankHoverContent). */
  constructor(readonly content: HoverContent) {
    this.resolver = new Resolver(content.table);
  }

  /** The API symbol at `offset` of a document (identified by key and version for caching). */
  resolve(key: string, version: number, text: () => string, offset: number): Resolution | undefined {
    return this.resolver.symbolAt(this.cache.get(key, version, text), offset);
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
