import { describe, expect, it } from 'vitest';
import { fixedClock } from '@cra-kit/testing';

describe('fixedClock', () => {
  it('starts at the CRA general application date by default', () => {
    expect(fixedClock().now().toISOString()).toBe('2027-12-11T00:00:00.000Z');
  });

  it('starts at a given time, as a string or a Date', () => {
    expect(fixedClock('2026-09-11T08:00:00Z').now().toISOString()).toBe('2026-09-11T08:00:00.000Z');
    expect(
      fixedClock(new Date(Date.UTC(2030, 0, 1)))
        .now()
        .toISOString(),
    ).toBe('2030-01-01T00:00:00.000Z');
  });

  it('stands still until moved', () => {
    const clock = fixedClock('2026-09-11T08:00:00Z');
    const first = clock.now().getTime();
    expect(clock.now().getTime()).toBe(first);
  });

  it('advances by milliseconds, also backwards', () => {
    const clock = fixedClock('2026-09-11T08:00:00Z');
    clock.advance(24 * 3600_000);
    expect(clock.now().toISOString()).toBe('2026-09-12T08:00:00.000Z');
    clock.advance(-48 * 3600_000);
    expect(clock.now().toISOString()).toBe('2026-09-10T08:00:00.000Z');
    clock.advance(0);
    expect(clock.now().toISOString()).toBe('2026-09-10T08:00:00.000Z');
  });

  it('is set to a string or a Date', () => {
    const clock = fixedClock();
    clock.set('2028-01-01T12:00:00+01:00');
    expect(clock.now().toISOString()).toBe('2028-01-01T11:00:00.000Z');
    clock.set(new Date(0));
    expect(clock.now().getTime()).toBe(0);
  });

  it('returns a fresh Date each time, so a caller cannot move the clock by mutating it', () => {
    const clock = fixedClock();
    const a = clock.now();
    a.setUTCFullYear(1999);
    expect(clock.now().toISOString()).toBe('2027-12-11T00:00:00.000Z');
    expect(clock.now()).not.toBe(clock.now());
  });

  it('is not moved by mutating the Date it was created or set with', () => {
    const start = new Date(Date.UTC(2030, 0, 1));
    const clock = fixedClock(start);
    start.setUTCFullYear(2040);
    expect(clock.now().getUTCFullYear()).toBe(2030);
    const later = new Date(Date.UTC(2031, 0, 1));
    clock.set(later);
    later.setUTCFullYear(2041);
    expect(clock.now().getUTCFullYear()).toBe(2031);
  });

  it.each(['not a date', '', '2027-13-45T00:00:00Z'])(
    'refuses the start %j with a RangeError',
    (start) => {
      expect(() => fixedClock(start)).toThrow(RangeError);
    },
  );

  it('refuses invalid times in set and keeps its time', () => {
    const clock = fixedClock();
    expect(() => {
      clock.set('yesterday');
    }).toThrow(RangeError);
    expect(() => {
      clock.set(new Date(Number.NaN));
    }).toThrow(RangeError);
    expect(clock.now().toISOString()).toBe('2027-12-11T00:00:00.000Z');
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    'refuses to advance by %s and keeps its time',
    (ms) => {
      const clock = fixedClock();
      expect(() => {
        clock.advance(ms);
      }).toThrow(RangeError);
      expect(clock.now().toISOString()).toBe('2027-12-11T00:00:00.000Z');
    },
  );

  // A Clock must always return a valid Date; past ±8.64e15 ms a Date is "Invalid Date".
  it('refuses to advance beyond the range of Date and keeps its time', () => {
    const clock = fixedClock();
    expect(() => {
      clock.advance(1e20);
    }).toThrow(RangeError);
    expect(Number.isNaN(clock.now().getTime())).toBe(false);
    expect(clock.now().toISOString()).toBe('2027-12-11T00:00:00.000Z');
  });
});
