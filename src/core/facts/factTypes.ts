import * as z from 'zod';

// Shapes of the project's API facts (facts/*.json, trimmed copies of ../shared/api) and of the
// hand-added facts in facts/manual/*.yaml.

export const FactParamSchema = z.object({
  name: z.string(),
  kind: z.enum(['positional_only', 'positional_or_keyword', 'var_positional', 'keyword_only', 'var_keyword']),
  default: z.string().optional(),
  default_value: z.string().optional(),
  annotation: z.string().optional(),
  required: z.boolean().optional(),
  provenance: z.string().optional(),
  dbr: z.string().optional(),
});
export type FactParam = z.infer<typeof FactParamSchema>;

export const FactSymbolSchema = z.object({
  qualname: z.string(),
  kind: z.string(),
  aliases: z.array(z.string()).optional(),
  owner: z.string().optional(),
  public: z.boolean().optional(),
  params: z.array(FactParamSchema).optional(),
  returns: z.string().optional(),
  signature: z.string().optional(),
  method_kind: z.string().optional(),
  init: z.object({ params: z.array(FactParamSchema), signature: z.string().optional(), keyword_only_decorator: z.boolean().optional() }).optional(),
  members: z.array(z.object({ name: z.string(), kind: z.string() })).optional(),
  inherited_members: z.record(z.string(), z.object({ from: z.string(), kind: z.string() })).optional(),
  mro: z.array(z.string()).optional(),
  deprecated: z.boolean().optional(),
  deprecations: z.array(z.record(z.string(), z.unknown())).optional(),
  since: z.string().optional(),
  effective_params: z.array(FactParamSchema).optional(),
  effective_signature: z.string().optional(),
  params_known: z.boolean().optional(),
  source: z.string().optional(),
  provenance: z.string().optional(),
  /** Hand-added facts only: the documentation page that shows the symbol. */
  docs: z.string().url().optional(),
}).passthrough();
export type FactSymbol = z.infer<typeof FactSymbolSchema>;

export const FactsFileSchema = z.object({ source: z.record(z.string(), z.unknown()), symbols: z.array(FactSymbolSchema) });
export type FactsFile = z.infer<typeof FactsFileSchema>;

/** A hand-added symbol: its signature is written as Python and parsed into params. */
export const ManualSymbolSchema = z.object({
  qualname: z.string().regex(/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+$/),
  kind: z.enum(['class', 'method', 'function', 'property', 'attribute', 'module', 'classmethod']),
  signature: z.string().optional(),
  returns: z.string().optional(),
  mro: z.array(z.string()).optional(),
  docs: z.string().url(),
  /**
   * Why this entry corrects an extracted one (its kind or return type). Without it a symbol the
   * extracted facts already have is left alone.
   */
  corrects: z.string().optional(),
});
export type ManualSymbol = z.infer<typeof ManualSymbolSchema>;

export const LIBRARIES = ['mlflow', 'pyspark', 'hyperopt', 'databricks'] as const;
export type Library = (typeof LIBRARIES)[number];

/** The library a qualified name belongs to (dbutils is Databricks'). */
export function libraryOf(qualname: string): Library | undefined {
  const root = qualname.split('.')[0];
  if (root === 'dbutils') return 'databricks';
  return (LIBRARIES as readonly string[]).includes(root ?? '') ? (root as Library) : undefined;
}
