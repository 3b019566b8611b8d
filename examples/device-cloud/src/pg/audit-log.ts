import type { Clock } from '@cra-kit/core';
import type { Pool, PoolClient } from 'pg';
import { auditPageOf, type AuditLog, type AuditRow } from '../audit/audit-log.js';
import type { AuditEntry } from '../context.js';
import { inTransaction, query } from './transaction.js';

/** Writes one audit entry on `client`, inside the caller's transaction. */
export async function appendAudit(client: PoolClient, clock: Clock, entry: AuditEntry): Promise<void> {
  await client.query('INSERT INTO audit_log (at, actor, action, subject, detail) VALUES ($1, $2, $3, $4, $5)', [
    clock.now().toISOString(), entry.actor, entry.action, entry.subject,
    entry.detail === undefined ? null : JSON.stringify(entry.detail),
  ]);
} // prettier-ignore

/**
 * The audit log on PostgreSQL. Stores write their entries with {@link appendAudit} in the
 * transaction of the change; `append` is for changes made outside a store and is queued so the
 * entries keep their order. A failed write is reported to `onError` (it never throws into the
 * request that already succeeded).
 */
export function createPostgresAuditLog(pool: Pool, clock: Clock, onError: (error: unknown) => void): AuditLog {
  let queue: Promise<void> = Promise.resolve();
  return {
    append(entry) {
      queue = queue.then(() => inTransaction(pool, (c) => appendAudit(c, clock, entry))).catch(onError);
    },
    flush: () => queue,
    page: async ({ limit, before }) => {
      const rows = await query<AuditRow>(pool, 'SELECT * FROM audit_log WHERE seq < $1 ORDER BY seq DESC LIMIT $2', [before ?? Number.MAX_SAFE_INTEGER, limit + 1]);
      return auditPageOf(rows, limit);
    },
  };
} // prettier-ignore
