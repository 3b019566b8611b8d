import type Database from 'better-sqlite3';
import type { AuditEntry } from '../context.js';
import type { Migration } from '../db/migrations.js';
import { attemptTableMigration } from '../provisioning/attempt-tables.js';
import { FeatureError } from '../updates/feature-error.js';

/** A published CSAF advisory, as it went out. */
export interface PublishedAdvisory {
  readonly trackingId: string;
  readonly caseId: string;
  /** The CSAF 2.0 document. */
  readonly document: unknown;
  readonly publishedAt: string;
}

/** Where published advisories are kept (every instance renders the provider directory from it). */
export interface AdvisoryStore {
  /** @throws {FeatureError} ADVISORY_EXISTS for a tracking id used before */
  add(advisory: PublishedAdvisory, audit: AuditEntry): Promise<void>;
  list(): Promise<PublishedAdvisory[]>;
  /**
   * A cheap token that changes whenever an advisory is added (one indexed aggregate, no
   * documents read); equal to {@link advisoryRevision} of what `list()` returns at that moment.
   */
  revision(): Promise<string>;
}

/**
 * The revision of a set of advisories: their count and the latest publication time. Advisories
 * are only ever added, never changed or removed, so the count alone grows with every change; the
 * time guards against a store rebuilt with as many different advisories.
 */
export function advisoryRevision(count: number, latest: string | null | undefined): string {
  return `${count}@${latest ?? '-'}`;
}

export const VULN_MIGRATIONS: readonly Migration[] = [
  {
    id: '001-advisories',
    up: `CREATE TABLE vuln_advisories (
  tracking_id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL,
  doc TEXT NOT NULL,
  published_at TEXT NOT NULL
);`,
  },
  // Vulnerability reports per source address: the intake's limit, shared by every instance.
  attemptTableMigration('002-report-attempts', 'report_attempts'),
];

/** The {@link AdvisoryStore} on the cloud's SQLite database. */
export function createSqliteAdvisoryStore(db: Database.Database, audit: (entry: AuditEntry) => void): AdvisoryStore {
  const insert = db.prepare('INSERT INTO vuln_advisories (tracking_id, case_id, doc, published_at) VALUES (?, ?, ?, ?)');
  const exists = db.prepare('SELECT 1 FROM vuln_advisories WHERE tracking_id = ?');
  const all = db.prepare<[], { tracking_id: string; case_id: string; doc: string; published_at: string }>('SELECT * FROM vuln_advisories ORDER BY published_at, tracking_id');
  const stats = db.prepare<[], { n: number; latest: string | null }>('SELECT count(*) AS n, max(published_at) AS latest FROM vuln_advisories');
  return {
    add: (a, entry) =>
      new Promise((resolve) => {
        db.transaction(() => {
          if (exists.get(a.trackingId) !== undefined) throw new FeatureError('ADVISORY_EXISTS', `${a.trackingId} is published already`);
          insert.run(a.trackingId, a.caseId, JSON.stringify(a.document), a.publishedAt);
          audit(entry);
        }).immediate();
        resolve();
      }),
    list: () => Promise.resolve(all.all().map((r) => ({ trackingId: r.tracking_id, caseId: r.case_id, document: JSON.parse(r.doc) as unknown, publishedAt: r.published_at }))),
    revision: () => Promise.resolve(((r) => advisoryRevision(r?.n ?? 0, r?.latest))(stats.get())),
  };
} // prettier-ignore
