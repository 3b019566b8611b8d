import type { RandomSource } from '@cra-kit/core';

/**
 * A deterministic {@link RandomSource} (xoshiro128**, seeded by splitmix32): the same seed
 * gives the same bytes on every run and platform. For tests only: it is not a CSPRNG.
 * @example
 * ```ts
 * const random = seededRandom(42);
 * random.bytes(16); // same 16 bytes every run
 * ```
 */
export function seededRandom(seed: number): RandomSource {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  // The high bits of a seed above 2^32 go into the state too, so no two seeds collide.
  const high = Math.floor(seed / 2 ** 32) >>> 0;
  const state = [splitmix(), (splitmix() ^ high) >>> 0, splitmix(), splitmix()] as [
    number,
    number,
    number,
    number,
  ];
  const next = (): number => {
    const result = Math.imul(rotl(Math.imul(state[1], 5), 7), 9) >>> 0;
    const t = (state[1] << 9) >>> 0;
    state[2] ^= state[0];
    state[3] ^= state[1];
    state[1] ^= state[2];
    state[0] ^= state[3];
    state[2] ^= t;
    state[3] = rotl(state[3], 11);
    return result;
  };
  return {
    bytes(length: number): Uint8Array {
      if (!Number.isSafeInteger(length) || length < 0) {
        throw new RangeError(`length must be a non-negative integer, got ${length}`);
      }
      const out = new Uint8Array(length);
      for (let i = 0; i < length; i += 4) {
        const word = next();
        for (let b = 0; b < 4 && i + b < length; b++) out[i + b] = (word >>> (8 * b)) & 0xff;
      }
      return out;
    },
  };
}

const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;
