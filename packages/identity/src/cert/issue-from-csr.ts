import type { Clock, RandomSource } from '@cra-kit/core';
import { defaultIdentityConfig, type IdentityConfig } from '../config.js';
import { verifyCsr } from '../csr/parse-csr.js';
import { IdentityError } from '../errors.js';
import { issueCertificate, type CaSigner, type IssuedCertificate } from './issue.js';
import { parseIssueRequest, type IssueRequestInput } from './request.js';

/**
 * The CSR flow: verifies the device's proof of possession, checks that the CSR's subject (if it
 * names one) is the device serial being certified, and issues under the profile. Nothing the CSR
 * asks for (CA bit, key usage, EKU, validity) is copied into the certificate.
 *
 * @throws {IdentityError} IDENTITY_CSR_MALFORMED, IDENTITY_CSR_SIGNATURE_INVALID,
 *   IDENTITY_KEY_UNSUPPORTED, IDENTITY_POLICY_VIOLATION, IDENTITY_PROFILE_LINT_FAILED
 * @example
 * ```ts
 * const issued = await issueFromCsr({ ca, csr: pemText, request: { profile: 'idevid-8021ar', serial: 'VS-0001', hardwareModuleType } });
 * ```
 */
export async function issueFromCsr(options: {
  ca: CaSigner;
  csr: string | Uint8Array;
  request: IssueRequestInput;
  config?: IdentityConfig;
  clock?: Clock;
  random?: RandomSource;
}): Promise<IssuedCertificate> {
  const request = parseIssueRequest(options.request);
  const csr = await verifyCsr(options.csr, options.config ?? defaultIdentityConfig);
  for (const [field, value] of [['serialNumber', csr.serialNumber], ['CN', csr.commonName]] as const) {
    if (value !== undefined && value !== request.serial && request.profile !== 'tls-server') {
      throw new IdentityError('IDENTITY_POLICY_VIOLATION', `CSR subject ${field} is not the device serial`, {
        details: { field },
      });
    }
  } // prettier-ignore
  return issueCertificate({
    ca: options.ca,
    subjectPublicKey: csr.subjectPublicKey,
    request,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
}
