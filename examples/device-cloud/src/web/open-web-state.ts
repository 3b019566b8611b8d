import type { AuditLog } from '../audit/audit-log.js';
import type { CloudDatabase } from '../db/cloud-database.js';
import { createSqliteWebState } from './sqlite-state.js';
import type { WebState } from './state.js';

/**
 * The web UI's state on the cloud's database, or `undefined` on a back end that has no
 * implementation yet (PostgreSQL: the UI and the password route are then not served).
 */
export function openWebState(database: CloudDatabase, audit: AuditLog): WebState | undefined {
  if (database.kind !== 'sqlite') return undefined;
  return createSqliteWebState(database.sqlite, (entry) => {
    audit.append(entry);
  });
}
