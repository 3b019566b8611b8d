import type { SignatureAlgorithm } from '@cra-kit/core';
import { hash } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { signatureAlgorithmIdentifier } from '../asn1/algorithms.js';
import type { NameAttribute } from '../asn1/names.js';
import { OID } from '../asn1/oids.js';
import { issuerOf } from '../cert/issue.js';
import {
  authorityKeyIdentifier,
  basicConstraints,
  extendedKeyUsage,
  keyUsage,
} from '../cert/extensions.js';
import { PROFILE_RULES } from '../cert/profiles.js';
import type { CertificateProfileId, IssueRequest } from '../cert/request.js';
import { derLength, derOid, derString, derTime, tlv } from './der.js';
import type { DerWriter } from './der-writer.js';

/**
 * A TBSCertificate pre-encoded once per (issuing CA, profile, signature algorithm): everything
 * but the holes for serial, validity, subject, SPKI, SKI and (802.1AR, tls-server) the SAN,
 * which {@link fillTbs} fills per certificate with length-correct DER. The constant parts are
 * serialised by `@peculiar/asn1-x509` itself, so only the holes are encoded here. @internal
 */
export interface TbsTemplate {
  readonly profile: CertificateProfileId;
  readonly organization: string;
  readonly issuerKeyId: Uint8Array;
  /** `[0] v3 ‖` (before the serial). */
  readonly head: Uint8Array;
  /** `signature AlgorithmIdentifier ‖ issuer Name` (between serial and validity). */
  readonly signatureAndIssuer: Uint8Array;
  /** The signature AlgorithmIdentifier alone (for the outer Certificate). */
  readonly signatureAlgorithm: Uint8Array;
  /** basicConstraints ‖ keyUsage ‖ extKeyUsage (before the SAN hole). */
  readonly fixedExtensions: Uint8Array;
  /** authorityKeyIdentifier (after the SKI hole). */
  readonly authorityKeyId: Uint8Array;
}

const bytes = (value: object) => new Uint8Array(AsnConvert.serialize(value));
const concat = (parts: readonly Uint8Array[]) => Buffer.concat(parts);

/** Builds the template for certificates of `profile` signed by `caCertificate`'s key. @internal */
export function createTbsTemplate(caCertificate: Uint8Array, profile: CertificateProfileId, algorithm: SignatureAlgorithm): TbsTemplate {
  const issuer = issuerOf(caCertificate);
  const rules = PROFILE_RULES[profile];
  const signatureAlgorithm = bytes(signatureAlgorithmIdentifier(algorithm));
  const fixed = [basicConstraints(false), keyUsage(['digitalSignature']), ...(rules.eku ? [extendedKeyUsage(rules.eku)] : [])];
  return {
    profile,
    organization: issuer.organization,
    issuerKeyId: issuer.keyId,
    head: Uint8Array.of(0xa0, 0x03, 0x02, 0x01, 0x02),
    signatureAndIssuer: concat([signatureAlgorithm, bytes(issuer.subject)]),
    signatureAlgorithm,
    fixedExtensions: concat(fixed.map(bytes)),
    authorityKeyId: bytes(authorityKeyIdentifier(issuer.keyId)),
  };
} // prettier-ignore

/** What one certificate puts into the holes. @internal */
export interface TbsFields {
  readonly serial: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly subject: readonly NameAttribute[];
  /** DER SubjectPublicKeyInfo, exactly as it will appear. */
  readonly spki: Uint8Array;
  /** Offset of the subjectPublicKey bits inside `spki` (after the BIT STRING's unused-bits octet). */
  readonly publicKeyAt: number;
  readonly request: IssueRequest;
}

const OID_SAN = derOid(OID.subjectAltName);
const OID_HW_MODULE_NAME = derOid(OID.hardwareModuleName);
// SEQUENCE { OID subjectKeyIdentifier, OCTET STRING { OCTET STRING (20) } }, before the key id.
const SKI_HEADER = Uint8Array.of(0x30, 0x1d, 0x06, 0x03, 0x55, 0x1d, 0x0e, 0x04, 0x16, 0x04, 0x14);
const oids = new Map<string, Uint8Array>();
const oidOf = (dotted: string) => {
  let der = oids.get(dotted);
  if (der === undefined) {
    if (oids.size >= 256) oids.clear();
    oids.set(dotted, (der = derOid(dotted)));
  }
  return der;
};

// One attribute per RDN, PrintableString where asked and UTF8String otherwise (as buildName does).
const rdn = (a: NameAttribute) =>
  tlv(0x31, tlv(0x30, oidOf(a.type), derString(a.printable ? 0x13 : 0x0c, a.value)));

