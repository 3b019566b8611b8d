import type { EnrollmentAttempts } from '@cra-kit/identity';
import type Database from 'better-sqlite3';
import type { AttemptTable } from './attempt-tables.js';

/**
 * identity's {@link EnrollmentAttempts} on one attempts table (one per limit: each prunes with
 * its own window). The count and the insert run in one transaction, and better-sqlite3 is the
 * file's only writer, so the check is atomic. Attempts older than the window are deleted on the way.
 */
export function createSqliteAttempts(db: Database.Database, table: AttemptTable): EnrollmentAttempts {
  const q = {
    prune: db.prepare(`DELETE FROM ${table} WHERE at <= ?`),
    recent: db.prepare<[string, number], { n: number; oldest: number | null }>(`SELECT count(*) AS n, min(at) AS oldest FROM ${table} WHERE client_id = ? AND at > ?`),
    insert: db.prepare(`INSERT INTO ${table} (client_id, at) VALUES (?, ?)`),
  };
  const take = db.transaction((clientId: string, now: number, attempts: number, windowMs: number) => {
    q.prune.run(now - windowMs);
    const { n, oldest } = q.recent.get(clientId, now - windowMs) ?? { n: 0, oldest: null };
    if (n >= attempts) return { allowed: false as const, retryAfterMs: windowMs - (now - (oldest ?? now)) };
    q.insert.run(clientId, now);
    return { allowed: true as const };
  });
  return {
    take(clientId, now, limit) {
      return Promise.resolve(take.immediate(clientId, now, limit.attempts, limit.windowMs));
    },
  };
} // prettier-ignore
