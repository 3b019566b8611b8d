import { sha256 } from '@noble/hashes/sha2.js';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AuthorityKeyIdentifier,
  BasicConstraints,
  ExtendedKeyUsage,
  Extension,
  KeyIdentifier,
  KeyUsage,
  KeyUsageFlags,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
  type GeneralName,
  type SubjectPublicKeyInfo,
} from '@peculiar/asn1-x509';
import { OID } from '../asn1/oids.js';

const extension = (extnID: string, critical: boolean, value: object) =>
  new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });

/**
 * Key identifier per RFC 7093 §2 method 1: the leftmost 160 bits of the SHA-256 of the
 * subjectPublicKey bits. @internal
 */
export function keyIdentifier(spki: SubjectPublicKeyInfo): Uint8Array {
  return sha256(new Uint8Array(spki.subjectPublicKey)).slice(0, 20);
}

/** @internal */
export const basicConstraints = (cA: boolean, pathLenConstraint?: number) =>
  extension(
    OID.basicConstraints,
    true,
    new BasicConstraints(pathLenConstraint === undefined ? { cA } : { cA, pathLenConstraint }),
  );

/** @internal */
export const keyUsage = (usages: readonly (keyof typeof KeyUsageFlags)[]) =>
  extension(OID.keyUsage, true, new KeyUsage(usages.reduce((f, u) => f | KeyUsageFlags[u], 0)));

/** @internal */
export const extendedKeyUsage = (purposes: readonly string[]) =>
  extension(OID.extKeyUsage, false, new ExtendedKeyUsage([...purposes]));

/** @internal */
export const subjectKeyIdentifier = (id: Uint8Array) =>
  extension(OID.subjectKeyIdentifier, false, new SubjectKeyIdentifier(id));

/** @internal */
export const authorityKeyIdentifier = (id: Uint8Array) =>
  extension(
    OID.authorityKeyIdentifier,
    false,
    new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(id) }),
  );

/** RFC 5280 §4.2.1.6: critical when the subject is empty. @internal */
export const subjectAltName = (names: readonly GeneralName[], critical = false) =>
  extension(OID.subjectAltName, critical, new SubjectAlternativeName([...names]));
