import type { EnrollmentAttempts } from '@cra-kit/identity';
import type { Pool } from 'pg';
import { ATTEMPT_TABLES, type AttemptTable } from '../provisioning/attempt-tables.js';
import { inTransaction, query } from './transaction.js';

/**
 * identity's {@link EnrollmentAttempts} on one of PostgreSQL's attempts tables, shared by every
 * instance on the database. A transaction-scoped advisory lock per client makes count and
 * insert one step across instances (READ COMMITTED alone would let two both see room). Expired
 * rows of the client go in that transaction; everyone's, at most once per window per instance.
 */
export function createPostgresAttempts(pool: Pool, table: AttemptTable): EnrollmentAttempts {
  // First key of the per-client transaction lock (the second is the client's hash).
  const lockClass = ATTEMPT_TABLES[table];
  let prunedAt = Number.NEGATIVE_INFINITY;
  return {
    async take(clientId, now, limit) {
      const since = now - limit.windowMs;
      const decision = await inTransaction(pool, async (c) => {
        await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [lockClass, clientId]);
        await c.query(`DELETE FROM ${table} WHERE client_id = $1 AND at <= $2`, [clientId, since]);
        const row = (await c.query<{ n: string; oldest: string | null }>(`SELECT count(*) AS n, min(at) AS oldest FROM ${table} WHERE client_id = $1`, [clientId])).rows[0];
        const n = Number(row?.n ?? 0);
        if (n >= limit.attempts) return { allowed: false as const, retryAfterMs: limit.windowMs - (now - Number(row?.oldest ?? now)) };
        await c.query(`INSERT INTO ${table} (client_id, at) VALUES ($1, $2)`, [clientId, now]);
        return { allowed: true as const };
      });
      if (now - prunedAt >= limit.windowMs) {
        prunedAt = now;
        await query(pool, `DELETE FROM ${table} WHERE at <= $1`, [since]);
      }
      return decision;
    },
  };
} // prettier-ignore
