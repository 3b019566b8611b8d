import type { SignatureAlgorithm, Signer } from '@cra-kit/core';
import { OtaSigningError } from '../errors.js';
import { sha256Hex } from '../hash/hasher.js';
import { fromBase64, fromHex, toBase64, toHex } from '../internal/encoding.js';
import { canonicalBytes } from '../metadata/canonical.js';
import type { TufKey } from '../metadata/schema.js';

// DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows.
const ED25519_SPKI_PREFIX = Uint8Array.from([
  0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
]);

/** A TUF key with its key id. */
export interface KeyWithId {
  readonly keyid: string;
  readonly key: TufKey;
}

/**
 * The TUF key id (spec §4.2): hex SHA-256 of the canonical JSON of the key object.
 * @example keyIdOfTufKey({ keytype: 'ed25519', scheme: 'ed25519', keyval: { public: '…' } })
 */
export function keyIdOfTufKey(key: TufKey): string {
  return sha256Hex(canonicalBytes(key));
}

/**
 * The TUF public key of a signer: `ed25519` keys as hex raw bytes, ECDSA P-256 keys as
 * `ecdsa`/`ecdsa-sha2-nistp256` with a PEM SubjectPublicKeyInfo, as python-tuf writes them.
 * @throws {OtaSigningError} OTA_KEY_INVALID for algorithms TUF has no key type for
 */
export async function tufKeyOf(signer: Signer): Promise<KeyWithId> {
  const spki = await signer.publicKey();
  let key: TufKey;
  if (signer.algorithm === 'ed25519') {
    key = { keytype: 'ed25519', scheme: 'ed25519', keyval: { public: toHex(spki.subarray(ED25519_SPKI_PREFIX.length)) } };
  } else if (signer.algorithm === 'ecdsa-p256-sha256') {
    const pem = toBase64(spki).replace(/.{1,64}/g, '$&\n');
    key = { keytype: 'ecdsa', scheme: 'ecdsa-sha2-nistp256', keyval: { public: `-----BEGIN PUBLIC KEY-----\n${pem}-----END PUBLIC KEY-----\n` } };
  } else {
    throw new OtaSigningError('OTA_KEY_INVALID', `TUF has no key type for ${signer.algorithm}`);
  }
  return { keyid: keyIdOfTufKey(key), key };
} // prettier-ignore

/**
 * The algorithm and DER SubjectPublicKeyInfo of a TUF key, for core's signature check.
 * @throws {OtaSigningError} OTA_KEY_INVALID for unsupported schemes or malformed key values
 */
export function publicKeyOfTufKey(key: TufKey): { algorithm: SignatureAlgorithm; spki: Uint8Array } {
  const value = key.keyval.public;
  if (key.keytype === 'ed25519' && key.scheme === 'ed25519') {
    if (value.startsWith('-----BEGIN PUBLIC KEY-----')) return { algorithm: 'ed25519', spki: fromPem(value) };
    if (!/^[0-9a-f]{64}$/.test(value)) throw new OtaSigningError('OTA_KEY_INVALID', 'ed25519 key is not 32 bytes of hex');
    const spki = new Uint8Array(44);
    spki.set(ED25519_SPKI_PREFIX);
    spki.set(fromHex(value) ?? [], ED25519_SPKI_PREFIX.length);
    return { algorithm: 'ed25519', spki };
  }
  if ((key.keytype === 'ecdsa' || key.keytype === 'ecdsa-sha2-nistp256') && key.scheme === 'ecdsa-sha2-nistp256') {
    return { algorithm: 'ecdsa-p256-sha256', spki: fromPem(value) };
  }
  throw new OtaSigningError('OTA_KEY_INVALID', `unsupported key type ${key.keytype}/${key.scheme}`);
} // prettier-ignore

function fromPem(pem: string): Uint8Array {
  const match =
    /^-----BEGIN PUBLIC KEY-----\s+([A-Za-z0-9+/=\s]+?)\s*-----END PUBLIC KEY-----\s*$/.exec(pem);
  const der = match?.[1] === undefined ? undefined : fromBase64(match[1].replace(/\s+/g, ''));
  if (der === undefined) throw new OtaSigningError('OTA_KEY_INVALID', 'not a PEM public key');
  return der;
}
