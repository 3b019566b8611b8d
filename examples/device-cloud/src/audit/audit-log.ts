import type { Clock } from '@cra-kit/core';
import type Database from 'better-sqlite3';
import type { AuditEntry } from '../context.js';

/** A stored audit line. */
export interface StoredAuditEntry extends AuditEntry {
  readonly seq: number;
  readonly at: string;
}

/** The append-only audit log in SQLite. */
export interface AuditLog {
  /** Appends synchronously, so callers can run it inside their own transaction. */
  append(entry: AuditEntry): void;
  /** Newest first; `before` is the `seq` to continue below (the previous page's `next`). */
  page(options: { limit: number; before?: number | undefined }): {
    entries: StoredAuditEntry[];
    next: number | undefined;
  };
}

interface Row {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  detail: string | null;
}

/** Creates the audit log over the `audit_log` table. */
export function createAuditLog(db: Database.Database, clock: Clock): AuditLog {
  const insert = db.prepare(
    'INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)',
  );
  const select = db.prepare<[number, number], Row>(
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
    page({ limit, before }) {
      const rows = select.all(before ?? Number.MAX_SAFE_INTEGER, limit + 1);
      const entries = rows.slice(0, limit).map((r) => ({
        seq: r.seq,
        at: r.at,
        actor: r.actor,
        action: r.action,
        subject: r.subject,
        ...(r.detail === null ? {} : { detail: JSON.parse(r.detail) as Record<string, unknown> }),
      }));
      return { entries, next: rows.length > limit ? entries.at(-1)?.seq : undefined };
    },
  };
}
