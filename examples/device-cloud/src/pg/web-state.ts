import type { Pool } from 'pg';
import { sessionOfRow, type SessionRow, type WebState } from '../web/state.js';
import { appendAudit } from './audit-log.js';
import { inTransaction, query } from './transaction.js';

/**
 * {@link WebState} on PostgreSQL (tables of the `web` migration), so every instance of a
 * scale-out deployment sees the same passwords, sessions and login attempt counts.
 */
export function createPostgresWebState(pool: Pool): WebState {
  return {
    passwordOf: async (operatorId) => (await query<{ hash: string }>(pool, 'SELECT hash FROM operator_passwords WHERE operator_id = $1', [operatorId]))[0]?.hash,
    setPassword: (operatorId, hash, at, entry) =>
      inTransaction(pool, async (c) => {
        await c.query('INSERT INTO operator_passwords (operator_id, hash, updated_at) VALUES ($1, $2, $3) ON CONFLICT (operator_id) DO UPDATE SET hash = excluded.hash, updated_at = excluded.updated_at', [operatorId, hash, at]);
        // A new password ends the sessions the old one opened, on every instance at once.
        await c.query('DELETE FROM web_sessions WHERE operator_id = $1', [operatorId]);
        // Stamped with the change's own time, like the row it records.
        await appendAudit(c, { now: () => new Date(at) }, entry);
      }),
    async createSession(s) {
      await query(pool, 'INSERT INTO web_sessions (id_hash, operator_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [s.idHash, s.operatorId, s.csrfToken, s.createdAt, s.expiresAt]);
    },
    session: async (idHash, now) => {
      const [row] = await query<SessionRow>(pool, 'SELECT * FROM web_sessions WHERE id_hash = $1 AND expires_at > $2', [idHash, now]);
      return row === undefined ? undefined : sessionOfRow(row);
    },
    async deleteSession(idHash) {
      await query(pool, 'DELETE FROM web_sessions WHERE id_hash = $1', [idHash]);
    },
    async deleteSessionsOf(operatorId) {
      await query(pool, 'DELETE FROM web_sessions WHERE operator_id = $1', [operatorId]);
    },
    deleteExpired: (now) => inTransaction(pool, async (c) => (await c.query('DELETE FROM web_sessions WHERE expires_at <= $1', [now])).rowCount ?? 0),
    // One upsert: concurrent attempts on any instance each get their own count.
    countAttempt: async (key, windowStart) => {
      const [row] = await query<{ attempts: number }>(pool, 'INSERT INTO login_attempts (key, window_start, attempts) VALUES ($1, $2, 1) ON CONFLICT (key, window_start) DO UPDATE SET attempts = login_attempts.attempts + 1 RETURNING attempts', [key, windowStart]);
      return row?.attempts ?? 1;
    },
    async pruneAttempts(before) {
      await query(pool, 'DELETE FROM login_attempts WHERE window_start < $1', [before]);
    },
  };
} // prettier-ignore
