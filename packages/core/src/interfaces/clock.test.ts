import { describe, expect, it } from 'vitest';
import { systemClock } from '@cra-kit/core';

describe('systemClock', () => {
  it('reads the wall clock', () => {
    const before = Date.now();
    const now = systemClock.now();
    const after = Date.now();
    expect(now).toBeInstanceOf(Date);
    expect(now.getTime()).toBeGreaterThanOrEqual(before);
    expect(now.getTime()).toBeLessThanOrEqual(after);
  });

  it('returns a fresh Date each time, so a caller cannot move it', () => {
    const first = systemClock.now();
    first.setFullYear(1999);
    expect(systemClock.now().getFullYear()).toBeGreaterThan(2000);
    expect(systemClock.now()).not.toBe(systemClock.now());
  });

  it('cannot be replaced globally (inject a Clock instead)', () => {
    expect(Object.isFrozen(systemClock)).toBe(true);
    expect(() => {
      systemClock.now = () => new Date(0);
    }).toThrow(TypeError);
  });
});
