/**
 * The attempts tables, one per rate limit (each prunes rows older than its own window, so two
 * limits must not share one), with the first key of each table's PostgreSQL advisory lock.
 * Table names reach SQL text: only these.
 */
export const ATTEMPT_TABLES = {
  /** Bootstrap-token redemptions per client address (EST enrollment). */
  enrollment_attempts: 7_340_111,
  /** Vulnerability reports per source address. */
  report_attempts: 7_340_112,
} as const;

export type AttemptTable = keyof typeof ATTEMPT_TABLES;
