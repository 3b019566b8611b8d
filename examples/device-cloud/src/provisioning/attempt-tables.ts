import type { Migration } from '../db/migrations.js';

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

/** The migration that creates `table` (times are ms since the epoch) on either back end. */
export function attemptTableMigration(id: string, table: AttemptTable): Migration {
  const ddl = (time: string) => `
      CREATE TABLE ${table} (client_id TEXT NOT NULL, at ${time} NOT NULL);
      CREATE INDEX ${table}_client ON ${table}(client_id, at);
      CREATE INDEX ${table}_at ON ${table}(at);`;
  return { id, up: ddl('INTEGER'), postgres: ddl('BIGINT') };
}
