import { secureRandom, type RandomSource } from '@cra-kit/core';

/**
 * The password alphabet: digits 2–9 and lower-case letters without i, l and o, so no two
 * characters look alike on a printed label (0/o, 1/l/i). 31 symbols, log2(31) ≈ 4.95 bits each.
 */
export const PASSWORD_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';

/** Entropy in bits of a password of `length` symbols from {@link PASSWORD_ALPHABET}. */
export const passwordEntropyBits = (length: number) => length * Math.log2(PASSWORD_ALPHABET.length);

/** ETSI EN 303 645 provision 5.1 does not fix a number; we refuse anything under 80 bits. */
export const MIN_PASSWORD_BITS = 80;

// Largest multiple of 31 that fits a byte: bytes at or above it are redrawn (no modulo bias).
const LIMIT = 256 - (256 % PASSWORD_ALPHABET.length);

/**
 * Generates one unique device password from a CSPRNG (never from a serial, MAC or counter, as
 * EN 303 645 5.1 requires): 18 symbols (≈ 89 bits) shown in groups of six, e.g. `k7mq2x-9fh3tb-…`.
 * @throws {RangeError} when `length` gives fewer than 80 bits
 * @example
 * ```ts
 * const password = generateDevicePassword();
 * ```
 */
export function generateDevicePassword(
  options: { length?: number; random?: RandomSource } = {},
): string {
  const length = options.length ?? 18;
  if (!Number.isSafeInteger(length) || passwordEntropyBits(length) < MIN_PASSWORD_BITS) {
    throw new RangeError(`a password needs at least ${MIN_PASSWORD_BITS} bits`);
  }
  const random = options.random ?? secureRandom;
  let out = '';
  while (out.length < length) {
    for (const byte of random.bytes(length * 2)) {
      if (byte < LIMIT && out.length < length)
        out += PASSWORD_ALPHABET.charAt(byte % PASSWORD_ALPHABET.length);
    }
  }
  return out.replace(/(.{6})(?=.)/g, '$1-');
}

/** What a person typed, reduced to the symbols that count (groups and case do not). @internal */
export const normalisePassword = (password: string) => password.replace(/[-\s]/g, '').toLowerCase();