// RDNs that repeat from certificate to certificate (O, OU, Matter ids) are encoded once; the
// cache is bounded so per-device values cannot grow it.
const rdnCache = new Map<string, Uint8Array>();
function cachedRdn(a: NameAttribute): Uint8Array {
  const key = `${a.type}\u0000${a.printable === true ? 'p' : 'u'}\u0000${a.value}`;
  let der = rdnCache.get(key);
  if (der === undefined) {
    if (rdnCache.size >= 256) rdnCache.clear();
    rdnCache.set(key, (der = rdn(a)));
  }
  return der;
}

// Consecutive certificates share notBefore/notAfter to the second: keep the last encodings.
let lastTimes: { at: number; der: Uint8Array }[] = [];
function cachedTime(date: Date): Uint8Array {
  const at = date.getTime();
  const hit = lastTimes.find((t) => t.at === at);
  if (hit !== undefined) return hit.der;
  const der = derTime(date);
  lastTimes = [{ at, der }, ...lastTimes.slice(0, 3)];
  return der;
}

// An attribute whose value is the device serial (schema-checked ASCII) is written in place;
// the others come from the cache.
function writeRdn(w: DerWriter, a: NameAttribute, serial: string) {
  if (a.value !== serial) {
    w.bytes(cachedRdn(a));
    return;
  }
  const rdnMark = w.mark();
  w.ascii(a.value);
  w.wrap(a.printable ? 0x13 : 0x0c, rdnMark);
  w.bytes(oidOf(a.type));
  w.wrap(0x30, rdnMark);
  w.wrap(0x31, rdnMark);
}

// SubjectAltName of the profiles that carry one: RFC 4108 hardwareModuleName, or DNS names.
function writeSan(w: DerWriter, request: IssueRequest) {
  if (request.profile !== 'idevid-8021ar' && request.profile !== 'tls-server') return;
  const ext = w.mark();
  if (request.profile === 'idevid-8021ar') {
    w.ascii(request.serial);
    w.wrap(0x04, ext);
    w.bytes(oidOf(request.hardwareModuleType ?? ''));
    w.wrap(0x30, ext);
    w.wrap(0xa0, ext);
    w.bytes(OID_HW_MODULE_NAME);
    w.wrap(0xa0, ext);
  } else {
    for (const dns of [...(request.dnsNames ?? [])].reverse()) {
      const name = w.mark();
      w.ascii(dns);
      w.wrap(0x82, name);
    }
  }
  w.wrap(0x30, ext);
  w.wrap(0x04, ext);
  w.bytes(OID_SAN);
  w.wrap(0x30, ext);
}

/**
 * Writes the DER TBSCertificate for `fields` into `w` (byte-identical to the generic path's)
 * and returns a view of it, valid until `w` is used again. @internal
 */
export function fillTbs(w: DerWriter, template: TbsTemplate, fields: TbsFields): Uint8Array {
  const tbs = w.reset();
  const extensions = w.mark();
  w.bytes(template.authorityKeyId);
  // RFC 7093 §2 method 1, as keyIdentifier() computes it on the generic path.
  w.bytes(hash('sha256', fields.spki.subarray(fields.publicKeyAt), 'buffer').subarray(0, 20));
  w.bytes(SKI_HEADER);
  writeSan(w, fields.request);
  w.bytes(template.fixedExtensions);
  w.wrap(0x30, extensions);
  w.wrap(0xa3, extensions);
  w.bytes(fields.spki);
  const subject = w.mark();
  for (let i = fields.subject.length - 1; i >= 0; i--) writeRdn(w, fields.subject[i] as NameAttribute, fields.request.serial);
  w.wrap(0x30, subject);
  const validity = w.mark();
  w.bytes(cachedTime(fields.notAfter));
  w.bytes(cachedTime(fields.notBefore));
  w.wrap(0x30, validity);
  w.bytes(template.signatureAndIssuer);
  const serial = w.mark();
  w.bytes(fields.serial);
  w.wrap(0x02, serial);
  w.bytes(template.head);
  w.wrap(0x30, tbs);
  return w.view(tbs);
} // prettier-ignore

/** `Certificate ::= SEQUENCE { tbs, signatureAlgorithm, BIT STRING signature }`, one allocation. @internal */
export function certificateDer(template: TbsTemplate, tbs: Uint8Array, signature: Uint8Array): Uint8Array {
  const bitString = derLength(signature.length + 1);
  const body = tbs.length + template.signatureAlgorithm.length + 1 + bitString.length + 1 + signature.length;
  const length = derLength(body);
  const out = new Uint8Array(1 + length.length + body);
  let at = 0;
  const put = (b: Uint8Array) => {
    out.set(b, at);
    at += b.length;
  };
  out[at++] = 0x30;
  put(length);
  put(tbs);
  put(template.signatureAlgorithm);
  out[at++] = 0x03;
  put(bitString);
  out[at++] = 0x00;
  put(signature);
  return out;
} // prettier-ignore
