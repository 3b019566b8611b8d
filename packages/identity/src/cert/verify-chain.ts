import { assertValidSignature, systemClock, type Clock } from '@cra-kit/core';
import { AsnConvert } from '@peculiar/asn1-schema';
import { BasicConstraints, ExtendedKeyUsage, type Certificate } from '@peculiar/asn1-x509';
import { keyAlgorithmOfSpki, signatureAlgorithmOf } from '../asn1/algorithms.js';
import { OID } from '../asn1/oids.js';
import type { RevocationList } from '../crl/revocation.js';
import { IdentityError } from '../errors.js';
import { serialHex } from './serial.js';
import {
  deviceIdentityOf,
  extensionValue,
  parseCertificate,
  type DeviceIdentity,
} from './device-identity.js';

const untrusted = (message: string, cause?: unknown) =>
  new IdentityError('IDENTITY_CERT_UNTRUSTED', message, cause === undefined ? {} : { cause });

async function assertSignedBy(child: Certificate, issuer: Certificate) {
  const raw = child.tbsCertificateRaw;
  if (raw === undefined) throw untrusted('no TBS bytes');
  const issuerName = Buffer.from(AsnConvert.serialize(issuer.tbsCertificate.subject));
  if (!issuerName.equals(Buffer.from(AsnConvert.serialize(child.tbsCertificate.issuer)))) throw untrusted('issuer name does not match');
  const algorithm = keyAlgorithmOfSpki(issuer.tbsCertificate.subjectPublicKeyInfo);
  if (signatureAlgorithmOf(child.signatureAlgorithm) !== algorithm) throw untrusted('signature algorithm does not match the issuer key');
  try {
    await assertValidSignature({
      algorithm,
      publicKey: new Uint8Array(AsnConvert.serialize(issuer.tbsCertificate.subjectPublicKeyInfo)),
      data: new Uint8Array(raw),
      signature: new Uint8Array(child.signatureValue),
    });
  } catch (cause) {
    throw untrusted('signature does not verify', cause);
  }
} // prettier-ignore

function assertCurrent(cert: Certificate, now: Date) {
  const { notBefore, notAfter } = cert.tbsCertificate.validity;
  if (now < notBefore.getTime() || now > notAfter.getTime()) {
    throw new IdentityError('IDENTITY_CERT_EXPIRED', 'certificate is outside its validity period');
  }
}

/**
 * Verifies a device certificate against a root and issuing CA (all DER): signatures, names,
 * validity, CA constraints, clientAuth, the revocation list, and (with `caRevocations`) whether
 * the issuing CA itself is revoked at the root; then returns the identity.
 * Fail-closed: any doubt throws.
 *
 * @throws {IdentityError} IDENTITY_CERT_UNTRUSTED, IDENTITY_CERT_EXPIRED, IDENTITY_CERT_REVOKED,
 *   IDENTITY_CERT_NOT_DEVICE, IDENTITY_CERT_MALFORMED
 */
export async function verifyDeviceCertificate(options: {
  certificate: Uint8Array;
  root: Uint8Array;
  issuing: Uint8Array;
  revocations?: RevocationList;
  /** Issuing CAs revoked at the root (the root CRL's entries; see `readCaTrust`). */
  caRevocations?: RevocationList;
  clock?: Clock;
}): Promise<DeviceIdentity> {
  const now = (options.clock ?? systemClock).now();
  const leaf = parseCertificate(options.certificate);
  const issuing = parseCertificate(options.issuing);
  const root = parseCertificate(options.root);
  const identity = deviceIdentityOf(options.certificate);
  const eku = extensionValue(leaf, OID.extKeyUsage, ExtendedKeyUsage);
  if (eku && ![...eku].includes(OID.clientAuth)) throw new IdentityError('IDENTITY_CERT_NOT_DEVICE', 'not a client certificate');
  for (const ca of [issuing, root]) {
    if (!extensionValue(ca, OID.basicConstraints, BasicConstraints)?.cA) throw untrusted('issuer is not a CA');
  }
  await assertSignedBy(leaf, issuing);
  await assertSignedBy(issuing, root);
  await assertSignedBy(root, root);
  for (const cert of [root, issuing, leaf]) assertCurrent(cert, now);
  options.caRevocations?.assertNotRevoked(serialHex(new Uint8Array(issuing.tbsCertificate.serialNumber)));
  options.revocations?.assertNotRevoked(identity.certificateSerial);
  return identity;
} // prettier-ignore
