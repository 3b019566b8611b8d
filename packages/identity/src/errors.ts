import { SdkError } from '@cra-kit/core';

/** Error codes of `@cra-kit/identity`. Codes are public API; messages are not. */
export const IDENTITY_ERROR_CODES = {
  /** The bytes are not a PKCS#10 certification request (bad DER/PEM, trailing data, too large). */
  IDENTITY_CSR_MALFORMED: 'IDENTITY_CSR_MALFORMED',
  /** The CSR's self-signature does not verify: no proof of possession of the private key. */
  IDENTITY_CSR_SIGNATURE_INVALID: 'IDENTITY_CSR_SIGNATURE_INVALID',
  /** The key type is not P-256, P-384 or Ed25519 (e.g. RSA, another curve). */
  IDENTITY_KEY_UNSUPPORTED: 'IDENTITY_KEY_UNSUPPORTED',
  /** The request asks for something the profile does not allow (CA bit, EKU, subject, size). */
  IDENTITY_POLICY_VIOLATION: 'IDENTITY_POLICY_VIOLATION',
  /** The certificate about to be signed breaks its profile or RFC 5280; nothing was signed. */
  IDENTITY_PROFILE_LINT_FAILED: 'IDENTITY_PROFILE_LINT_FAILED',
  /** The request or options do not match their schema. */
  IDENTITY_INPUT_INVALID: 'IDENTITY_INPUT_INVALID',
  /** A certificate for this device serial was issued already (rerun-safe issuance). */
  IDENTITY_SERIAL_ALREADY_ISSUED: 'IDENTITY_SERIAL_ALREADY_ISSUED',
  /** No CA at the given directory, or one of its files is missing or damaged. */
  IDENTITY_CA_NOT_FOUND: 'IDENTITY_CA_NOT_FOUND',
  /** A CA exists already where a new one would be created. */
  IDENTITY_CA_EXISTS: 'IDENTITY_CA_EXISTS',
  /** An encrypted key file cannot be opened: wrong passphrase or tampered file. */
  IDENTITY_KEY_DECRYPTION_FAILED: 'IDENTITY_KEY_DECRYPTION_FAILED',
  /** A certificate does not chain to the trusted CA, or its signature is wrong. */
  IDENTITY_CERT_UNTRUSTED: 'IDENTITY_CERT_UNTRUSTED',
  /** The certificate is revoked. */
  IDENTITY_CERT_REVOKED: 'IDENTITY_CERT_REVOKED',
  /** The certificate is outside its validity period. */
  IDENTITY_CERT_EXPIRED: 'IDENTITY_CERT_EXPIRED',
  /** The certificate is not a device (end-entity, clientAuth) certificate, e.g. a CA. */
  IDENTITY_CERT_NOT_DEVICE: 'IDENTITY_CERT_NOT_DEVICE',
  /** The certificate bytes cannot be parsed. */
  IDENTITY_CERT_MALFORMED: 'IDENTITY_CERT_MALFORMED',
  /** A bootstrap token is unknown, used already, or expired. */
  IDENTITY_ENROLLMENT_DENIED: 'IDENTITY_ENROLLMENT_DENIED',
  /** Too many enrollment attempts from one client in the window. */
  IDENTITY_RATE_LIMITED: 'IDENTITY_RATE_LIMITED',
  /** A password does not match its stored hash. */
  IDENTITY_PASSWORD_MISMATCH: 'IDENTITY_PASSWORD_MISMATCH',
  /** The optional `pkcs11js` peer dependency is not installed. */
  IDENTITY_PKCS11_UNAVAILABLE: 'IDENTITY_PKCS11_UNAVAILABLE',
  /** The PKCS#11 module refused an operation (login, key lookup, signing). */
  IDENTITY_PKCS11_FAILED: 'IDENTITY_PKCS11_FAILED',
} as const;

export type IdentityErrorCode = (typeof IDENTITY_ERROR_CODES)[keyof typeof IDENTITY_ERROR_CODES];

/** An error thrown by `@cra-kit/identity`, with one of {@link IDENTITY_ERROR_CODES}. */
export class IdentityError extends SdkError<IdentityErrorCode> {}
