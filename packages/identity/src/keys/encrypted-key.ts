import { scrypt, timingSafeEqual } from 'node:crypto';
import { chmod, open } from 'node:fs/promises';
import { z } from 'zod';
import { secureRandom, type RandomSource, type SignatureAlgorithm } from '@cra-kit/core';
import { defaultIdentityConfig } from '../config.js';
import { IdentityError } from '../errors.js';

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

/** A private key encrypted at rest: scrypt derives an AES-256-GCM key from a passphrase. */
export const EncryptedKeyFileSchema = z
  .object({
    schemaVersion: z.literal('cra-kit.encrypted-key/v1'),
    algorithm: z.enum(['ecdsa-p256-sha256', 'ecdsa-p384-sha384', 'ed25519']),
    keyId: z.string().regex(/^[0-9a-f]{64}$/),
    kdf: z.object({ name: z.literal('scrypt'), N: z.number().int().min(16_384).max(2 ** 20), r: z.number().int().min(8).max(32), p: z.number().int().min(1).max(16), salt: b64 }).strict(),
    cipher: z.object({ name: z.literal('aes-256-gcm'), iv: b64 }).strict(),
    /** PKCS#8 DER, encrypted, followed by the 16-byte GCM tag. */
    ciphertext: b64,
  })
  .strict(); // prettier-ignore

/** The stored form of an encrypted key. */
export type EncryptedKeyFile = z.infer<typeof EncryptedKeyFileSchema>;

const encode = (b: Uint8Array) => Buffer.from(b).toString('base64');
const decode = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

function deriveKey(passphrase: string, salt: Uint8Array, p: { N: number; r: number; p: number }) {
  return new Promise<Uint8Array>((resolve, reject) => {
    const maxmem = 256 * p.N * p.r + 16 * 1024 * 1024;
    scrypt(passphrase.normalize('NFC'), salt, 32, { ...p, maxmem }, (error, key) => {
      if (error) reject(error);
      else resolve(new Uint8Array(key));
    });
  });
} // prettier-ignore

// The header (algorithm, key id, KDF parameters) is authenticated as GCM additional data.
const aad = (f: Omit<EncryptedKeyFile, 'ciphertext'>) =>
  new TextEncoder().encode(
    JSON.stringify([f.schemaVersion, f.algorithm, f.keyId, f.kdf, f.cipher]),
  );

/**
 * Encrypts a PKCS#8 private key under a passphrase (scrypt N=2^17, r=8, p=1 by default +
 * AES-256-GCM, header authenticated).
 * @throws {RangeError} when the passphrase is shorter than 12 characters
 */
export async function encryptPrivateKey(options: {
  privateKeyPkcs8: Uint8Array;
  algorithm: SignatureAlgorithm;
  keyId: string;
  passphrase: string;
  scrypt?: { N: number; r: number; p: number };
  random?: RandomSource;
}): Promise<EncryptedKeyFile> {
  if (options.passphrase.length < 12) throw new RangeError('passphrase must have at least 12 characters');
  const random = options.random ?? secureRandom;
  const params = options.scrypt ?? defaultIdentityConfig.keyFileScrypt;
  const salt = random.bytes(16);
  const iv = random.bytes(12);
  const header = {
    schemaVersion: 'cra-kit.encrypted-key/v1' as const,
    algorithm: options.algorithm,
    keyId: options.keyId,
    kdf: { name: 'scrypt' as const, ...params, salt: encode(salt) },
    cipher: { name: 'aes-256-gcm' as const, iv: encode(iv) },
  };
  const raw = await deriveKey(options.passphrase, salt, params);
  const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt']);
  raw.fill(0);
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(header) }, key, options.privateKeyPkcs8);
  return { ...header, ciphertext: encode(new Uint8Array(ct)) };
} // prettier-ignore

/**
 * Decrypts an {@link EncryptedKeyFile} to PKCS#8 DER. Wipe the result after importing it.
 * @throws {IdentityError} IDENTITY_KEY_DECRYPTION_FAILED on a wrong passphrase or a changed file
 */
export async function decryptPrivateKey(file: EncryptedKeyFile, passphrase: string): Promise<Uint8Array> {
  const raw = await deriveKey(passphrase, decode(file.kdf.salt), file.kdf);
  const key = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['decrypt']);
  raw.fill(0);
  try {
    const { ciphertext, ...header } = file;
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: decode(file.cipher.iv), additionalData: aad(header) }, key, decode(ciphertext)));
  } catch (cause) {
    throw new IdentityError('IDENTITY_KEY_DECRYPTION_FAILED', 'wrong passphrase or damaged key file', { cause });
  }
} // prettier-ignore

/**
 * Writes a secret file with mode 0600, refusing to replace an existing file (`wx`), so a
 * rerun never overwrites a CA key. @internal
 */
export async function writeSecretFile(path: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(data);
  } finally {
    await handle.close();
  }
  await chmod(path, 0o600); // the umask cannot widen it, but be explicit
}

/** Constant-time equality of two byte strings (false on length mismatch). @internal */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
