import { systemClock, type Clock } from '@cra-kit/core';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  CRLNumber,
  CRLReason,
  CRLReasons,
  Extension,
  RevokedCertificate,
  TBSCertList,
  Time,
  Version,
} from '@peculiar/asn1-x509';
import { OID } from '../asn1/oids.js';
import { authorityKeyIdentifier, keyIdentifier } from '../cert/extensions.js';
import type { CaSigner } from '../cert/issue.js';
import { parseCertificateDer, signCertificateList } from '../cert/sign.js';
import type { RevocationEntry } from './revocation.js';

const ext = (extnID: string, value: object) =>
  new Extension({
    extnID,
    critical: false,
    extnValue: new OctetString(AsnConvert.serialize(value)),
  });

const serialBytes = (hex: string) => {
  const bytes = Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16));
  return bytes.buffer;
};

/**
 * Creates an RFC 5280 v2 CRL (DER) signed by `ca` through its Signer, with authorityKeyIdentifier,
 * cRLNumber, and a reason code on every entry that has one.
 * @example
 * ```ts
 * const crl = await createCrl({ ca: issuing, entries: revoked, crlNumber: 7 });
 * ```
 */
export async function createCrl(options: {
  ca: CaSigner;
  entries: readonly RevocationEntry[];
  /** Monotonically increasing CRL number. */
  crlNumber: number;
  /** Days until nextUpdate (default 7). */
  nextUpdateDays?: number;
  clock?: Clock;
}): Promise<Uint8Array> {
  const issuer = parseCertificateDer(options.ca.certificate).tbsCertificate;
  const now = (options.clock ?? systemClock).now();
  const thisUpdate = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const nextUpdate = new Date(thisUpdate.getTime() + (options.nextUpdateDays ?? 7) * 86_400_000);
  const revoked = options.entries.map(
    (e) =>
      new RevokedCertificate({
        userCertificate: serialBytes(e.serialNumber),
        revocationDate: new Time(new Date(e.revokedAt)),
        ...(e.reason === 'unspecified'
          ? {}
          : {
              crlEntryExtensions: [ext(OID.cRLReason, new CRLReason(CRLReasons[e.reason]))],
            }),
      }),
  );
  const tbs = new TBSCertList({
    version: Version.v2,
    issuer: issuer.subject,
    thisUpdate: new Time(thisUpdate),
    nextUpdate: new Time(nextUpdate),
    ...(revoked.length > 0 ? { revokedCertificates: revoked } : {}),
    crlExtensions: [
      authorityKeyIdentifier(keyIdentifier(issuer.subjectPublicKeyInfo)),
      ext(OID.cRLNumber, new CRLNumber(options.crlNumber)),
    ],
  });
  return signCertificateList(tbs, options.ca.signer);
}
