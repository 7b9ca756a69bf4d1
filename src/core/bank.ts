import type { QuizContent } from './content/compiled';
import type { Blueprint, Difficulty, Domain, Objective, Question } from './content/schema';

/** The domain id used for objectives that a blueprint does not list. */
export const OUTSIDE = 'outside';

/**
 * Questions indexed every way the quiz and the CLI ask for them: the quiz part of the content only
 * (dist/content.json); the cards, symbols and rule pages are the reference part (ContentLoader.reference()).
 */
export class Bank {
  readonly questions: readonly Question[];
  private readonly byId = new Map<string, Question>();
  private readonly bySymbol = new Map<string, Question[]>();
  private readonly objectives = new Map<string, Objective>();

  constructor(readonly content: QuizContent) {
    this.questions = content.questions;
    for (const q of content.questions) {
      this.byId.set(q.id, q);
      for (const s of q.symbols) {
        let list = this.bySymbol.get(s);
        if (!list) this.bySymbol.set(s, (list = []));
        list.push(q);
      }
    }
    for (const o of content.objectives) this.objectives.set(o.id, o);
  }

  get(id: string): Question | undefined {
    return this.byId.get(id);
  }

  objective(id: string): Objective | undefined {
    return this.objectives.get(id);
  }

  blueprint(id: string): Blueprint {
    return this.content.blueprints.find((b) => b.id === id) ?? this.content.blueprints.find((b) => b.id === 'current') ?? this.content.blueprints[0]!;
  }

  /**
   * The domain an objective belongs to under a blueprint, or undefined when it is outside it.
   * Looked up in a table per blueprint: the quiz asks for every question and answer on each view.
   */
  domainOf(objective: string, blueprint: Blueprint): Domain | undefined {
    let table = this.domainTables.get(blueprint);
    if (!table) {
      table = new Map();
      // The first domain that lists an objective wins, as a search in order would find it.
      for (const d of blueprint.domains) for (const o of d.objectives) if (!table.has(o)) table.set(o, d);
      this.domainTables.set(blueprint, table);
    }
    return table.get(objective);
  }
  private readonly domainTables = new WeakMap<Blueprint, Map<string, Domain>>();

  /** Question's domain id under every blueprint ("outside" where a blueprint does not list it). */
  domainsOf(q: Question): Record<string, string> {
    return Object.fromEntries(this.content.blueprints.map((b) => [b.id, this.domainOf(q.objective, b)?.id ?? OUTSIDE]));
  }

  inBlueprint(q: Question, blueprint: Blueprint): boolean {
    return !!this.domainOf(q.objective, blueprint);
  }

  /** Questions tagged with any of the given symbols (a card's symbol and its canonical name). */
  forSymbols(symbols: readonly string[]): Question[] {
    const out = new Set<Question>();
    for (const s of symbols) for (const q of this.bySymbol.get(s) ?? []) out.add(q);
    return [...out];
  }

  byDifficulty(d: Difficulty): Question[] {
    return this.questions.filter((q) => q.difficulty === d);
  }
}
