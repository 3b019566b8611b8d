import {
  secureRandom,
  systemClock,
  type Clock,
  type RandomSource,
  type Signer,
} from '@cra-kit/core';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  Extensions,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from '@peculiar/asn1-x509';
import { caName } from '../asn1/names.js';
import {
  authorityKeyIdentifier,
  basicConstraints,
  keyIdentifier,
  keyUsage,
  subjectKeyIdentifier,
} from '../cert/extensions.js';
import type { CaSigner } from '../cert/issue.js';
import { randomSerial } from '../cert/serial.js';
import { parseCertificateDer, signCertificate } from '../cert/sign.js';

const YEAR_MS = 365.25 * 86_400_000;

interface CaOptions {
  /** Organisation (subject O) of the CA and of every certificate it issues. */
  readonly organization: string;
  /** Subject CN of the CA. */
  readonly commonName: string;
  /** The CA's own key (file, KMS or HSM). */
  readonly signer: Signer;
  readonly validityYears?: number;
  readonly clock?: Clock;
  readonly random?: RandomSource;
}

async function caCertificate(
  options: CaOptions,
  issuer: CaSigner | undefined,
  pathLen: number | undefined,
): Promise<Uint8Array> {
  const spki = AsnConvert.parse(await options.signer.publicKey(), SubjectPublicKeyInfo);
  const subject = caName(options.organization, options.commonName);
  const issuerTbs = issuer ? parseCertificateDer(issuer.certificate).tbsCertificate : undefined;
  const now = (options.clock ?? systemClock).now();
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000 - 60_000);
  const serial = randomSerial(options.random ?? secureRandom);
  const ownId = keyIdentifier(spki);
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: serial.slice().buffer,
    issuer: issuerTbs?.subject ?? subject,
    validity: new Validity({
      notBefore,
      notAfter: new Date(notBefore.getTime() + (options.validityYears ?? 20) * YEAR_MS),
    }),
    subject,
    subjectPublicKeyInfo: spki,
    extensions: new Extensions([
      basicConstraints(true, pathLen),
      keyUsage(['keyCertSign', 'cRLSign']),
      subjectKeyIdentifier(ownId),
      authorityKeyIdentifier(issuerTbs ? keyIdentifier(issuerTbs.subjectPublicKeyInfo) : ownId),
    ]),
  });
  return signCertificate(tbs, issuer?.signer ?? options.signer);
}

/**
 * Creates a self-signed root CA certificate (DER). Keep the root key offline: it only signs
 * issuing CAs and the root CRL.
 * @example
 * ```ts
 * const { signer, privateKeyPkcs8 } = await generateSigningKey('ecdsa-p256-sha256');
 * const root = await createRootCa({ organization: 'Acme', commonName: 'Acme Device Root CA', signer });
 * ```
 */
export function createRootCa(options: CaOptions): Promise<Uint8Array> {
  return caCertificate({ validityYears: 25, ...options }, undefined, undefined);
}

/**
 * Creates an issuing CA certificate (DER) under `root`, with pathLen 0 so it can only sign
 * leaves. Use one per product line or production batch: revoking it revokes the batch.
 */
export function createIssuingCa(options: CaOptions & { root: CaSigner }): Promise<Uint8Array> {
  return caCertificate({ validityYears: 10, ...options }, options.root, 0);
}
