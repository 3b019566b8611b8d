import type { z } from 'zod';
import { CloudError } from '../errors.js';

/**
 * Parses a module's (or setting's) options at creation, so a bad option fails the start with one
 * typed error instead of a request later.
 * @throws {CloudError} CLOUD_CONFIG_INVALID with zod's error as the cause
 */
export function parseOptions<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new CloudError('CLOUD_CONFIG_INVALID', `invalid ${what}`, { cause: parsed.error });
  return parsed.data;
} // prettier-ignore
