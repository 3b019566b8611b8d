import {
  generateSigningKey,
  parseWith,
  type Clock,
  type RandomSource,
  type SignatureAlgorithm,
} from '@cra-kit/core';
import { z } from 'zod';
import { KEY_ALGORITHMS } from '../asn1/algorithms.js';
import { toPem } from '../asn1/pem.js';
import { issueCertificate, type CaSigner, type IssuedCertificate } from './issue.js';
import type { IssueRequestInput } from './request.js';

const AlgorithmSchema = z.enum(
  Object.values(KEY_ALGORITHMS) as [SignatureAlgorithm, ...SignatureAlgorithm[]],
);

/** A fresh key pair and its certificate, as the PEM a TLS endpoint loads. */
export interface IssuedKeyPair {
  /** The private key, PKCS#8 PEM. A secret: keep it in memory or write it 0600. */
  readonly keyPem: string;
  /** The certificate, then the issuing CA's certificate: the chain a TLS endpoint sends. */
  readonly certificatePem: string;
  readonly issued: IssuedCertificate;
}

/**
 * Generates a key in software and issues a certificate for it under `request` — for the
 * endpoints around devices (a server, a broker, a service client) whose key may live in a file.
 * Device keys should be generated where they stay (on the device, in its secure element): use
 * {@link issueCertificate} or {@link issueFromCsr} for those. The key's bytes are zeroed once in PEM.
 *
 * @throws {ValidationError} CORE_VALIDATION_FAILED when `request` or `algorithm` is malformed
 * @throws {IdentityError} as {@link issueCertificate}
 * @example
 * ```ts
 * const { keyPem, certificatePem } = await issueKeyPair({ ca: caDir.issuing, request: { profile: 'tls-server', serial: 'broker-1', dnsNames: ['mqtt.example.com'] } });
 * ```
 */
export async function issueKeyPair(options: {
  ca: CaSigner;
  request: IssueRequestInput;
  /** Default `ecdsa-p256-sha256` (a CA directory's `config.algorithm` fits here). */
  algorithm?: SignatureAlgorithm;
  clock?: Clock;
  random?: RandomSource;
}): Promise<IssuedKeyPair> {
  const algorithm = parseWith(
    AlgorithmSchema.default('ecdsa-p256-sha256'),
    options.algorithm,
    'key algorithm',
  );
  const key = await generateSigningKey(algorithm);
  try {
    const issued = await issueCertificate({
      ca: options.ca,
      subjectPublicKey: await key.signer.publicKey(),
      request: options.request,
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.random ? { random: options.random } : {}),
    });
    return {
      keyPem: toPem(key.privateKeyPkcs8, 'PRIVATE KEY'),
      certificatePem:
        toPem(issued.certificate, 'CERTIFICATE') + toPem(options.ca.certificate, 'CERTIFICATE'),
      issued,
    };
  } finally {
    key.privateKeyPkcs8.fill(0);
  }
}
