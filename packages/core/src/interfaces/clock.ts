/**
 * The source of the current time. Injected everywhere a deadline or expiry is computed, so tests
 * (and replays of a case's history) control time instead of reading the wall clock.
 */
export interface Clock {
  now(): Date;
}

/** The wall clock. */
export const systemClock: Clock = Object.freeze({ now: () => new Date() });
