import { assertValidSignature } from '@cra-kit/core';
import { CertificationRequest } from '@peculiar/asn1-csr';
import { AsnConvert } from '@peculiar/asn1-schema';
import { BasicConstraints, Extensions } from '@peculiar/asn1-x509';
import { keyAlgorithmOfSpki, signatureAlgorithmOf } from '../asn1/algorithms.js';
import { nameAttribute } from '../asn1/names.js';
import { OID } from '../asn1/oids.js';
import { derOf } from '../asn1/pem.js';
import { defaultIdentityConfig, type IdentityConfig } from '../config.js';
import { IdentityError } from '../errors.js';
import type { SignatureAlgorithm } from '@cra-kit/core';

/** A CSR whose proof of possession verified. */
export interface VerifiedCsr {
  /** DER SubjectPublicKeyInfo of the device key. */
  readonly subjectPublicKey: Uint8Array;
  readonly keyAlgorithm: SignatureAlgorithm;
  /** Subject CN and serialNumber as requested (informational; the CA writes its own subject). */
  readonly commonName: string | undefined;
  readonly serialNumber: string | undefined;
  /** OIDs of the extensions the request asked for (never copied into a certificate). */
  readonly requestedExtensions: readonly string[];
}

const malformed = (message: string, cause?: unknown) =>
  new IdentityError('IDENTITY_CSR_MALFORMED', message, cause === undefined ? {} : { cause });

/**
 * Parses a PKCS#10 CSR (PEM or DER) from an untrusted source and verifies its proof of
 * possession. Refuses oversize input, trailing bytes, non-DER encodings, keys other than P-256,
 * P-384 and Ed25519, and requests for the CA bit.
 *
 * @throws {IdentityError} IDENTITY_CSR_MALFORMED, IDENTITY_KEY_UNSUPPORTED,
 *   IDENTITY_CSR_SIGNATURE_INVALID, IDENTITY_POLICY_VIOLATION
 */
export async function verifyCsr(
  input: string | Uint8Array,
  config: Pick<IdentityConfig, 'maxCsrBytes' | 'maxSubjectBytes'> = defaultIdentityConfig,
): Promise<VerifiedCsr> {
  const size = typeof input === 'string' ? input.length : input.byteLength;
  if (size > config.maxCsrBytes) throw malformed(`CSR larger than ${config.maxCsrBytes} bytes`);
  const der = derOf(input, 'CERTIFICATE REQUEST', 'IDENTITY_CSR_MALFORMED');
  let csr: CertificationRequest;
  try {
    csr = AsnConvert.parse(der, CertificationRequest);
  } catch (cause) {
    throw malformed('not a PKCS#10 certification request', cause);
  }
  // DER only: re-encoding must give back exactly the bytes received (no BER, no trailing data).
  let reencoded: ArrayBuffer;
  try {
    reencoded = AsnConvert.serialize(csr);
  } catch (cause) {
    throw malformed('CSR does not re-encode', cause);
  }
  if (Buffer.compare(new Uint8Array(reencoded), der) !== 0) throw malformed('CSR is not canonical DER');
  const info = csr.certificationRequestInfo;
  if (info.version !== 0 || csr.certificationRequestInfoRaw === undefined) throw malformed('unsupported CSR version');
  const subjectDer = AsnConvert.serialize(info.subject);
  if (subjectDer.byteLength > config.maxSubjectBytes) {
    throw new IdentityError('IDENTITY_POLICY_VIOLATION', `subject larger than ${config.maxSubjectBytes} bytes`);
  }
  const keyAlgorithm = keyAlgorithmOfSpki(info.subjectPKInfo);
  if (signatureAlgorithmOf(csr.signatureAlgorithm) !== keyAlgorithm) {
    throw new IdentityError('IDENTITY_KEY_UNSUPPORTED', 'CSR signature algorithm does not match its key');
  }
  const subjectPublicKey = new Uint8Array(AsnConvert.serialize(info.subjectPKInfo));
  try {
    await assertValidSignature({
      algorithm: keyAlgorithm,
      publicKey: subjectPublicKey,
      data: new Uint8Array(csr.certificationRequestInfoRaw),
      signature: new Uint8Array(csr.signature),
    });
  } catch (cause) {
    throw new IdentityError('IDENTITY_CSR_SIGNATURE_INVALID', 'CSR signature does not verify (no proof of possession)', { cause });
  }
  const requestedExtensions = requestedExtensionsOf(csr);
  return {
    subjectPublicKey,
    keyAlgorithm,
    commonName: nameAttribute(info.subject, OID.commonName),
    serialNumber: nameAttribute(info.subject, OID.serialNumber),
    requestedExtensions: requestedExtensions.map((e) => e.extnID),
  };
} // prettier-ignore

function requestedExtensionsOf(csr: CertificationRequest) {
  const out = [];
  for (const attribute of csr.certificationRequestInfo.attributes) {
    if (attribute.type !== OID.extensionRequest) continue;
    for (const value of attribute.values) {
      let extensions: Extensions;
      try {
        extensions = AsnConvert.parse(value, Extensions);
      } catch (cause) {
        throw malformed('extensionRequest does not parse', cause);
      }
      for (const e of extensions) {
        if (e.extnID === OID.basicConstraints) {
          let ca: boolean;
          try {
            ca = AsnConvert.parse(e.extnValue, BasicConstraints).cA;
          } catch (cause) {
            throw malformed('requested basicConstraints does not parse', cause);
          }
          if (ca)
            throw new IdentityError(
              'IDENTITY_POLICY_VIOLATION',
              'a device may not request the CA bit',
            );
        }
        out.push(e);
      }
    }
  }
  return out;
}
