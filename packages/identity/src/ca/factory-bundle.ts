import { generateSigningKey, parseWith, type SignatureAlgorithm } from '@cra-kit/core';
import { z } from 'zod';
import { toPem } from '../asn1/pem.js';
import { issueCertificate, type CaSigner, type IssuedCertificate } from '../cert/issue.js';
import type { IssueRequestInput } from '../cert/request.js';
import {
  EncryptedKeyFileSchema,
  decryptPrivateKey,
  encryptPrivateKey,
} from '../keys/encrypted-key.js';

/** What the factory line hands to one device: its certificate, chain and encrypted key. */
export const FactoryBundleSchema = z
  .object({
    schemaVersion: z.literal('cra-kit.factory-bundle/v1'),
    deviceSerial: z.string(),
    certificate: z.string().startsWith('-----BEGIN CERTIFICATE-----'),
    chain: z.string(),
    key: EncryptedKeyFileSchema,
  })
  .strict();

/** A factory bundle. */
export type FactoryBundle = z.infer<typeof FactoryBundleSchema>;

/**
 * The factory flow, for devices that cannot make their own key: generates the key pair on the
 * line, issues the certificate, and returns both in a bundle whose private key is encrypted under
 * a per-device transport passphrase (scrypt + AES-256-GCM). The plaintext key is wiped.
 * @example
 * ```ts
 * const { bundle } = await createFactoryBundle({ ca, chainPem, request: { serial: 'VS-0001' }, transportPassphrase });
 * ```
 */
export async function createFactoryBundle(options: {
  ca: CaSigner;
  chainPem: string;
  request: IssueRequestInput;
  transportPassphrase: string;
  keyAlgorithm?: SignatureAlgorithm;
  scrypt?: { N: number; r: number; p: number };
}): Promise<{ bundle: FactoryBundle; issued: IssuedCertificate }> {
  const key = await generateSigningKey(options.keyAlgorithm ?? 'ecdsa-p256-sha256');
  try {
    const issued = await issueCertificate({ ca: options.ca, subjectPublicKey: await key.signer.publicKey(), request: options.request });
    const encrypted = await encryptPrivateKey({ privateKeyPkcs8: key.privateKeyPkcs8, algorithm: key.signer.algorithm, keyId: key.signer.keyId, passphrase: options.transportPassphrase, ...(options.scrypt ? { scrypt: options.scrypt } : {}) });
    const bundle: FactoryBundle = { schemaVersion: 'cra-kit.factory-bundle/v1', deviceSerial: issued.deviceSerial, certificate: toPem(issued.certificate, 'CERTIFICATE'), chain: options.chainPem, key: encrypted };
    return { bundle, issued };
  } finally {
    key.privateKeyPkcs8.fill(0);
  }
} // prettier-ignore

/**
 * Opens a factory bundle on the device (or its programmer).
 * @throws {ValidationError} CORE_VALIDATION_FAILED for a malformed bundle
 * @throws {IdentityError} IDENTITY_KEY_DECRYPTION_FAILED for a wrong passphrase or a changed bundle
 */
export async function openFactoryBundle(bundle: unknown, transportPassphrase: string): Promise<{ deviceSerial: string; certificatePem: string; chainPem: string; privateKeyPkcs8: Uint8Array }> {
  const parsed = parseWith(FactoryBundleSchema, bundle, 'factory bundle');
  const privateKeyPkcs8 = await decryptPrivateKey(parsed.key, transportPassphrase);
  return { deviceSerial: parsed.deviceSerial, certificatePem: parsed.certificate, chainPem: parsed.chain, privateKeyPkcs8 };
} // prettier-ignore
