import {
  CertificateChoices,
  CMSVersion,
  CertificateSet,
  ContentInfo,
  EncapsulatedContentInfo,
  SignedData,
  id_data,
  id_signedData,
} from '@peculiar/asn1-cms';
import { AsnConvert } from '@peculiar/asn1-schema';
import { IdentityError } from '../errors.js';
import { parseCertificateDer } from '../cert/sign.js';

/**
 * A certs-only CMS SignedData (RFC 7030 §4.2.3 `application/pkcs7-mime; smime-type=certs-only`)
 * carrying `certificates` (DER), as EST returns them. Returns DER.
 */
export function certsOnlyPkcs7(certificates: readonly Uint8Array[]): Uint8Array {
  const signedData = new SignedData({
    version: CMSVersion.v1,
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: id_data }),
    certificates: new CertificateSet(
      certificates.map((c) => new CertificateChoices({ certificate: parseCertificateDer(c) })),
    ),
  });
  const info = new ContentInfo({
    contentType: id_signedData,
    content: AsnConvert.serialize(signedData),
  });
  return new Uint8Array(AsnConvert.serialize(info));
}

/**
 * The certificates (DER) of a certs-only PKCS#7, e.g. an EST response read on the device.
 * @throws {IdentityError} IDENTITY_CERT_MALFORMED
 */
export function certificatesOfPkcs7(der: Uint8Array): Uint8Array[] {
  try {
    const info = AsnConvert.parse(der, ContentInfo);
    if (info.contentType !== id_signedData) throw new TypeError('not SignedData');
    const signed = AsnConvert.parse(info.content, SignedData);
    return [...(signed.certificates ?? new CertificateSet())].flatMap((c) => (c.certificate ? [new Uint8Array(AsnConvert.serialize(c.certificate))] : []));
  } catch (cause) {
    throw new IdentityError('IDENTITY_CERT_MALFORMED', 'not a certs-only PKCS#7', { cause });
  }
} // prettier-ignore
