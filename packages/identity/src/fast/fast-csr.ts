import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { SignatureAlgorithm } from '@cra-kit/core';
import { AsnConvert } from '@peculiar/asn1-schema';
import { BasicConstraints, Extensions } from '@peculiar/asn1-x509';
import { OID } from '../asn1/oids.js';
import type { IdentityConfig } from '../config.js';
import type { VerifiedCsr } from '../csr/parse-csr.js';
import { readTlv, sameBytes, type Tlv } from './der.js';

/**
 * The shapes of SubjectPublicKeyInfo and signature AlgorithmIdentifier the fast path accepts,
 * byte for byte (RFC 5480, RFC 5758, RFC 8410). Anything else goes to the generic path.
 */
const hex = (h: string) => Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16));
const KEYS = [
  { algorithm: 'ecdsa-p256-sha256', spkiPrefix: hex('3059301306072a8648ce3d020106082a8648ce3d03010703420004'), point: 32, sigAlg: hex('300a06082a8648ce3d040302'), hash: 'sha256', crv: 'P-256' },
  { algorithm: 'ecdsa-p384-sha384', spkiPrefix: hex('3076301006072a8648ce3d020106052b8104002203620004'), point: 48, sigAlg: hex('300a06082a8648ce3d040303'), hash: 'sha384', crv: 'P-384' },
  { algorithm: 'ed25519', spkiPrefix: hex('302a300506032b6570032100'), point: 0, sigAlg: hex('300506032b6570'), hash: null, crv: 'Ed25519' },
] as const satisfies readonly { algorithm: SignatureAlgorithm; [k: string]: unknown }[]; // prettier-ignore
type KeyShape = (typeof KEYS)[number];
const spkiLength = (k: KeyShape) => k.spkiPrefix.length + (k.point === 0 ? 32 : 2 * k.point);

/**
 * The key algorithm of a DER SubjectPublicKeyInfo in one of the exact shapes above, and where its
 * subjectPublicKey bits start (the point's 0x04 for EC keys); `undefined` for anything else. @internal
 */
export function spkiShapeOf(spki: Uint8Array): { algorithm: SignatureAlgorithm; publicKeyAt: number } | undefined {
  const k = KEYS.find((s) => spki.length === spkiLength(s) && sameBytes(spki, s.spkiPrefix));
  return k === undefined ? undefined : { algorithm: k.algorithm, publicKeyAt: k.point === 0 ? k.spkiPrefix.length : k.spkiPrefix.length - 1 };
} // prettier-ignore

const CN = hex('550403');
const SERIAL_NUMBER = hex('550405');
const VERSION_0 = hex('020100');
// PKCS#9 extensionRequest, 1.2.840.113549.1.9.14 (contents octets).
const EXTENSION_REQUEST = hex('2a864886f70d01090e');
const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/**
 * The fast path's CSR check: a strict walk over only the fields issuance needs, then the
 * proof-of-possession signature checked with node:crypto. It answers `undefined` for anything
 * outside the common shape (attributes other than extensionRequest, a requested CA bit, other
 * string types, multi-valued RDNs, odd encodings, a signature that fails): the caller then runs {@link verifyCsr}, which decides and throws the
 * typed error. So the fast path only ever accepts what the generic path accepts too (the
 * property tests hold it to that). @internal
 */
export function fastVerifyCsr(der: Uint8Array, config: Pick<IdentityConfig, 'maxCsrBytes' | 'maxSubjectBytes'>): VerifiedCsr | undefined {
  if (der.length > config.maxCsrBytes) return undefined;
  const outer = readTlv(der, 0, der.length);
  if (outer?.tag !== 0x30 || outer.end !== der.length) return undefined;
  const info = readTlv(der, outer.body, outer.end);
  if (info?.tag !== 0x30) return undefined;
  const sigAlg = readTlv(der, info.end, outer.end);
  const sig = readTlv(der, sigAlg?.end ?? outer.end, outer.end);
  if (sigAlg?.tag !== 0x30 || sig?.tag !== 0x03 || sig.end !== outer.end || der[sig.body] !== 0) return undefined;
  const version = readTlv(der, info.body, info.end);
  if (version === undefined || version.end - version.start !== 3 || !sameBytes(der, VERSION_0, version.start)) return undefined;
  const subject = readTlv(der, version.end, info.end);
  const spki = readTlv(der, subject?.end ?? info.end, info.end);
  const attributes = readTlv(der, spki?.end ?? info.end, info.end);
  if (subject?.tag !== 0x30 || spki?.tag !== 0x30 || attributes?.tag !== 0xa0 || attributes.end !== info.end) return undefined;
  const requestedExtensions = requestedExtensionsOf(der, attributes);
  if (requestedExtensions === undefined) return undefined;
  if (subject.end - subject.start > config.maxSubjectBytes) return undefined;
  const shape = KEYS.find((k) => spki.end - spki.start === spkiLength(k) && sameBytes(der, k.spkiPrefix, spki.start));
  if (shape === undefined || sigAlg.end - sigAlg.start !== shape.sigAlg.length || !sameBytes(der, shape.sigAlg, sigAlg.start)) return undefined;
  const names = subjectNames(der, subject);
  if (names === undefined) return undefined;
  const key = publicKeyOf(der, spki, shape);
  if (key === undefined) return undefined;
  const data = der.subarray(info.start, info.end);
  const signature = der.subarray(sig.body + 1, sig.end);
  let valid = false;
  try {
    valid = verify(shape.hash, data, key, signature);
  } catch {
    return undefined;
  }
  if (!valid) return undefined;
  return { subjectPublicKey: der.slice(spki.start, spki.end), keyAlgorithm: shape.algorithm, commonName: names.commonName, serialNumber: names.serialNumber, requestedExtensions };
} // prettier-ignore

