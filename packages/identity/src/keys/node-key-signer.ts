import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { keyIdOf, type SignatureAlgorithm, type Signer } from '@cra-kit/core';
import { IdentityError } from '../errors.js';

const HASH: Readonly<Record<SignatureAlgorithm, string | null>> = {
  'ecdsa-p256-sha256': 'sha256',
  'ecdsa-p384-sha384': 'sha384',
  ed25519: null,
};
const CURVE: Readonly<Record<SignatureAlgorithm, string>> = {
  'ecdsa-p256-sha256': 'prime256v1',
  'ecdsa-p384-sha384': 'secp384r1',
  ed25519: 'ed25519',
};

/** A synchronous signing function over a key held in this process (fast path only). @internal */
export type SyncSign = (data: Uint8Array) => Uint8Array;
const syncSigners = new WeakMap<Signer, SyncSign>();

/** The synchronous twin of a signer made by {@link createNodeKeySigner}, if it is one. @internal */
export const syncSignOf = (signer: Signer): SyncSign | undefined => syncSigners.get(signer);

/**
 * A {@link Signer} over a private key in memory (PKCS#8 DER) held as a node:crypto KeyObject,
 * for CA key files. It signs like core's `createKeySigner` (DER ECDSA signatures), and it also
 * lets the bulk issuance fast path sign synchronously, without a thread-pool round trip per
 * certificate. Keys in a KMS or HSM keep their own Signer and take the generic async path.
 *
 * @throws {IdentityError} IDENTITY_INPUT_INVALID when the bytes are not a PKCS#8 key of `algorithm`
 * @example
 * ```ts
 * const signer = await createNodeKeySigner({ algorithm: 'ecdsa-p256-sha256', privateKeyPkcs8 });
 * ```
 */
export async function createNodeKeySigner(options: { algorithm: SignatureAlgorithm; privateKeyPkcs8: Uint8Array }): Promise<Signer> {
  const { algorithm } = options;
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: Buffer.from(options.privateKeyPkcs8), format: 'der', type: 'pkcs8' });
  } catch (cause) {
    throw new IdentityError('IDENTITY_INPUT_INVALID', `not a PKCS#8 ${algorithm} private key`, { cause });
  }
  const curve = key.asymmetricKeyType === 'ec' ? key.asymmetricKeyDetails?.namedCurve : key.asymmetricKeyType;
  if (!(algorithm in HASH) || curve !== CURVE[algorithm]) {
    throw new IdentityError('IDENTITY_INPUT_INVALID', `not a PKCS#8 ${algorithm} private key`);
  }
  const spki = new Uint8Array(createPublicKey(key).export({ format: 'der', type: 'spki' }));
  const hash = HASH[algorithm] ?? null;
  const syncSign: SyncSign = (data) => sign(hash, data, key);
  const signer: Signer = Object.freeze({
    specificationVersion: 'v1' as const,
    keyId: await keyIdOf(spki),
    algorithm,
    publicKey: () => Promise.resolve(spki.slice()),
    sign: (data: Uint8Array) => Promise.resolve(syncSign(data)),
  });
  syncSigners.set(signer, syncSign);
  return signer;
} // prettier-ignore
