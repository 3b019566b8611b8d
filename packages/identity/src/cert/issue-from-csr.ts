import { secureRandom, systemClock, type Clock, type RandomSource } from '@cra-kit/core';
import { defaultIdentityConfig, type IdentityConfig } from '../config.js';
import { issueFromCsrFast } from '../fast/bulk-issuer.js';
import type { CaSigner, IssuedCertificate } from './issue.js';
import type { IssueRequestInput } from './request.js';

/**
 * The CSR flow: verifies the device's proof of possession, checks that the CSR's subject (if it
 * names one) is the device serial being certified, and issues under the profile. Nothing the CSR
 * asks for (CA bit, key usage, EKU, validity) is copied into the certificate. Runs on the fast
 * path of {@link createBulkIssuer} (templates cached per CA), whose output is byte-identical to
 * {@link verifyCsr} + {@link issueCertificate}.
 *
 * @throws {IdentityError} IDENTITY_CSR_MALFORMED, IDENTITY_CSR_SIGNATURE_INVALID,
 *   IDENTITY_KEY_UNSUPPORTED, IDENTITY_POLICY_VIOLATION, IDENTITY_PROFILE_LINT_FAILED
 * @example
 * ```ts
 * const issued = await issueFromCsr({ ca, csr: pemText, request: { profile: 'idevid-8021ar', serial: 'VS-0001', hardwareModuleType } });
 * ```
 */
export function issueFromCsr(options: {
  ca: CaSigner;
  csr: string | Uint8Array;
  request: IssueRequestInput;
  config?: IdentityConfig;
  clock?: Clock;
  random?: RandomSource;
}): Promise<IssuedCertificate> {
  return issueFromCsrFast(options.ca, options.csr, options.request, {
    clock: options.clock ?? systemClock,
    random: options.random ?? secureRandom,
    config: options.config ?? defaultIdentityConfig,
  });
}
