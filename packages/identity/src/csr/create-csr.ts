import type { Signer } from '@cra-kit/core';
import { CertificationRequest, CertificationRequestInfo } from '@peculiar/asn1-csr';
import { AsnConvert } from '@peculiar/asn1-schema';
import { SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { signatureAlgorithmIdentifier } from '../asn1/algorithms.js';
import { buildName } from '../asn1/names.js';
import { OID } from '../asn1/oids.js';
import { toArrayBuffer } from '../cert/sign.js';

/**
 * Creates a PKCS#10 CSR (DER) for a device key: subject `CN=<serial>, serialNumber=<serial>`,
 * signed through the device's {@link Signer} (the key may stay in a secure element).
 * @example
 * ```ts
 * const { signer } = await generateSigningKey('ecdsa-p256-sha256');
 * const csr = await createCsr({ signer, serial: 'VS-0001' });
 * ```
 */
export async function createCsr(options: { signer: Signer; serial: string }): Promise<Uint8Array> {
  const info = new CertificationRequestInfo({
    version: 0,
    subject: buildName([
      { type: OID.commonName, value: options.serial },
      { type: OID.serialNumber, value: options.serial, printable: true },
    ]),
    subjectPKInfo: AsnConvert.parse(await options.signer.publicKey(), SubjectPublicKeyInfo),
  });
  const infoDer = AsnConvert.serialize(info);
  const signature = await options.signer.sign(new Uint8Array(infoDer));
  const csr = new CertificationRequest({
    certificationRequestInfo: info,
    signatureAlgorithm: signatureAlgorithmIdentifier(options.signer.algorithm),
    signature: toArrayBuffer(signature),
  });
  return new Uint8Array(AsnConvert.serialize(csr));
}
