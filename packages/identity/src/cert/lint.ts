import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AuthorityKeyIdentifier,
  BasicConstraints,
  ExtendedKeyUsage,
  Extensions,
  KeyUsage,
  KeyUsageFlags,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
  type Extension,
  type TBSCertificate,
} from '@peculiar/asn1-x509';
import { nameAttribute } from '../asn1/names.js';
import { OID } from '../asn1/oids.js';
import { IdentityError } from '../errors.js';
import { PROFILE_RULES, NO_EXPIRY } from './profiles.js';
import type { IssueRequest } from './request.js';

const DAY_MS = 86_400_000;
const eq = (a: ArrayBuffer | Uint8Array, b: ArrayBuffer | Uint8Array) =>
  Buffer.compare(new Uint8Array(a), new Uint8Array(b)) === 0;

/**
 * Lints a leaf TBSCertificate against RFC 5280 and its profile, right before it is signed, and
 * returns every problem found (empty when clean). Checks the structure we are about to sign, not
 * the inputs, so a bug anywhere upstream still cannot produce a wrong certificate.
 */
export function lintLeaf(tbs: TBSCertificate, request: IssueRequest, issuerKeyId: Uint8Array): string[] {
  const problems: string[] = [];
  const rules = PROFILE_RULES[request.profile];
  const ext = new Map<string, Extension>();
  for (const e of tbs.extensions ?? new Extensions()) {
    if (ext.has(e.extnID)) problems.push(`duplicate extension ${e.extnID}`);
    ext.set(e.extnID, e);
  }
  const value = <T>(oid: string, type: new () => T): T | undefined => {
    const e = ext.get(oid);
    return e === undefined ? undefined : AsnConvert.parse(e.extnValue, type);
  };
  if ((tbs.version as number) !== 2) problems.push('not a v3 certificate');
  const serial = new Uint8Array(tbs.serialNumber);
  if (serial.length < 9 || serial.length > 20) problems.push('serial must carry at least 64 bits and at most 20 octets');
  if ((serial[0] ?? 0x80) >= 0x80 || serial[0] === 0) problems.push('serial must be positive and minimally encoded');
  const bc = value(OID.basicConstraints, BasicConstraints);
  if (!bc || !ext.get(OID.basicConstraints)?.critical) problems.push('basicConstraints must be present and critical');
  if (bc?.cA) problems.push('a leaf must not have the CA bit');
  const ku = value(OID.keyUsage, KeyUsage);
  if (!ku || !ext.get(OID.keyUsage)?.critical) problems.push('keyUsage must be present and critical');
  else {
    const flags = ku.toNumber();
    if (!(flags & KeyUsageFlags.digitalSignature)) problems.push('keyUsage must include digitalSignature');
    if (flags & (KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign)) problems.push('a leaf must not sign certificates or CRLs');
  }
  const eku = value(OID.extKeyUsage, ExtendedKeyUsage);
  if (JSON.stringify(eku ? [...eku] : undefined) !== JSON.stringify(rules.eku)) problems.push(`EKU must be ${String(rules.eku)}`);
  if (!value(OID.subjectKeyIdentifier, SubjectKeyIdentifier)) problems.push('subjectKeyIdentifier missing');
  const aki = value(OID.authorityKeyIdentifier, AuthorityKeyIdentifier);
  if (!aki?.keyIdentifier || !eq(aki.keyIdentifier.buffer, issuerKeyId)) problems.push('authorityKeyIdentifier must name the issuing key');
  if (nameAttribute(tbs.subject, OID.serialNumber) !== request.serial) problems.push('subject serialNumber must be the device serial');
  const notBefore = tbs.validity.notBefore.getTime();
  const notAfter = tbs.validity.notAfter.getTime();
  if (notAfter.getTime() <= notBefore.getTime()) problems.push('notAfter must follow notBefore');
  const noExpiry = notAfter.getTime() === NO_EXPIRY.getTime();
  if (noExpiry && !rules.allowNoExpiry) problems.push(`${rules.id} must expire`);
  if (!noExpiry && notAfter.getTime() - notBefore.getTime() > rules.maxValidityDays * DAY_MS + 60_000) problems.push(`${rules.id} allows at most ${rules.maxValidityDays} days`);
  if (request.profile === 'idevid-8021ar') {
    const san = value(OID.subjectAltName, SubjectAlternativeName);
    if (!san?.some((n) => n.otherName?.typeId === OID.hardwareModuleName)) problems.push('802.1AR needs a SAN hardwareModuleName');
  }
  return problems;
} // prettier-ignore

/** Throws when {@link lintLeaf} finds problems. @throws {IdentityError} IDENTITY_PROFILE_LINT_FAILED */
export function assertLintClean(
  tbs: TBSCertificate,
  request: IssueRequest,
  issuerKeyId: Uint8Array,
): void {
  const problems = lintLeaf(tbs, request, issuerKeyId);
  if (problems.length > 0) {
    throw new IdentityError(
      'IDENTITY_PROFILE_LINT_FAILED',
      `certificate fails lint: ${problems.join('; ')}`,
      {
        details: { problems },
      },
    );
  }
}
