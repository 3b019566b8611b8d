/** Options of {@link createRateLimiter}. */
export interface RateLimitOptions {
  /** Reports a source may send in a burst. Default 5. */
  readonly burst?: number;
  /** Sustained reports per second per source. Default 0.2 (one every 5 s). */
  readonly perSecond?: number;
  /** Sources remembered at most; the least recently seen is forgotten first. Default 10,000. */
  readonly maxSources?: number;
}

/**
 * A token bucket per source (an IP address, an API key). Memory is bounded by `maxSources`, so a
 * flood from many addresses cannot exhaust it; a forgotten source simply starts with a full
 * bucket again.
 */
export function createRateLimiter(options: RateLimitOptions = {}) {
  const burst = options.burst ?? 5;
  const perSecond = options.perSecond ?? 0.2;
  const maxSources = options.maxSources ?? 10_000;
  if (!(burst >= 1) || !(perSecond > 0) || !(maxSources >= 1)) {
    throw new RangeError('burst >= 1, perSecond > 0 and maxSources >= 1 are required');
  }
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    /** Takes a token for `source` at `nowMs`; returns 0 when allowed, else seconds to wait. */
    take(source: string, nowMs: number): number {
      const bucket = buckets.get(source) ?? { tokens: burst, at: nowMs };
      buckets.delete(source); // re-insert: Map order is our least-recently-seen order
      bucket.tokens = Math.min(burst, bucket.tokens + ((nowMs - bucket.at) / 1000) * perSecond);
      bucket.at = nowMs;
      const allowed = bucket.tokens >= 1;
      if (allowed) bucket.tokens -= 1;
      buckets.set(source, bucket);
      if (buckets.size > maxSources) buckets.delete(buckets.keys().next().value as string);
      return allowed ? 0 : Math.ceil((1 - bucket.tokens) / perSecond);
    },
    get size() {
      return buckets.size;
    },
  };
}
