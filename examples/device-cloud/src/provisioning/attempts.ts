import type { EnrollmentAttempts } from '@cra-kit/identity';
import type { CloudDatabase } from '../db/cloud-database.js';
import { createPostgresEnrollmentAttempts } from '../pg/enrollment-attempts.js';
import { createSqliteEnrollmentAttempts } from './sqlite-attempts.js';

/** Enrollment attempts on the cloud's database, so every instance on it shares one rate limit. */
export function openEnrollmentAttempts(db: CloudDatabase): EnrollmentAttempts {
  return db.kind === 'sqlite'
    ? createSqliteEnrollmentAttempts(db.sqlite)
    : createPostgresEnrollmentAttempts(db.pool);
}
