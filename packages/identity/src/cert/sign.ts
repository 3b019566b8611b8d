import type { Signer } from '@cra-kit/core';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  Certificate,
  CertificateList,
  TBSCertificate,
  type TBSCertList,
} from '@peculiar/asn1-x509';
import { signatureAlgorithmIdentifier } from '../asn1/algorithms.js';

/**
 * The bridge from core's {@link Signer} to X.509: we serialise the TBSCertificate with
 * `@peculiar/asn1-x509`, hand those exact bytes to `signer.sign` (a key file, a KMS or an HSM),
 * and wrap the DER signature. No CryptoKey and no global crypto provider are involved, so any
 * Signer works. @internal
 */
export async function signCertificate(tbs: TBSCertificate, signer: Signer): Promise<Uint8Array> {
  tbs.signature = signatureAlgorithmIdentifier(signer.algorithm);
  const tbsDer = AsnConvert.serialize(tbs);
  const signature = await signer.sign(new Uint8Array(tbsDer));
  const certificate = new Certificate({
    tbsCertificate: tbs,
    tbsCertificateRaw: tbsDer,
    signatureAlgorithm: tbs.signature,
    signatureValue: toArrayBuffer(signature),
  });
  return new Uint8Array(AsnConvert.serialize(certificate));
}

/** Signs a TBSCertList the same way. @internal */
export async function signCertificateList(tbs: TBSCertList, signer: Signer): Promise<Uint8Array> {
  tbs.signature = signatureAlgorithmIdentifier(signer.algorithm);
  const tbsDer = AsnConvert.serialize(tbs);
  const signature = await signer.sign(new Uint8Array(tbsDer));
  const list = new CertificateList({
    tbsCertList: tbs,
    signatureAlgorithm: tbs.signature,
    signature: toArrayBuffer(signature),
  });
  return new Uint8Array(AsnConvert.serialize(list));
}

/** Parses DER into a Certificate. @internal */
export const parseCertificateDer = (der: Uint8Array) => AsnConvert.parse(der, Certificate);

/** @internal */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export { TBSCertificate };
