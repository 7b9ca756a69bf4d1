import type { TrapRule } from '../hover/hoverIndex';
import type { DocumentModel } from '../python/documentModel';
import type { Resolver } from '../python/resolver';
import { CodeIndex } from './code';
import { DETECTORS } from './rules';
import type { TrapFinding, TrapSeverity } from './types';
import { compareRuleIds } from './ruleOrder';

export interface TrapRun {
  findings: TrapFinding[];
  /** A detector that threw: its rule is skipped for this document, the others still run. */
  failures: { rule: string; error: string }[];
}

/** The severity a learner configured per rule id; undefined keeps the page's default. */
export type SeverityOverrides = Readonly<Record<string, TrapSeverity | undefined>>;

/**
 * Runs every rule that has a page over one document model. Pure: the editor, the CLI and the
 * build's own check of each page's examples all come through here.
 */
export function checkTraps(model: DocumentModel, resolver: Resolver, pages: readonly TrapRule[], overrides: SeverityOverrides = {}, only?: ReadonlySet<string>): TrapRun {
  const byId = new Map(pages.map((p) => [p.id, p]));
  const run: TrapRun = { findings: [], failures: [] };
  let code: CodeIndex | undefined;
  for (const detector of DETECTORS) {
    const page = byId.get(detector.id);
    if (!page || (only && !only.has(detector.id))) continue;
    const severity = overrides[detector.id] ?? page.severity;
    if (severity === 'off') continue;
    code ??= CodeIndex.of(model, resolver);
    const params = (q: string) => page.params[q];
    try {
      for (const hit of detector.detect(code, { params })) {
        run.findings.push({ rule: detector.id, start: hit.start, end: hit.end, message: hit.message ?? page.message, severity, deprecated: page.deprecated, ...(hit.fix ? { fix: hit.fix } : {}) });
      }
    } catch (e) {
      run.failures.push({ rule: detector.id, error: e instanceof Error ? e.message : String(e) });
    }
  }
  run.findings.sort((a, b) => a.start - b.start || compareRuleIds(a.rule, b.rule));
  return run;
}
