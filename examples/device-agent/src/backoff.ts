import { parseWith, type RandomSource } from '@cra-kit/core';
import { z } from 'zod';

/** Reconnect backoff: the ceiling doubles per attempt from `baseMs` up to `capMs`. */
export interface BackoffPolicy {
  readonly baseMs: number;
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 5 * 60_000 };

const ArgsSchema = z.strictObject({
  attempt: z.int().min(0),
  policy: z.strictObject({ baseMs: z.int().min(1), capMs: z.int().min(1) }),
});

/**
 * "Full jitter" exponential backoff: a uniform delay in [0, min(cap, base·2^attempt)). Spreading
 * reconnects over the whole window keeps a fleet that lost its broker at once from returning
 * in lockstep. `attempt` counts from 0.
 */
export function backoffDelay(attempt: number, random: RandomSource, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  parseWith(ArgsSchema, { attempt, policy: { baseMs: policy.baseMs, capMs: policy.capMs } }, 'backoff');
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, 30));
  const [a = 0, b = 0, c = 0, d = 0] = random.bytes(4);
  const unit = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
  return Math.floor((unit / 2 ** 32) * ceiling);
} // prettier-ignore
