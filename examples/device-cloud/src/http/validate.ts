import { z } from 'zod';
import { CloudError } from '../errors.js';

/**
 * Parses request input (body, query, params) at the trust boundary.
 * @throws {CloudError} INVALID_REQUEST (400) with zod's issues (path, code, message)
 */
export function parseRequest<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 20).map((i) => ({
    path: i.path.filter((p) => typeof p !== 'symbol').join('.'),
    code: i.code,
    message: i.message,
  }));
  throw new CloudError('INVALID_REQUEST', `invalid ${what}`, { details: { issues } });
}

/** Path parameter `:id` of an operator, token or device. */
export const IdParamSchema = z.strictObject({ id: z.string().min(1).max(64) });
