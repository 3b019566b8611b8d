import type { Clock } from '@cra-kit/core';
import type Database from 'better-sqlite3';
import type { AuditEntry } from '../context.js';

/** A stored audit line. */
export interface StoredAuditEntry extends AuditEntry {
  readonly seq: number;
  readonly at: string;
}

/** The append-only audit log (SQLite here, PostgreSQL in `pg/audit-log.ts`). */
export interface AuditLog {
  /**
   * Appends an entry. On SQLite synchronously, so callers can run it inside their own
   * transaction; on PostgreSQL stores write their entries in their own transactions, and this
   * queues the write (in order) for changes made outside a store.
   */
  append(entry: AuditEntry): void;
  /** Resolves once every entry appended so far is stored. */
  flush(): Promise<void>;
  /** Newest first; `before` is the `seq` to continue below (the previous page's `next`). */
  page(options: { limit: number; before?: number | undefined }): Promise<AuditPage>;
}

/** One page of the audit log. */
export interface AuditPage {
  entries: StoredAuditEntry[];
  next: number | undefined;
}

/** A stored row as both back ends return it. */
export interface AuditRow {
  seq: number | string;
  at: string;
  actor: string;
  action: string;
  subject: string;
  detail: string | null;
}

/** Turns `limit + 1` rows (newest first) into a page. */
export function auditPageOf(rows: readonly AuditRow[], limit: number): AuditPage {
  const entries = rows.slice(0, limit).map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    ...(r.detail === null ? {} : { detail: JSON.parse(r.detail) as Record<string, unknown> }),
  }));
  return { entries, next: rows.length > limit ? entries.at(-1)?.seq : undefined };
}

/** Creates the audit log over the `audit_log` table. */
export function createAuditLog(db: Database.Database, clock: Clock): AuditLog {
  const insert = db.prepare(
    'INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)',
  );
  const select = db.prepare<[number, number], AuditRow>(
    'SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?',
  );
  return {
    append(entry) {
      insert.run(
        clock.now().toISOString(),
        entry.actor,
        entry.action,
        entry.subject,
        entry.detail === undefined ? null : JSON.stringify(entry.detail),
      );
    },
    flush: () => Promise.resolve(),
    page: ({ limit, before }) =>
      Promise.resolve(auditPageOf(select.all(before ?? Number.MAX_SAFE_INTEGER, limit + 1), limit)),
  };
}
