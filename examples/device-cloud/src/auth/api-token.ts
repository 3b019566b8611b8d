import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

const PREFIX = 'cra_op_';
/** `cra_op_` + 256 random bits in base64url: recognisable in secret scanners, never stored. */
const TOKEN_PATTERN = /^cra_op_[A-Za-z0-9_-]{43}$/;

/** A fresh API token and its id. Show the token once; store only {@link hashApiToken}. */
export function generateApiToken(): { id: string; token: string } {
  return { id: randomUUID(), token: PREFIX + randomBytes(32).toString('base64url') };
}

/** SHA-256 of a token: a high-entropy secret needs no slow hash, and lookups stay O(1). */
export function hashApiToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** Whether `token` has the shape of an API token (checked before any lookup). */
export const isApiTokenShape = (token: string): boolean => TOKEN_PATTERN.test(token);

/** Constant-time comparison of two hashes. */
export function hashesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
