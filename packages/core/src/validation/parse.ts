import type { z } from 'zod';
import { citationAt } from './citation-lookup.js';
import { ValidationError, type ValidationIssue } from './validation-error.js';

/** The result of a `safe*` parse: zod's shape, with our error class. */
export type SafeParseResult<T> =
  | { readonly success: true; readonly data: T }
  | { readonly success: false; readonly error: ValidationError };

/** Turns zod issues into ours: path, code, message, and the citation the schema carries. */
export function toValidationIssues(
  schema: z.ZodType,
  issues: readonly z.core.$ZodIssue[],
): ValidationIssue[] {
  return issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const explicit = (issue as { params?: { citation?: unknown } }).params?.citation;
    const citation = typeof explicit === 'string' ? explicit : citationAt(schema, path);
    return {
      path,
      code: issue.code,
      message: issue.message,
      ...(citation === undefined ? {} : { citation }),
      ...(issue.code === 'unrecognized_keys' ? { keys: issue.keys } : {}),
    };
  });
}

/** zod says "expected string, received undefined" for a missing field; say what it means. */
const missingFieldMessage = (issue: z.core.$ZodRawIssue) =>
  issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : undefined;

/**
 * Validates `input` against `schema` and returns the typed value, or throws a
 * {@link ValidationError} listing every problem.
 * @throws {ValidationError} CORE_VALIDATION_FAILED
 */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  subject = 'input',
): z.output<S> {
  const result = safeParseWith(schema, input, subject);
  if (!result.success) throw result.error;
  return result.data;
}

/** Like {@link parseWith}, but returns `{ success, data | error }` instead of throwing. */
export function safeParseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  subject = 'input',
): SafeParseResult<z.output<S>> {
  const result = schema.safeParse(input, { error: missingFieldMessage });
  if (result.success) return { success: true, data: result.data };
  const issues = toValidationIssues(schema, result.error.issues);
  return { success: false, error: new ValidationError(issues, { subject, cause: result.error }) };
}
