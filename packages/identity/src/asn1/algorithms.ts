import type { SignatureAlgorithm } from '@cra-kit/core';
import { AlgorithmIdentifier, type SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { IdentityError } from '../errors.js';
import { OID } from './oids.js';

/** Short key algorithm names the CLI and options use, mapped to core's signature algorithms. */
export const KEY_ALGORITHMS = Object.freeze({
  p256: 'ecdsa-p256-sha256',
  p384: 'ecdsa-p384-sha384',
  ed25519: 'ed25519',
} as const satisfies Record<string, SignatureAlgorithm>);

/** A short key algorithm name: `p256` (default), `p384` or `ed25519`. */
export type KeyAlgorithm = keyof typeof KEY_ALGORITHMS;

const SIGNATURE_OIDS: Readonly<Record<SignatureAlgorithm, string>> = {
  'ecdsa-p256-sha256': OID.ecdsaWithSha256,
  'ecdsa-p384-sha384': OID.ecdsaWithSha384,
  ed25519: OID.ed25519,
};

// DER of the namedCurve OIDs (prime256v1, secp384r1) as they appear in SPKI parameters.
const P256_PARAMS = '06082a8648ce3d030107';
const P384_PARAMS = '06052b81040022';
const hex = (b: ArrayBuffer) =>
  Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('');

/** The AlgorithmIdentifier a signature by `algorithm` carries (no parameters, RFC 5758/8410). @internal */
export function signatureAlgorithmIdentifier(algorithm: SignatureAlgorithm): AlgorithmIdentifier {
  return new AlgorithmIdentifier({ algorithm: SIGNATURE_OIDS[algorithm] });
}

/** The signature algorithm named by an AlgorithmIdentifier, or throws. @internal */
export function signatureAlgorithmOf(id: AlgorithmIdentifier): SignatureAlgorithm {
  const found = (Object.keys(SIGNATURE_OIDS) as SignatureAlgorithm[]).find(
    (a) => SIGNATURE_OIDS[a] === id.algorithm,
  );
  if (found === undefined || id.parameters !== undefined) {
    throw new IdentityError(
      'IDENTITY_KEY_UNSUPPORTED',
      `unsupported signature algorithm ${id.algorithm}`,
    );
  }
  return found;
}

/**
 * The signature algorithm a subject public key is used with. Only P-256, P-384 and Ed25519 keys
 * are accepted; RSA and other curves are refused.
 * @throws {IdentityError} IDENTITY_KEY_UNSUPPORTED
 * @internal
 */
export function keyAlgorithmOfSpki(spki: SubjectPublicKeyInfo): SignatureAlgorithm {
  const { algorithm, parameters } = spki.algorithm;
  if (algorithm === OID.ed25519 && parameters === undefined) return 'ed25519';
  if (algorithm === OID.ecPublicKey && parameters instanceof ArrayBuffer) {
    const params = hex(parameters);
    if (params === P256_PARAMS) return 'ecdsa-p256-sha256';
    if (params === P384_PARAMS) return 'ecdsa-p384-sha384';
  }
  throw new IdentityError('IDENTITY_KEY_UNSUPPORTED', `unsupported key algorithm ${algorithm}`, {
    details: { algorithm },
  });
}
