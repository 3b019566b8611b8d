import { parseWith } from '@cra-kit/core';
import { z } from 'zod';

/** The limit on bootstrap-token redemptions: at most `attempts` per client in any `windowMs`. */
export interface EnrollmentRateLimit {
  readonly attempts: number;
  readonly windowMs: number;
}

/** What {@link EnrollmentAttempts.take} decided. */
export type AttemptDecision =
  { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

/**
 * Where redemption attempts are counted. The default lives in the process; give every instance of
 * a service one implementation on a shared database, so N instances allow the limit once, not N×.
 */
export interface EnrollmentAttempts {
  /**
   * In one atomic step: if `clientId` made fewer than `limit.attempts` attempts in the
   * `limit.windowMs` before `now` (ms since the epoch), records one at `now` and allows it; else
   * records nothing and says how long until the oldest attempt leaves the window. Refused attempts
   * are not counted, so a client that keeps trying still gets in once the window has passed.
   */
  take(clientId: string, now: number, limit: EnrollmentRateLimit): Promise<AttemptDecision>;
}

const MemoryOptionsSchema = z.object({ maxClients: z.int().min(1).default(100_000) });

/**
 * The in-process {@link EnrollmentAttempts} (the default of `createBootstrapTokens`): a sliding
 * window per client. At most `maxClients` clients are remembered; the oldest seen is forgotten first.
 * @throws {ValidationError} CORE_VALIDATION_FAILED for a bad `maxClients`
 */
export function memoryEnrollmentAttempts(options: { maxClients?: number } = {}): EnrollmentAttempts {
  const { maxClients } = parseWith(MemoryOptionsSchema, options, 'memoryEnrollmentAttempts options');
  const seen = new Map<string, number[]>();
  return {
    take(clientId, now, limit) {
      const recent = (seen.get(clientId) ?? []).filter((t) => now - t < limit.windowMs);
      // Re-inserted so the Map's order is least recently seen first: a client still trying stays.
      seen.delete(clientId);
      seen.set(clientId, recent);
      if (seen.size > maxClients) seen.delete(seen.keys().next().value ?? '');
      if (recent.length >= limit.attempts) {
        return Promise.resolve({ allowed: false, retryAfterMs: limit.windowMs - (now - (recent[0] ?? now)) });
      }
      recent.push(now);
      return Promise.resolve({ allowed: true });
    },
  };
} // prettier-ignore
