import type { Clock } from '@cra-kit/core';
import type { Pool } from 'pg';
import type { SbomStore } from '../compliance/sbom-store.js';
import { appendAudit } from './audit-log.js';
import { inTransaction, query } from './transaction.js';

/** The {@link SbomStore} on PostgreSQL; the audit entry is in the same transaction. */
export function createPostgresSbomStore(pool: Pool, clock: Clock): SbomStore {
  return {
    put: (s, entry) =>
      inTransaction(pool, async (c) => {
        await c.query(`INSERT INTO compliance_sboms (release_id, doc, source, stored_at) VALUES ($1, $2, $3, $4)
          ON CONFLICT (release_id) DO UPDATE SET doc = excluded.doc, source = excluded.source, stored_at = excluded.stored_at`, [s.releaseId, s.json, s.source, s.storedAt]);
        await appendAudit(c, clock, entry);
      }),
    get: async (releaseId) => {
      const row = (await query<{ doc: string; source: 'given' | 'generated'; stored_at: string }>(pool, 'SELECT doc, source, stored_at FROM compliance_sboms WHERE release_id = $1', [releaseId]))[0];
      return row === undefined ? undefined : { releaseId, json: row.doc, source: row.source, storedAt: row.stored_at };
    },
  };
} // prettier-ignore
