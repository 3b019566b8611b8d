import { scryptAsync } from '@noble/hashes/scrypt.js';
import { secureRandom, type RandomSource } from '@cra-kit/core';
import { IdentityError } from '../errors.js';
import { constantTimeEqual } from '../keys/encrypted-key.js';
import { normalisePassword } from './generate.js';

/** scrypt cost for stored device passwords: N = 2^17, r = 8, p = 1 (OWASP's recommendation). */
export const DEFAULT_PASSWORD_SCRYPT = Object.freeze({ log2N: 17, r: 8, p: 1 });

const FORMAT =
  /^\$scrypt\$ln=(\d{2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{22})\$([A-Za-z0-9+/]{43})$/;
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64').replace(/=+$/, '');
const unb64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

/**
 * Hashes a device password with scrypt (`@noble/hashes`) into a PHC-style string
 * `$scrypt$ln=17,r=8,p=1$<salt>$<hash>`: store only this, never the password.
 * @throws {RangeError} when the cost is below N = 2^14
 */
export async function hashDevicePassword(
  password: string,
  options: { cost?: { log2N: number; r: number; p: number }; random?: RandomSource } = {},
): Promise<string> {
  const cost = options.cost ?? DEFAULT_PASSWORD_SCRYPT;
  if (cost.log2N < 14 || cost.log2N > 20 || cost.r < 8 || cost.p < 1) throw new RangeError('scrypt cost too low');
  const salt = (options.random ?? secureRandom).bytes(16);
  const hash = await scryptAsync(normalisePassword(password), salt, { N: 2 ** cost.log2N, r: cost.r, p: cost.p, dkLen: 32 });
  return `$scrypt$ln=${cost.log2N},r=${cost.r},p=${cost.p}$${b64(salt)}$${b64(hash)}`;
} // prettier-ignore

/**
 * Verifies a password against a stored hash in constant time; throws unless it matches.
 * @throws {IdentityError} IDENTITY_PASSWORD_MISMATCH (also for a malformed stored hash)
 */
export async function verifyDevicePassword(password: string, stored: string): Promise<void> {
  const m = FORMAT.exec(stored);
  const [log2N, r, p] = [Number(m?.[1]), Number(m?.[2]), Number(m?.[3])];
  if (!m || log2N < 14 || log2N > 20 || r < 8 || r > 32 || p < 1 || p > 16) {
    throw new IdentityError('IDENTITY_PASSWORD_MISMATCH', 'stored hash is not a scrypt hash we accept');
  }
  const expected = unb64(m[5] ?? '');
  const actual = await scryptAsync(normalisePassword(password), unb64(m[4] ?? ''), { N: 2 ** log2N, r, p, dkLen: expected.length });
  if (!constantTimeEqual(actual, expected)) throw new IdentityError('IDENTITY_PASSWORD_MISMATCH', 'password does not match');
} // prettier-ignore
