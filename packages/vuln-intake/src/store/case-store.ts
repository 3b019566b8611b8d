import type { Case } from '../case/case-schema.js';
import type { LogEntry } from '../log/case-log.js';

/** A case as stored, with the head of its log (the version for compare-and-set). */
export interface StoredCase {
  readonly case: Case;
  readonly head: { readonly seq: number; readonly hash: string };
}

/**
 * Where cases and their logs live. Every write is one transaction: the case document and the
 * log entry that explains it are stored together or not at all, and a write only succeeds
 * against the log head it was computed from. Implementations: {@link openSqliteCaseStore},
 * {@link openPostgresCaseStore}; all pass the same contract tests.
 */
export interface CaseStore {
  readonly specificationVersion: 'v1';
  /** Stores a new case with the first entry of its log. */
  create(kase: Case, first: LogEntry): Promise<void>;
  /**
   * Replaces a case and appends `entry`, only if the log head is still `entry.prevHash`.
   * @throws {VulnIntakeError} VULN_CASE_CONFLICT (nothing written), VULN_CASE_NOT_FOUND
   */
  update(kase: Case, entry: LogEntry): Promise<void>;
  get(id: string): Promise<StoredCase | undefined>;
  /** Every case, oldest first. */
  list(): Promise<Case[]>;
  /** The log of one case, in order. */
  log(id: string): Promise<LogEntry[]>;
  close(): Promise<void>;
}
