import type { DiagnosticSink } from '../diagnostics';
import type { FactsDb } from '../facts/factsDb';
import { buildDocumentModel } from '../python/documentModel';
import { Resolver } from '../python/resolver';
import { checkTraps } from '../traps/engine';
import { DETECTORS } from '../traps/rules';
import { codeProblems, SNIPPET_GLOBALS } from './questionChecks';
import { checkDocs, checkSymbolName } from './references';
import type { ParsedRulePage } from './ruleParser';
import type { Objective, Question, RulePage } from './schema';

export interface RuleCheckContext {
  facts: FactsDb;
  objectives: readonly Objective[];
  keywords: Record<string, string[]>;
  /** The questions compiled with the pages; their ids are only checked when the whole bank is there. */
  questions: readonly Question[] | undefined;
}

/**
 * Cross-checks rule pages and compiles them: the id has a detector, the references are real, and
 * each page's own examples behave: the Wrong example trips its rule, the Right one trips none.
 */
export function checkRulePages(pages: readonly ParsedRulePage[], ctx: RuleCheckContext, sinkFor: (f: string) => DiagnosticSink): RulePage[] {
  const { facts } = ctx;
  const table = facts.table;
  const resolver = new Resolver(table, SNIPPET_GLOBALS);
  const objectives = new Set(ctx.objectives.map((o) => o.id));
  const questions = ctx.questions ? new Map(ctx.questions.map((q) => [q.id, q])) : undefined;
  const keywords = new Map(Object.entries(ctx.keywords));
  const seen = new Map<string, ParsedRulePage>();
  const compiled: RulePage[] = [];
  const withExamples: { page: RulePage; parsed: ParsedRulePage }[] = [];
  for (const p of pages) {
    const sink = sinkFor(p.source.file);
    const err = (msg: string, line = p.source.line) => sink.error(line, `${p.id}: ${msg}`);
    const prior = seen.get(p.id) ?? [...seen.values()].find((o) => o.slug === p.slug);
    if (prior) {
      err(`id or rule slug also used at ${prior.source.file}:${prior.source.line}`);
      continue;
    }
    seen.set(p.id, p);
    const detector = DETECTORS.find((d) => d.id === p.id);
    if (!detector) err('no detector has this id (src/core/traps/rules/)');
    else if (detector.slug !== p.slug) err(`the detector's slug is "${detector.slug}", the page says "${p.slug}"`);
    if (!objectives.has(p.objective)) err(`unknown objective ${p.objective}`);
    if (questions) {
      for (const id of p.questions) if (!questions.has(id)) err(`question ${id} is not in the bank`);
      if (p.questions.length < 2) err('at least 2 questions of the bank must test this trap');
    }
    for (const d of p.docs) {
      const problem = checkDocs(d);
      if (problem) err(problem);
    }
    const params: Record<string, string[]> = {};
    for (const api of p.apis) {
      const problem = checkSymbolName(api, table);
      if (problem) {
        err(problem);
        continue;
      }
      const fact = facts.get(table.resolvePath(api)!.qualname);
      const ps = fact ? facts.paramsOf(fact) : undefined;
      if (ps) params[api] = ps.filter((x) => x.name !== 'self' && x.name !== 'cls').map((x) => x.name);
    }
    const page: RulePage = {
      id: p.id, slug: p.slug, title: p.title, message: p.message, objective: p.objective, questions: p.questions, apis: p.apis,
      severity: p.severity, deprecated: p.deprecated, docs: p.docs, body: p.body, params, source: p.source,
    };
    compiled.push(page);
    withExamples.push({ page, parsed: p });
  }
  // Examples are judged by every rule (a Right example must be clean of the other traps too), so
  // they are checked once all pages, with the parameters their detectors read, are compiled.
  for (const { page, parsed } of withExamples) {
    const err = (msg: string, line: number) => sinkFor(page.source.file).error(line, `${page.id}: ${msg}`);
    for (const ex of parsed.examples) {
      for (const problem of codeProblems(ex.code, { resolver, keywords, table })) err(problem.message, ex.line + ex.code.slice(0, problem.offset).split('\n').length - 1);
      const found = checkTraps(buildDocumentModel(ex.code), resolver, compiled);
      for (const f of found.failures) err(`rule ${f.rule} failed on the ${ex.kind} example: ${f.error}`, ex.line);
      const mine = found.findings.filter((f) => f.rule === page.id).length;
      if (ex.kind === 'wrong' && !mine) err('the Wrong example does not trip the rule', ex.line);
      if (ex.kind === 'right' && found.findings.length) err(`the Right example trips ${[...new Set(found.findings.map((f) => f.rule))].join(', ')}`, ex.line);
    }
  }
  return compiled;
}
