import type { Clock } from '@cra-kit/core';

/** A {@link Clock} that stands still until told to move. */
export interface FixedClock extends Clock {
  /** Moves the clock forward by `ms` milliseconds (negative moves it back). */
  advance(ms: number): void;
  /** Sets the clock to `time`. */
  set(time: Date | string): void;
}

/**
 * A clock fixed at `start` (default 2027-12-11T00:00:00Z, the CRA's general application date).
 * Each `now()` returns a fresh `Date`, so callers cannot move the clock by mutating it.
 * @example
 * ```ts
 * const clock = fixedClock('2026-09-11T08:00:00Z');
 * clock.advance(24 * 3600_000);
 * ```
 */
export function fixedClock(start: Date | string = '2027-12-11T00:00:00Z'): FixedClock {
  let current = toMillis(start);
  return {
    now: () => new Date(current),
    advance(ms: number) {
      const next = current + ms;
      if (!Number.isFinite(ms) || Number.isNaN(new Date(next).getTime())) {
        throw new RangeError(`cannot advance the clock by ${ms} ms`);
      }
      current = next;
    },
    set(time) {
      current = toMillis(time);
    },
  };
}

function toMillis(time: Date | string): number {
  const ms = typeof time === 'string' ? Date.parse(time) : time.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not a valid time: ${String(time)}`);
  return ms;
}