// JWK import builds the key from its coordinates directly, about twice as fast as decoding SPKI
// DER through OpenSSL 3's decoder chain; it still refuses a point that is not on the curve.
function publicKeyOf(der: Uint8Array, spki: Tlv, shape: KeyShape): KeyObject | undefined {
  const b64 = (from: number, to: number) => Buffer.from(der.buffer, der.byteOffset + from, to - from).toString('base64url');
  const at = spki.start + shape.spkiPrefix.length;
  try {
    if (shape.point === 0) return createPublicKey({ key: { kty: 'OKP', crv: shape.crv, x: b64(at, spki.end) }, format: 'jwk' });
    return createPublicKey({ key: { kty: 'EC', crv: shape.crv, x: b64(at, at + shape.point), y: b64(at + shape.point, spki.end) }, format: 'jwk' });
  } catch {
    return undefined;
  }
} // prettier-ignore

// CN and serialNumber of a Name whose every RDN holds one attribute with a well-formed OID and
// a UTF8String or PrintableString value; `undefined` otherwise.
function subjectNames(der: Uint8Array, name: Tlv): { commonName: string | undefined; serialNumber: string | undefined } | undefined {
  let commonName: string | undefined;
  let serialNumber: string | undefined;
  for (let at = name.body; at < name.end; ) {
    const rdn = readTlv(der, at, name.end);
    if (rdn?.tag !== 0x31) return undefined;
    const atv = readTlv(der, rdn.body, rdn.end);
    if (atv?.tag !== 0x30 || atv.end !== rdn.end) return undefined;
    const type = readTlv(der, atv.body, atv.end);
    if (type?.tag !== 0x06 || !wellFormedOid(der, type)) return undefined;
    const value = readTlv(der, type.end, atv.end);
    if (value === undefined || value.end !== atv.end) return undefined;
    const bytes = der.subarray(value.body, value.end);
    let text: string;
    if (value.tag === 0x0c) {
      try {
        text = utf8.decode(bytes);
      } catch {
        return undefined;
      }
    } else if (value.tag === 0x13) {
      text = latin1.decode(bytes);
      if (!PRINTABLE.test(text)) return undefined;
    } else return undefined;
    const oidBody = der.subarray(type.body, type.end);
    if (commonName === undefined && sameBytes(oidBody, CN) && oidBody.length === CN.length) commonName = text;
    if (serialNumber === undefined && sameBytes(oidBody, SERIAL_NUMBER) && oidBody.length === SERIAL_NUMBER.length) serialNumber = text;
    at = rdn.end;
  }
  return { commonName, serialNumber };
} // prettier-ignore

// The OIDs of the extensions an extensionRequest attribute (PKCS#9) asks for, parsed with
// @peculiar/asn1-x509 and required to re-encode to the same bytes; `undefined` for any other
// attribute, a requested CA bit (the generic path refuses it with its code), or a doubt.
function requestedExtensionsOf(der: Uint8Array, attributes: Tlv): string[] | undefined {
  const oids: string[] = [];
  for (let at = attributes.body; at < attributes.end; ) {
    const attribute = readTlv(der, at, attributes.end);
    if (attribute?.tag !== 0x30) return undefined;
    const type = readTlv(der, attribute.body, attribute.end);
    const values = readTlv(der, type?.end ?? attribute.end, attribute.end);
    if (type?.tag !== 0x06 || values?.tag !== 0x31 || values.end !== attribute.end) return undefined;
    if (type.end - type.body !== EXTENSION_REQUEST.length || !sameBytes(der, EXTENSION_REQUEST, type.body)) return undefined;
    for (let v = values.body; v < values.end; ) {
      const value = readTlv(der, v, values.end);
      if (value?.tag !== 0x30) return undefined;
      const bytes = der.subarray(value.start, value.end);
      let extensions: Extensions;
      try {
        extensions = AsnConvert.parse(bytes, Extensions);
        if (Buffer.compare(new Uint8Array(AsnConvert.serialize(extensions)), bytes) !== 0) return undefined;
        for (const e of extensions) {
          if (e.extnID === OID.basicConstraints && AsnConvert.parse(e.extnValue, BasicConstraints).cA) return undefined;
          oids.push(e.extnID);
        }
      } catch {
        return undefined;
      }
      v = value.end;
    }
    at = attribute.end;
  }
  return oids;
} // prettier-ignore

// X.690 §8.19: at least one octet, no 0x80 padding at the start of a sub-identifier, last
// octet ends a sub-identifier.
function wellFormedOid(der: Uint8Array, oid: Tlv): boolean {
  if (oid.end === oid.body || ((der[oid.end - 1] as number) & 0x80) !== 0) return false;
  for (let i = oid.body; i < oid.end; i++) {
    if (der[i] === 0x80 && (i === oid.body || ((der[i - 1] as number) & 0x80) === 0)) return false;
  }
  return true;
}
