import type { AuditLog } from '../audit/audit-log.js';
import type { CloudDatabase } from '../db/cloud-database.js';
import { createPostgresWebState } from '../pg/web-state.js';
import { createSqliteWebState } from './sqlite-state.js';
import type { WebState } from './state.js';

/**
 * The web UI's state on the cloud's database. On PostgreSQL a password change writes its audit
 * entry in its own transaction, so `audit` serves only SQLite.
 */
export function openWebState(database: CloudDatabase, audit: AuditLog): WebState {
  if (database.kind === 'postgres') return createPostgresWebState(database.pool);
  return createSqliteWebState(database.sqlite, (entry) => {
    audit.append(entry);
  });
}
