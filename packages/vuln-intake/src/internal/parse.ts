import { ValidationError, safeParseWith } from '@cra-kit/core';
import type { z } from 'zod';

/**
 * Validates with a core parser, then rethrows as our own code so callers branch on one prefix.
 * @internal
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, subject: string) {
  const result = safeParseWith(schema, input, subject);
  if (result.success) return result.data;
  throw new ValidationError(result.error.issues, {
    code: 'VULN_INPUT_INVALID',
    subject,
    cause: result.error,
  });
}
