import type { z } from 'zod';

/**
 * The JSON Schema keyword (and zod metadata key) that names the article or annex a field or
 * rule comes from. It appears in the generated JSON Schema and in every validation issue.
 */
export const CITATION_KEY = 'x-cra-citation';

/**
 * Attaches a description and the legal source to a schema, as zod metadata, so the JSON
 * Schema, the docs and validation messages all explain themselves from one place.
 * @internal
 */
export function cited<T extends z.ZodType>(schema: T, citation: string, description: string): T {
  return schema.meta({ description, [CITATION_KEY]: citation });
}

/** Reads the citation a schema carries, if any. @internal */
export function citationOf(schema: z.ZodType): string | undefined {
  const value = schema.meta()?.[CITATION_KEY];
  return typeof value === 'string' ? value : undefined;
}
