import type { EnrollmentAttempts } from '@cra-kit/identity';
import type { Pool } from 'pg';
import { inTransaction, query } from './transaction.js';

/** First key of the per-client transaction lock (the second is the client's hash). */
const ATTEMPTS_LOCK_CLASS = 7_340_111;

/**
 * identity's {@link EnrollmentAttempts} on PostgreSQL's `enrollment_attempts` table, shared by
 * every instance on the database. A transaction-scoped advisory lock per client makes count and
 * insert one step across instances (READ COMMITTED alone would let two both see room). Expired
 * rows of the client go in that transaction; everyone's, at most once per window per instance.
 */
export function createPostgresEnrollmentAttempts(pool: Pool): EnrollmentAttempts {
  let prunedAt = Number.NEGATIVE_INFINITY;
  return {
    async take(clientId, now, limit) {
      const since = now - limit.windowMs;
      const decision = await inTransaction(pool, async (c) => {
        await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ATTEMPTS_LOCK_CLASS, clientId]);
        await c.query('DELETE FROM enrollment_attempts WHERE client_id = $1 AND at <= $2', [clientId, since]);
        const row = (await c.query<{ n: string; oldest: string | null }>('SELECT count(*) AS n, min(at) AS oldest FROM enrollment_attempts WHERE client_id = $1', [clientId])).rows[0];
        const n = Number(row?.n ?? 0);
        if (n >= limit.attempts) return { allowed: false as const, retryAfterMs: limit.windowMs - (now - Number(row?.oldest ?? now)) };
        await c.query('INSERT INTO enrollment_attempts (client_id, at) VALUES ($1, $2)', [clientId, now]);
        return { allowed: true as const };
      });
      if (now - prunedAt >= limit.windowMs) {
        prunedAt = now;
        await query(pool, 'DELETE FROM enrollment_attempts WHERE at <= $1', [since]);
      }
      return decision;
    },
  };
} // prettier-ignore
