// Types only: the code itself uses the WebCrypto global, which every modern runtime has.
import type { webcrypto } from 'node:crypto';
import { CoreError } from '../errors/core-error.js';
import type { SignatureAlgorithm, Signer } from '../interfaces/signer.js';
import { derToP1363, p1363ToDer } from './ecdsa-der.js';

interface AlgorithmSpec {
  readonly key: webcrypto.EcKeyImportParams | webcrypto.Algorithm;
  readonly sign: webcrypto.EcdsaParams | webcrypto.Algorithm;
  /** Bytes per ECDSA scalar; 0 for Ed25519 (raw signatures). */
  readonly scalarBytes: number;
}

const SPECS: Readonly<Record<SignatureAlgorithm, AlgorithmSpec>> = {
  'ecdsa-p256-sha256': {
    key: { name: 'ECDSA', namedCurve: 'P-256' },
    sign: { name: 'ECDSA', hash: 'SHA-256' },
    scalarBytes: 32,
  },
  'ecdsa-p384-sha384': {
    key: { name: 'ECDSA', namedCurve: 'P-384' },
    sign: { name: 'ECDSA', hash: 'SHA-384' },
    scalarBytes: 48,
  },
  ed25519: { key: { name: 'Ed25519' }, sign: { name: 'Ed25519' }, scalarBytes: 0 },
};

const subtle = () => globalThis.crypto.subtle;
const bytes = (buffer: ArrayBuffer) => new Uint8Array(buffer);

/** A signing key pair: the {@link Signer} and the private key to store (PKCS#8 DER). */
export interface GeneratedKey {
  readonly signer: Signer;
  /** PKCS#8 DER. A secret: encrypt it at rest and write it 0600. */
  readonly privateKeyPkcs8: Uint8Array;
}

/**
 * Generates a signing key with WebCrypto (no Node-only APIs, so it also runs on devices).
 * @example
 * ```ts
 * const { signer, privateKeyPkcs8 } = await generateSigningKey('ed25519');
 * const signature = await signer.sign(new TextEncoder().encode('hello'));
 * ```
 */
export async function generateSigningKey(algorithm: SignatureAlgorithm): Promise<GeneratedKey> {
  const spec = specOf(algorithm);
  const pair = (await subtle().generateKey(spec.key, true, [
    'sign',
    'verify',
  ])) as webcrypto.CryptoKeyPair;
  const privateKeyPkcs8 = bytes(await subtle().exportKey('pkcs8', pair.privateKey));
  const spki = bytes(await subtle().exportKey('spki', pair.publicKey));
  return { signer: await signerFor(algorithm, pair.privateKey, spki), privateKeyPkcs8 };
}

/**
 * A {@link Signer} over a private key held in memory (PKCS#8 DER), for key files and tests.
 * The key is imported as non-extractable: the signer cannot hand it out again.
 * @throws {CoreError} CORE_KEY_INVALID when the bytes are not a PKCS#8 key of `algorithm`
 */
export async function createKeySigner(options: {
  algorithm: SignatureAlgorithm;
  privateKeyPkcs8: Uint8Array;
}): Promise<Signer> {
  const spec = specOf(options.algorithm);
  try {
    const extractable = await subtle().importKey('pkcs8', options.privateKeyPkcs8, spec.key, true, ['sign']);
    // The public key is derived through JWK (which carries the public coordinates too).
    const { kty, crv, x, y } = await subtle().exportKey('jwk', extractable);
    const publicJwk = { kty, crv, x, ...(y === undefined ? {} : { y }) };
    const publicKey = await subtle().importKey('jwk', publicJwk, spec.key, true, ['verify']);
    const spki = bytes(await subtle().exportKey('spki', publicKey));
    const privateKey = await subtle().importKey('pkcs8', options.privateKeyPkcs8, spec.key, false, ['sign']);
    return await signerFor(options.algorithm, privateKey, spki);
  } catch (cause) {
    throw new CoreError('CORE_KEY_INVALID', `not a PKCS#8 ${options.algorithm} private key`, { cause });
  }
} // prettier-ignore

/**
 * Verifies `signature` over `data` with a public key (DER SubjectPublicKeyInfo) and throws
 * unless it is valid, so a caller cannot ignore a failed check. ECDSA signatures are DER.
 * @throws {CoreError} CORE_SIGNATURE_INVALID, CORE_KEY_INVALID
 */
export async function assertValidSignature(options: {
  algorithm: SignatureAlgorithm;
  publicKey: Uint8Array;
  data: Uint8Array;
  signature: Uint8Array;
}): Promise<void> {
  const spec = specOf(options.algorithm);
  let key: webcrypto.CryptoKey;
  try {
    key = await subtle().importKey('spki', options.publicKey, spec.key, false, ['verify']);
  } catch (cause) {
    throw new CoreError('CORE_KEY_INVALID', `not an ${options.algorithm} public key`, { cause });
  }
  const raw = spec.scalarBytes === 0 ? options.signature : derToP1363(options.signature, spec.scalarBytes);
  const valid = await subtle().verify(spec.sign, key, raw, options.data);
  if (!valid) throw new CoreError('CORE_SIGNATURE_INVALID', 'signature does not verify');
} // prettier-ignore

/** Hex SHA-256 of the DER SubjectPublicKeyInfo: the key id our signers report. */
export async function keyIdOf(spki: Uint8Array): Promise<string> {
  const digest = bytes(await subtle().digest('SHA-256', spki));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function signerFor(
  algorithm: SignatureAlgorithm,
  privateKey: webcrypto.CryptoKey,
  spki: Uint8Array,
): Promise<Signer> {
  const spec = specOf(algorithm);
  const keyId = await keyIdOf(spki);
  return Object.freeze({
    specificationVersion: 'v1' as const,
    keyId,
    algorithm,
    publicKey: () => Promise.resolve(spki.slice()),
    async sign(data: Uint8Array): Promise<Uint8Array> {
      const raw = bytes(await subtle().sign(spec.sign, privateKey, data));
      return spec.scalarBytes === 0 ? raw : p1363ToDer(raw);
    },
  });
}

function specOf(algorithm: SignatureAlgorithm): AlgorithmSpec {
  const spec = (SPECS as Partial<Record<string, AlgorithmSpec>>)[algorithm];
  if (spec === undefined) throw new TypeError(`unsupported signature algorithm: ${algorithm}`);
  return spec;
}
