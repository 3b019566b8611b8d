import {
  parseWith,
  secureRandom,
  systemClock,
  type Clock,
  type RandomSource,
  type Storage,
} from '@cra-kit/core';
import { z } from 'zod';
import { IdentityError } from '../errors.js';
import {
  memoryEnrollmentAttempts,
  type EnrollmentAttempts,
  type EnrollmentRateLimit,
} from './enrollment-attempts.js';

const RecordSchema = z
  .object({ serial: z.string(), expiresAt: z.iso.datetime(), usedAt: z.iso.datetime().optional() })
  .strict();

const RateLimitSchema = z.object({ attempts: z.int().min(1), windowMs: z.int().min(1) });
const AttemptsSchema = z.custom<EnrollmentAttempts>(
  (v) => typeof (v as Partial<EnrollmentAttempts> | null)?.take === 'function',
  'needs a take(clientId, now, limit) function',
);

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const b64url = (b: Uint8Array) => Buffer.from(b).toString('base64url');
const keyOf = async (token: string) =>
  `bootstrap/${hex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))))}`;

/** One-time bootstrap tokens: what a device trades for its first operational certificate. */
export interface BootstrapTokens {
  /** Creates a token for `serial`, valid `ttlSeconds`. Hand it to the device once; only its hash is stored. */
  issue(serial: string, ttlSeconds?: number): Promise<string>;
  /**
   * Redeems a token (single use, atomically) and returns the serial it was issued for.
   * @throws {IdentityError} IDENTITY_RATE_LIMITED, IDENTITY_ENROLLMENT_DENIED
   */
  redeem(token: string, clientId: string): Promise<string>;
}

/**
 * Bootstrap tokens over a {@link Storage} (stored as SHA-256 hashes, so a leaked store reveals no
 * token), single use through the store's compare-and-set, with a per-client rate limit. Attempts
 * are counted in this process unless `attempts` is given: pass one on a shared database when
 * several instances redeem tokens, so they share one limit.
 * @example
 * ```ts
 * const tokens = createBootstrapTokens({ storage });
 * const token = await tokens.issue('VS-0001', 3600);
 * const serial = await tokens.redeem(token, request.socket.remoteAddress);
 * ```
 * @throws {ValidationError} CORE_VALIDATION_FAILED for a bad `rateLimit` or `attempts`
 */
export function createBootstrapTokens(options: {
  storage: Storage;
  clock?: Clock;
  random?: RandomSource;
  /** Attempts per client per window (default 5 per 60 s). */
  rateLimit?: EnrollmentRateLimit;
  /** Where attempts are counted (default {@link memoryEnrollmentAttempts}, this process only). */
  attempts?: EnrollmentAttempts;
}): BootstrapTokens {
  const clock = options.clock ?? systemClock;
  const limit = parseWith(RateLimitSchema.optional(), options.rateLimit, 'rateLimit') ?? { attempts: 5, windowMs: 60_000 };
  const attempts = parseWith(AttemptsSchema.optional(), options.attempts, 'attempts') ?? memoryEnrollmentAttempts();
  const deny = (message: string) => new IdentityError('IDENTITY_ENROLLMENT_DENIED', message);
  return {
    async issue(serial, ttlSeconds = 86_400) {
      const token = b64url((options.random ?? secureRandom).bytes(32));
      const record = { serial, expiresAt: new Date(clock.now().getTime() + ttlSeconds * 1000).toISOString() };
      await options.storage.put(await keyOf(token), new TextEncoder().encode(JSON.stringify(record)), { ifMatch: null });
      return token;
    },
    async redeem(token, clientId) {
      const now = clock.now().getTime();
      const decision = await attempts.take(clientId, now, limit);
      if (!decision.allowed) throw new IdentityError('IDENTITY_RATE_LIMITED', 'too many enrollment attempts', { details: { retryAfterMs: decision.retryAfterMs } });
      if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw deny('malformed token');
      const key = await keyOf(token);
      const stored = await options.storage.get(key);
      if (stored === undefined) throw deny('unknown token');
      const record = parseWith(RecordSchema, JSON.parse(new TextDecoder().decode(stored.value)), 'bootstrap token record');
      if (record.usedAt !== undefined) throw deny('token used already');
      if (Date.parse(record.expiresAt) <= now) throw deny('token expired');
      try {
        await options.storage.put(key, new TextEncoder().encode(JSON.stringify({ ...record, usedAt: new Date(now).toISOString() })), { ifMatch: stored.version });
      } catch (cause) {
        throw new IdentityError('IDENTITY_ENROLLMENT_DENIED', 'token used concurrently', { cause });
      }
      return record.serial;
    },
  };
} // prettier-ignore
