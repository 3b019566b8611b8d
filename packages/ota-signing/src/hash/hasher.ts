import type * as NodeCrypto from 'node:crypto';
import { sha256 as nobleSha256, sha512 as nobleSha512 } from '@noble/hashes/sha2.js';
import { OtaSigningError } from '../errors.js';
import { toHex } from '../internal/encoding.js';

/** Hash algorithms TUF target and metadata hashes use here. */
export type HashAlgorithm = 'sha256' | 'sha512';

/** One running hash: feed blocks with `update`, then take the digest once. */
export interface StreamingHash {
  update(block: Uint8Array): void;
  digest(): Uint8Array;
}

/**
 * Where image hashes come from. {@link nodeHashProvider} (`node:crypto`) is the default and
 * several times faster; {@link loadNobleHashProvider} (`@noble/hashes`, pure JavaScript) is the
 * fallback for runtimes without `node:crypto`. Both give identical digests.
 */
export interface HashProvider {
  /** `node:crypto` or `@noble/hashes`, for logs and benchmarks. */
  readonly name: string;
  create(algorithm: HashAlgorithm): StreamingHash;
}

type BuiltinLoader = { getBuiltinModule?: (id: string) => unknown };

/**
 * `node:crypto` looked up at run time (`process.getBuiltinModule`, Node >= 20.16), so this
 * module also loads on runtimes that lack it; `undefined` there.
 */
function loadNodeCrypto(): typeof NodeCrypto | undefined {
  const processLike = (globalThis as { process?: BuiltinLoader }).process;
  try {
    return processLike?.getBuiltinModule?.('node:crypto') as typeof NodeCrypto | undefined;
  } catch {
    return undefined;
  }
}

/** Whether this runtime has `node:crypto` (what {@link defaultHashProvider} picks by). */
export const hasNodeCrypto = (): boolean => loadNodeCrypto()?.createHash !== undefined;

/**
 * Hashing through `node:crypto`'s `createHash` (OpenSSL).
 * @throws {OtaSigningError} OTA_HASH_UNAVAILABLE from `create` where `node:crypto` is missing
 */
export const nodeHashProvider: HashProvider = {
  name: 'node:crypto',
  create(algorithm) {
    const crypto = loadNodeCrypto();
    if (crypto === undefined)
      throw new OtaSigningError('OTA_HASH_UNAVAILABLE', 'node:crypto is not available here');
    const hash = crypto.createHash(algorithm);
    return {
      update: (block) => void hash.update(block),
      digest: () => new Uint8Array(hash.digest()),
    };
  },
};

const nobleHashProvider: HashProvider = Object.freeze({
  name: '@noble/hashes',
  create(algorithm: HashAlgorithm): StreamingHash {
    const hash = algorithm === 'sha256' ? nobleSha256.create() : nobleSha512.create();
    return { update: (block) => void hash.update(block), digest: () => hash.digest() };
  },
});

/**
 * Hashing through `@noble/hashes` (pure JavaScript; 7-10x slower than OpenSSL here), for
 * runtimes without `node:crypto`. Its SHA-2 module is small and always loaded (the synchronous
 * {@link sha256Hex} falls back to it too); the promise is kept for callers written against
 * the lazily loaded provider of 0.1.
 */
export function loadNobleHashProvider(): Promise<HashProvider> {
  return Promise.resolve(nobleHashProvider);
}

/** `node:crypto` where the runtime has it, `@noble/hashes` otherwise. */
export async function defaultHashProvider(): Promise<HashProvider> {
  return hasNodeCrypto() ? nodeHashProvider : loadNobleHashProvider();
}

/**
 * Compares two byte arrays in time independent of where they differ (lengths are public).
 * Pure JavaScript, so it works with either provider.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/**
 * Hex SHA-256 of a small input, synchronously (key ids, hash-bin paths, storage versions):
 * `node:crypto` where the runtime has it, `@noble/hashes` (a few kB, always loaded) elsewhere.
 * @internal
 */
export function sha256Hex(data: Uint8Array | string): string {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const crypto = loadNodeCrypto();
  if (crypto?.createHash !== undefined) return crypto.createHash('sha256').update(bytes).digest('hex');
  return toHex(nobleSha256(bytes));
} // prettier-ignore
