import type Database from 'better-sqlite3';
import type { AuditEntry } from '../context.js';
import type { Migration } from '../db/migrations.js';

/** The SBOM of a release, as stored (canonical CycloneDX JSON text). */
export interface StoredSbom {
  readonly releaseId: string;
  readonly json: string;
  /** `given` with the release, or `generated` from a components list. */
  readonly source: 'given' | 'generated';
  readonly storedAt: string;
}

/** Where release SBOMs are kept. A new SBOM for a release replaces the old one. */
export interface SbomStore {
  put(sbom: StoredSbom, audit: AuditEntry): Promise<void>;
  get(releaseId: string): Promise<StoredSbom | undefined>;
}

export const COMPLIANCE_MIGRATIONS: readonly Migration[] = [
  {
    id: '001-release-sboms',
    up: `CREATE TABLE compliance_sboms (
  release_id TEXT PRIMARY KEY,
  doc TEXT NOT NULL,
  source TEXT NOT NULL,
  stored_at TEXT NOT NULL
);`,
  },
];

/** The {@link SbomStore} on the cloud's SQLite database; the audit entry is in the same transaction. */
export function createSqliteSbomStore(db: Database.Database, audit: (entry: AuditEntry) => void): SbomStore {
  const upsert = db.prepare(`INSERT INTO compliance_sboms (release_id, doc, source, stored_at) VALUES (?, ?, ?, ?)
    ON CONFLICT(release_id) DO UPDATE SET doc = excluded.doc, source = excluded.source, stored_at = excluded.stored_at`);
  const get = db.prepare<[string], { doc: string; source: 'given' | 'generated'; stored_at: string }>('SELECT doc, source, stored_at FROM compliance_sboms WHERE release_id = ?');
  return {
    put: (s, entry) =>
      new Promise((resolve) => {
        db.transaction(() => {
          upsert.run(s.releaseId, s.json, s.source, s.storedAt);
          audit(entry);
        }).immediate();
        resolve();
      }),
    get: (releaseId) =>
      new Promise((resolve) => {
        const row = get.get(releaseId);
        resolve(row === undefined ? undefined : { releaseId, json: row.doc, source: row.source, storedAt: row.stored_at });
      }),
  };
} // prettier-ignore
