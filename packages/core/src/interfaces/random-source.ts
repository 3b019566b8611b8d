/**
 * A source of cryptographically secure random bytes. Injected so tests can be deterministic;
 * production code uses {@link secureRandom}.
 */
export interface RandomSource {
  /** Returns `length` fresh random bytes. */
  bytes(length: number): Uint8Array;
}

/** WebCrypto's CSPRNG (available in Node >= 20 and every modern runtime). */
export const secureRandom: RandomSource = Object.freeze({
  bytes(length: number): Uint8Array {
    if (!Number.isSafeInteger(length) || length < 0) {
      throw new RangeError(`length must be a non-negative integer, got ${String(length)}`);
    }
    const out = new Uint8Array(length);
    // getRandomValues fills at most 65,536 bytes per call.
    for (let offset = 0; offset < length; offset += 65_536) {
      globalThis.crypto.getRandomValues(out.subarray(offset, Math.min(length, offset + 65_536)));
    }
    return out;
  },
});
