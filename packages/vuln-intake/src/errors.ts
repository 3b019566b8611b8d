import { SdkError } from '@cra-kit/core';

/** The error codes `@cra-kit/vuln-intake` throws. Codes are public API. */
export const VULN_ERROR_CODES = {
  /** A case document, report or option did not match its schema. */
  VULN_INPUT_INVALID: 'VULN_INPUT_INVALID',
  /** The workflow does not allow moving a case from its state to the requested one. */
  VULN_TRANSITION_ILLEGAL: 'VULN_TRANSITION_ILLEGAL',
  /** A CVSS vector is malformed, incomplete or of an unsupported version. */
  VULN_CVSS_INVALID: 'VULN_CVSS_INVALID',
  /** A case with this id does not exist in the store. */
  VULN_CASE_NOT_FOUND: 'VULN_CASE_NOT_FOUND',
  /** A case was changed by someone else since it was read; nothing was written. */
  VULN_CASE_CONFLICT: 'VULN_CASE_CONFLICT',
  /** The case log does not verify: an entry was edited, removed, reordered or badly signed. */
  VULN_LOG_TAMPERED: 'VULN_LOG_TAMPERED',
  /** An optional peer dependency (better-sqlite3, pg) is not installed. */
  VULN_DEPENDENCY_MISSING: 'VULN_DEPENDENCY_MISSING',
  /** The storage back end failed; the write was rolled back. */
  VULN_STORAGE_FAILED: 'VULN_STORAGE_FAILED',
  /** An Art. 14 stage does not apply to this case (e.g. no awareness recorded yet). */
  VULN_STAGE_NOT_APPLICABLE: 'VULN_STAGE_NOT_APPLICABLE',
  /** A time zone name is not a valid IANA zone. */
  VULN_TIME_ZONE_INVALID: 'VULN_TIME_ZONE_INVALID',
} as const;

export type VulnErrorCode = (typeof VULN_ERROR_CODES)[keyof typeof VULN_ERROR_CODES];

/** An error thrown by `@cra-kit/vuln-intake`, with one of {@link VULN_ERROR_CODES}. */
export class VulnIntakeError extends SdkError<VulnErrorCode> {}
