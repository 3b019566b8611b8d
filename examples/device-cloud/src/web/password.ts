import {
  randomBytes,
  scrypt as scryptCallback,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';
import { z } from 'zod';
import { CloudError } from '../errors.js';

/** scrypt cost parameters; recorded with every hash so they can be raised later. */
export const ScryptParamsSchema = z.strictObject({
  /** CPU/memory cost, a power of two (2^15 needs 32 MiB per verification). */
  N: z.number().int().min(1024).max(2 ** 20).refine((n) => (n & (n - 1)) === 0, 'N must be a power of two'),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
}); // prettier-ignore
export type ScryptParams = z.output<typeof ScryptParamsSchema>;

/** OWASP's scrypt floor (2^15, 8, 1) is ours too: about 50 ms per login on one core. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

/** What an operator may choose as a password: long enough to resist guessing, bounded for DoS. */
export const PasswordSchema = z.string().min(12).max(256);

const KEY_BYTES = 32;
const HASH_PATTERN = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]{22,})\$([A-Za-z0-9_-]{43})$/;

function derive(password: string, salt: Uint8Array, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scryptCallback(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
} // prettier-ignore

/**
 * Hashes a password with scrypt and a fresh 128-bit salt, as
 * `scrypt$N$r$p$<salt>$<key>` (base64url), so the parameters travel with the hash.
 * @throws {CloudError} INVALID_REQUEST when the password or the parameters are out of bounds
 */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const pw = PasswordSchema.safeParse(password);
  const p = ScryptParamsSchema.safeParse(params);
  if (!pw.success) throw new CloudError('INVALID_REQUEST', 'a password needs 12 to 256 characters');
  if (!p.success) throw new CloudError('INVALID_REQUEST', 'invalid scrypt parameters');
  const salt = randomBytes(16);
  const key = await derive(password, salt, p.data);
  return `scrypt$${p.data.N}$${p.data.r}$${p.data.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
} // prettier-ignore

/**
 * Whether `password` matches `stored` (constant-time on the derived keys). A malformed or
 * absent hash never matches, but still costs one derivation so timing does not tell whether an
 * operator exists.
 */
export async function verifyPassword(password: string, stored: string | undefined, fallback: ScryptParams = DEFAULT_SCRYPT): Promise<boolean> {
  const match = stored === undefined ? null : HASH_PATTERN.exec(stored);
  const parsed = match === null ? undefined : ScryptParamsSchema.safeParse({ N: Number(match[1]), r: Number(match[2]), p: Number(match[3]) });
  const candidate = typeof password === 'string' && password.length <= 256 ? password : '';
  if (match === null || parsed?.success !== true) {
    await derive(candidate, randomBytes(16), fallback);
    return false;
  }
  const expected = Buffer.from(match[5] ?? '', 'base64url');
  const actual = await derive(candidate, Buffer.from(match[4] ?? '', 'base64url'), parsed.data);
  return expected.length === actual.length && timingSafeEqual(expected, actual) && candidate === password;
} // prettier-ignore
