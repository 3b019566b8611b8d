import type * as NodeCrypto from 'node:crypto';
import { OtaSigningError } from '../errors.js';

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

let noble: Promise<HashProvider> | undefined;

/**
 * Hashing through `@noble/hashes` (pure JavaScript; about 7x slower than OpenSSL here). Loaded
 * on first use, so devices on `node:crypto` never pay its memory.
 * @throws {OtaSigningError} OTA_HASH_UNAVAILABLE when `@noble/hashes` cannot be loaded
 */
export function loadNobleHashProvider(): Promise<HashProvider> {
  noble ??= import('@noble/hashes/sha2.js').then(
    ({ sha256, sha512 }): HashProvider => ({
      name: '@noble/hashes',
      create(algorithm) {
        const hash = algorithm === 'sha256' ? sha256.create() : sha512.create();
        return { update: (block) => void hash.update(block), digest: () => hash.digest() };
      },
    }),
    (cause: unknown) => {
      noble = undefined;
      throw new OtaSigningError('OTA_HASH_UNAVAILABLE', 'cannot load @noble/hashes', { cause });
    },
  );
  return noble;
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
 * Bytes of a hex string; `undefined` for anything but an even number of hex digits.
 * @internal
 */
export function fromHex(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/**
 * Lower-case hex of `bytes`.
 * @internal
 */
export const toHexString = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
