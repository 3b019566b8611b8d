import type { Clock } from '@cra-kit/core';
import type { Pool } from 'pg';
import { FeatureError } from '../updates/feature-error.js';
import { advisoryRevision, type AdvisoryStore } from '../vuln/advisory-store.js';
import { appendAudit } from './audit-log.js';
import { inTransaction, query } from './transaction.js';

/** The {@link AdvisoryStore} on PostgreSQL; a tracking id is published once, by one instance. */
export function createPostgresAdvisoryStore(pool: Pool, clock: Clock): AdvisoryStore {
  return {
    add: (a, entry) =>
      inTransaction(pool, async (c) => {
        const inserted = await c.query('INSERT INTO vuln_advisories (tracking_id, case_id, doc, published_at) VALUES ($1, $2, $3, $4) ON CONFLICT (tracking_id) DO NOTHING', [a.trackingId, a.caseId, JSON.stringify(a.document), a.publishedAt]);
        if (inserted.rowCount === 0) throw new FeatureError('ADVISORY_EXISTS', `${a.trackingId} is published already`);
        await appendAudit(c, clock, entry);
      }),
    list: async () =>
      (await query<{ tracking_id: string; case_id: string; doc: string; published_at: string }>(pool, 'SELECT * FROM vuln_advisories ORDER BY published_at, tracking_id COLLATE "C"'))
        .map((r) => ({ trackingId: r.tracking_id, caseId: r.case_id, document: JSON.parse(r.doc) as unknown, publishedAt: r.published_at })),
    // count(*) comes back as a string (int8); max(text) as text or null.
    revision: async () =>
      ((r) => advisoryRevision(Number(r?.n ?? 0), r?.latest))((await query<{ n: string; latest: string | null }>(pool, 'SELECT count(*) AS n, max(published_at COLLATE "C") AS latest FROM vuln_advisories'))[0]),
  };
} // prettier-ignore
