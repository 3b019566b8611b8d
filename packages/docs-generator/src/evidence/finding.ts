/** Codes of evidence findings: problems found in a bundle, reported rather than thrown. */
export const EVIDENCE_FINDING_CODES = {
  /** The file listed in the manifest does not exist or cannot be read. */
  EVIDENCE_MISSING: 'EVIDENCE_MISSING',
  /** The file's SHA-256 differs from the one in the manifest. */
  EVIDENCE_HASH_MISMATCH: 'EVIDENCE_HASH_MISMATCH',
  /** The manifest gives no SHA-256 for the file; the computed one is used. */
  EVIDENCE_UNPINNED: 'EVIDENCE_UNPINNED',
  /** The file is not in the format its kind requires. */
  EVIDENCE_FORMAT_UNRECOGNISED: 'EVIDENCE_FORMAT_UNRECOGNISED',
  /** The file is in the right format but its content fails a check. */
  EVIDENCE_INVALID: 'EVIDENCE_INVALID',
  /** The file has passed its expiry date (security.txt Expires, TUF root expires). */
  EVIDENCE_EXPIRED: 'EVIDENCE_EXPIRED',
  /** The test report records failing tests. */
  EVIDENCE_TESTS_FAILED: 'EVIDENCE_TESTS_FAILED',
  /** The file is too large to be checked in memory. */
  EVIDENCE_TOO_LARGE: 'EVIDENCE_TOO_LARGE',
} as const;

/** One of {@link EVIDENCE_FINDING_CODES}. */
export type EvidenceFindingCode =
  (typeof EVIDENCE_FINDING_CODES)[keyof typeof EVIDENCE_FINDING_CODES];

/** A problem with one evidence file. Errors make the file unusable; warnings do not. */
export interface EvidenceFinding {
  readonly code: EvidenceFindingCode;
  readonly severity: 'error' | 'warning';
  /** The path as written in the manifest. */
  readonly path: string;
  readonly message: string;
}
