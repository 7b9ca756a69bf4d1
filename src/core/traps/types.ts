import type { CodeIndex } from './code';

// The shapes the trap rules, the engine and the adapters share.

/** Replace the text at offsets [start, end) with `text`. */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** A mechanical fix: what the quick fix is called and what it changes. */
export interface Fix {
  title: string;
  edits: Edit[];
}

/** Where a detector found its trap; the message defaults to the rule page's. */
export interface Hit {
  start: number;
  end: number;
  message?: string;
  fix?: Fix;
}

/** What a detector may ask of the API facts beyond the resolver. */
export interface RuleFacts {
  /** Parameter names of an API callable the rule page lists, in order (no self). */
  params(qualname: string): readonly string[] | undefined;
}

/** The code half of a rule; its page (message, objective, questions, docs) is content. */
export interface TrapDetector {
  id: string;
  slug: string;
  detect(code: CodeIndex, facts: RuleFacts): Hit[];
}

export type TrapSeverity = 'off' | 'hint' | 'information' | 'warning';

/** One finding, ready for the editor or the CLI. */
export interface TrapFinding {
  rule: string;
  start: number;
  end: number;
  message: string;
  severity: Exclude<TrapSeverity, 'off'>;
  deprecated: boolean;
  fix?: Fix;
}
