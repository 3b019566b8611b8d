import {
  secureRandom,
  systemClock,
  type Clock,
  type RandomSource,
  type Signer,
} from '@cra-kit/core';
import { AsnConvert } from '@peculiar/asn1-schema';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  Extensions,
  type Name,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
} from '@peculiar/asn1-x509';
import { keyAlgorithmOfSpki } from '../asn1/algorithms.js';
import { buildName, nameAttribute } from '../asn1/names.js';
import { OID } from '../asn1/oids.js';
import { IdentityError } from '../errors.js';
import { authorityKeyIdentifier, keyIdentifier, subjectKeyIdentifier } from './extensions.js';
import { assertLintClean } from './lint.js';
import { leafTemplate } from './profiles.js';
import { parseIssueRequest, type IssueRequest, type IssueRequestInput } from './request.js';
import { randomSerial, serialHex } from './serial.js';
import { parseCertificateDer, signCertificate } from './sign.js';

/** A CA that can sign: its certificate (DER) and a {@link Signer} for its key (file, KMS, HSM). */
export interface CaSigner {
  readonly certificate: Uint8Array;
  readonly signer: Signer;
}

/** A certificate we issued, with the facts a manifest records. */
export interface IssuedCertificate {
  /** DER. */
  readonly certificate: Uint8Array;
  /** Certificate serial, lower-case hex. */
  readonly serialNumber: string;
  /** The device serial it certifies. */
  readonly deviceSerial: string;
  /** SHA-256 of the DER, lower-case hex. */
  readonly fingerprint: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/**
 * Issues a leaf certificate for a public key (DER SubjectPublicKeyInfo) under a profile. The
 * certificate is built from the profile, linted, and only then signed through the CA's Signer.
 *
 * @throws {ValidationError} CORE_VALIDATION_FAILED when the request does not match its schema
 * @throws {IdentityError} IDENTITY_KEY_UNSUPPORTED, IDENTITY_POLICY_VIOLATION, IDENTITY_PROFILE_LINT_FAILED
 * @example
 * ```ts
 * const issued = await issueCertificate({ ca, subjectPublicKey, request: { profile: 'ldevid-mtls', serial: 'VS-0001' } });
 * ```
 */
export async function issueCertificate(options: {
  ca: CaSigner;
  subjectPublicKey: Uint8Array;
  request: IssueRequestInput;
  clock?: Clock;
  random?: RandomSource;
}): Promise<IssuedCertificate> {
  const request = parseIssueRequest(options.request);
  let spki: SubjectPublicKeyInfo;
  try {
    spki = AsnConvert.parse(options.subjectPublicKey, SubjectPublicKeyInfo);
  } catch (cause) {
    throw new IdentityError('IDENTITY_KEY_UNSUPPORTED', 'not a SubjectPublicKeyInfo', { cause });
  }
  const now = (options.clock ?? systemClock).now();
  const serial = randomSerial(options.random ?? secureRandom);
  const { tbs, template, issuerKeyId } = buildLeafTbs({
    caCertificate: options.ca.certificate,
    request,
    spki,
    now,
    serial,
  });
  assertLintClean(tbs, request, issuerKeyId);
  const certificate = await signCertificate(tbs, options.ca.signer);
  return {
    certificate,
    serialNumber: serialHex(serial),
    deviceSerial: request.serial,
    fingerprint: sha256Hex(certificate),
    notBefore: template.notBefore,
    notAfter: template.notAfter,
  };
}

/** SHA-256 of `bytes`, lower-case hex (synchronous: no thread-pool round trip per certificate). @internal */
export function sha256Hex(bytes: Uint8Array): string {
  return Array.from(sha256(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The generic path's TBSCertificate for a checked request, built with `@peculiar/asn1-x509`
 * (unsigned: the signature algorithm is set when signing). The fast path is tested against it. @internal
 */
export function buildLeafTbs(options: { caCertificate: Uint8Array; request: IssueRequest; spki: SubjectPublicKeyInfo; now: Date; serial: Uint8Array }) {
  const { request, spki, serial } = options;
  const issuer = issuerOf(options.caCertificate);
  const template = leafTemplate(request, issuer.organization, keyAlgorithmOfSpki(spki), options.now);
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: serial.buffer.slice(serial.byteOffset, serial.byteOffset + serial.byteLength) as ArrayBuffer,
    issuer: issuer.subject,
    validity: new Validity({ notBefore: template.notBefore, notAfter: template.notAfter }),
    subject: buildName(template.subject),
    subjectPublicKeyInfo: spki,
    extensions: new Extensions([...template.extensions, subjectKeyIdentifier(keyIdentifier(spki)), authorityKeyIdentifier(issuer.keyId)]),
  });
  return { tbs, template, issuerKeyId: issuer.keyId };
} // prettier-ignore

// The issuer's parsed name and key id, cached per certificate buffer: bulk issuance parses the
// CA certificate once, not once per leaf.
const issuers = new WeakMap<
  Uint8Array,
  { subject: Name; organization: string; keyId: Uint8Array }
>();
/** @internal */
export function issuerOf(certificate: Uint8Array) {
  let cached = issuers.get(certificate);
  if (cached === undefined) {
    const tbs = parseCertificateDer(certificate).tbsCertificate;
    cached = { subject: tbs.subject, organization: nameAttribute(tbs.subject, OID.organization) ?? '', keyId: keyIdentifier(tbs.subjectPublicKeyInfo) };
    issuers.set(certificate, cached);
  }
  return cached;
} // prettier-ignore
