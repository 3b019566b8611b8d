import { parseWith, safeParseWith, type SafeParseResult } from '../../validation/parse.js';
import { ProductProfileSchema, type ProductProfile } from './product-profile.js';

/**
 * Validates a product profile (already decoded from YAML or JSON) and returns it with defaults
 * applied. Every problem is reported at once, each with its path and, where the rule comes from
 * the CRA, its citation.
 *
 * @param input - The decoded document, e.g. the result of a YAML parser.
 * @returns The validated profile.
 * @throws {ValidationError} CORE_VALIDATION_FAILED, with `issues` listing every problem.
 * @example
 * ```ts
 * const profile = parseProductProfile(YAML.parse(await readFile('cra.product.yaml', 'utf8')));
 * ```
 */
export function parseProductProfile(input: unknown): ProductProfile {
  return parseWith(ProductProfileSchema, input, 'product profile');
}

/** Like {@link parseProductProfile}, but returns `{ success, data | error }` instead of throwing. */
export function safeParseProductProfile(input: unknown): SafeParseResult<ProductProfile> {
  return safeParseWith(ProductProfileSchema, input, 'product profile');
}
