import { GeneralName, type Extension } from '@peculiar/asn1-x509';
import { hardwareModuleGeneralName } from '../asn1/hardware-module-name.js';
import type { NameAttribute } from '../asn1/names.js';
import { OID } from '../asn1/oids.js';
import type { SignatureAlgorithm } from '@cra-kit/core';
import { IdentityError } from '../errors.js';
import { extendedKeyUsage, keyUsage, subjectAltName, basicConstraints } from './extensions.js';
import type { CertificateProfileId, IssueRequest } from './request.js';

/** RFC 5280 §4.1.2.5: the notAfter of a certificate with no well-defined expiration date. */
export const NO_EXPIRY = new Date(Date.UTC(9999, 11, 31, 23, 59, 59));

const DAY_MS = 86_400_000;

/** The rules of one certificate profile. @internal */
export interface ProfileRules {
  readonly id: CertificateProfileId;
  /** EKU the certificate carries; `undefined` for none (Matter DACs carry none). */
  readonly eku: readonly string[] | undefined;
  readonly defaultValidityDays: number | 'no-expiry';
  readonly maxValidityDays: number;
  readonly allowNoExpiry: boolean;
  /** Key algorithms the subject key may use. */
  readonly keyAlgorithms: readonly SignatureAlgorithm[];
}

const ALL_KEYS: readonly SignatureAlgorithm[] = [
  'ecdsa-p256-sha256',
  'ecdsa-p384-sha384',
  'ed25519',
];

/** The profiles and their rules. */
export const PROFILE_RULES: Readonly<Record<CertificateProfileId, ProfileRules>> = Object.freeze({
  'idevid-8021ar': { id: 'idevid-8021ar', eku: [OID.clientAuth], defaultValidityDays: 'no-expiry', maxValidityDays: 36_500, allowNoExpiry: true, keyAlgorithms: ALL_KEYS },
  'ldevid-mtls': { id: 'ldevid-mtls', eku: [OID.clientAuth], defaultValidityDays: 90, maxValidityDays: 397, allowNoExpiry: false, keyAlgorithms: ALL_KEYS },
  'matter-dac': { id: 'matter-dac', eku: undefined, defaultValidityDays: 'no-expiry', maxValidityDays: 36_500, allowNoExpiry: true, keyAlgorithms: ['ecdsa-p256-sha256'] },
  'tls-server': { id: 'tls-server', eku: [OID.serverAuth], defaultValidityDays: 365, maxValidityDays: 397, allowNoExpiry: false, keyAlgorithms: ALL_KEYS },
}); // prettier-ignore

/** The subject, SAN, extensions and validity a request gets under its profile. @internal */
export interface LeafTemplate {
  readonly subject: readonly NameAttribute[];
  readonly extensions: readonly Extension[];
  readonly notBefore: Date;
  readonly notAfter: Date;
}

const policy = (message: string, details?: Record<string, unknown>) =>
  new IdentityError('IDENTITY_POLICY_VIOLATION', message, details ? { details } : {});

/**
 * Refuses a request its profile does not allow: a key algorithm it does not accept, or a field
 * it needs that is missing. Shared by the generic and the fast issuance paths.
 * @throws {IdentityError} IDENTITY_POLICY_VIOLATION
 * @internal
 */
export function checkLeafRequest(request: IssueRequest, keyAlgorithm: SignatureAlgorithm): void {
  const rules = PROFILE_RULES[request.profile];
  if (!rules.keyAlgorithms.includes(keyAlgorithm)) {
    throw policy(`profile ${rules.id} does not accept ${keyAlgorithm} keys`);
  }
  if (request.noExpiry === true && !rules.allowNoExpiry) throw policy(`profile ${rules.id} needs an expiry date`);
  if (request.noExpiry !== true && request.validityDays !== undefined && request.validityDays > rules.maxValidityDays) {
    throw policy(`profile ${rules.id} allows at most ${rules.maxValidityDays} days`);
  }
  if (request.profile === 'idevid-8021ar' && request.hardwareModuleType === undefined) throw policy('idevid-8021ar needs hardwareModuleType (the hwType OID of RFC 4108)');
  if (request.profile === 'matter-dac' && (request.vendorId === undefined || request.productId === undefined)) throw policy('matter-dac needs vendorId and productId');
  if (request.profile === 'tls-server' && request.dnsNames === undefined) throw policy('tls-server needs dnsNames');
} // prettier-ignore

/** notBefore (one minute of clock skew, whole seconds) and notAfter of a checked request. @internal */
export function leafValidity(request: IssueRequest, now: Date): { notBefore: Date; notAfter: Date } {
  const rules = PROFILE_RULES[request.profile];
  const notBefore = new Date(Math.floor(now.getTime() / 1000) * 1000 - 60_000);
  const days = request.noExpiry === true ? 'no-expiry' : (request.validityDays ?? rules.defaultValidityDays);
  return { notBefore, notAfter: days === 'no-expiry' ? NO_EXPIRY : new Date(notBefore.getTime() + days * DAY_MS) };
} // prettier-ignore

/** The subject of a checked request, one attribute per RDN, in the order written. @internal */
export function leafSubject(request: IssueRequest, organization: string): NameAttribute[] {
  const subject: NameAttribute[] = [{ type: OID.organization, value: organization }];
  if (request.product !== undefined) subject.push({ type: OID.organizationalUnit, value: request.product });
  if (request.profile === 'matter-dac') subject.push({ type: OID.matterVendorId, value: request.vendorId ?? '' }, { type: OID.matterProductId, value: request.productId ?? '' });
  subject.push(
    { type: OID.commonName, value: request.profile === 'tls-server' ? (request.dnsNames?.[0] ?? request.serial) : request.serial },
    { type: OID.serialNumber, value: request.serial, printable: true },
  );
  return subject;
} // prettier-ignore

/**
 * Applies a profile to a request. Anything the request may not choose comes from the profile.
 * @throws {IdentityError} IDENTITY_POLICY_VIOLATION when the request asks for what the profile forbids
 * @internal
 */
export function leafTemplate(
  request: IssueRequest,
  organization: string,
  keyAlgorithm: SignatureAlgorithm,
  now: Date,
): LeafTemplate {
  checkLeafRequest(request, keyAlgorithm);
  const rules = PROFILE_RULES[request.profile];
  const extensions: Extension[] = [basicConstraints(false), keyUsage(['digitalSignature'])];
  if (rules.eku) extensions.push(extendedKeyUsage(rules.eku));
  if (request.profile === 'idevid-8021ar') extensions.push(subjectAltName([hardwareModuleGeneralName(request.hardwareModuleType ?? '', request.serial)]));
  if (request.profile === 'tls-server') extensions.push(subjectAltName((request.dnsNames ?? []).map((dNSName) => new GeneralName({ dNSName }))));
  return { subject: leafSubject(request, organization), extensions, ...leafValidity(request, now) };
} // prettier-ignore
