import { describe, expect, it } from 'vitest';
import { secureRandom } from '@cra-kit/core';

describe('secureRandom', () => {
  it('returns the number of bytes asked for', () => {
    for (const length of [0, 1, 3, 32, 65_536, 65_537]) {
      const bytes = secureRandom.bytes(length);
      expect(bytes).toBeInstanceOf(Uint8Array);
      expect(bytes).toHaveLength(length);
    }
  });

  it('fills every 64 KiB chunk of a long request, including a short last one', () => {
    // getRandomValues fills at most 65,536 bytes per call. 64 zero bytes in a row from a CSPRNG
    // has probability 2^-512, so a zero run means a chunk was left unfilled.
    const bytes = secureRandom.bytes(3 * 65_536 + 100);
    const zeroRun = (start: number) => bytes.subarray(start, start + 64).every((b) => b === 0);
    for (const start of [0, 65_536 - 64, 65_536, 2 * 65_536, 3 * 65_536, bytes.length - 64]) {
      expect(zeroRun(start)).toBe(false);
    }
  });

  it('gives different bytes on each call', () => {
    expect(secureRandom.bytes(32)).not.toEqual(secureRandom.bytes(32));
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])(
    'refuses the length %s with a RangeError',
    (length) => {
      expect(() => secureRandom.bytes(length)).toThrow(RangeError);
    },
  );

  it('cannot be replaced globally', () => {
    expect(Object.isFrozen(secureRandom)).toBe(true);
  });
});
