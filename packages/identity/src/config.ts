/**
 * Limits and defaults every function of this package applies unless told otherwise. Override a
 * field by passing `{ ...defaultIdentityConfig, maxCsrBytes: 8192 }` where a function takes `config`.
 */
export const defaultIdentityConfig: IdentityConfig = Object.freeze({
  /** Largest CSR accepted, DER or PEM (a P-384 CSR with a long subject is under 2 KiB). */
  maxCsrBytes: 16_384,
  /** Largest DER subject accepted in a CSR. */
  maxSubjectBytes: 1_024,
  /** Largest certificate accepted when verifying. */
  maxCertificateBytes: 16_384,
  /** scrypt cost for CA keys at rest (N = 2^17, r = 8, p = 1: about 128 MiB, as OWASP suggests). */
  keyFileScrypt: Object.freeze({ N: 2 ** 17, r: 8, p: 1 }),
  /** Validity of an `ldevid-mtls` certificate when none is asked for. */
  ldevidValidityDays: 90,
  /** Renew once this share of the lifetime has passed. */
  renewAfterFraction: 2 / 3,
});

/** Limits and defaults; see {@link defaultIdentityConfig}. */
export interface IdentityConfig {
  readonly maxCsrBytes: number;
  readonly maxSubjectBytes: number;
  readonly maxCertificateBytes: number;
  readonly keyFileScrypt: { readonly N: number; readonly r: number; readonly p: number };
  readonly ldevidValidityDays: number;
  readonly renewAfterFraction: number;
}
