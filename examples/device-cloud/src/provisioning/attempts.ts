import type { EnrollmentAttempts } from '@cra-kit/identity';
import type { CloudDatabase } from '../db/cloud-database.js';
import { createPostgresAttempts } from '../pg/enrollment-attempts.js';
import type { AttemptTable } from './attempt-tables.js';
import { createSqliteAttempts } from './sqlite-attempts.js';

/** Attempts counted in `table` of the cloud's database, so every instance on it shares one limit. */
export function openAttempts(db: CloudDatabase, table: AttemptTable): EnrollmentAttempts {
  return db.kind === 'sqlite' ? createSqliteAttempts(db.sqlite, table) : createPostgresAttempts(db.pool, table);
} // prettier-ignore

/** Enrollment attempts on the cloud's database (identity's `EnrollmentAttempts`). */
export const openEnrollmentAttempts = (db: CloudDatabase): EnrollmentAttempts =>
  openAttempts(db, 'enrollment_attempts');
