import type { Clock, Storage } from '@cra-kit/core';
import { createAuditLog, type AuditLog } from '../audit/audit-log.js';
import { createOperatorStore, type OperatorStore } from '../auth/operator-store.js';
import { createSqliteSbomStore, type SbomStore } from '../compliance/sbom-store.js';
import type { AuditEntry } from '../context.js';
import type { DeviceStore } from '../devices/device-store.js';
import { createSqliteDeviceStore } from '../devices/sqlite-device-store.js';
import { createPostgresAdvisoryStore } from '../pg/advisory-store.js';
import { createPostgresAuditLog } from '../pg/audit-log.js';
import { createPostgresDeviceStore } from '../pg/device-store.js';
import { createPostgresStorage } from '../pg/kv-storage.js';
import { migratePostgres } from '../pg/migrate.js';
import { createPostgresOperatorStore } from '../pg/operator-store.js';
import { createPostgresSbomStore } from '../pg/sbom-store.js';
import { createPostgresTelemetryStore } from '../pg/telemetry-store.js';
import { createPostgresUpdateStore } from '../pg/update-store.js';
import { createSqliteStorage } from '../provisioning/sqlite-storage.js';
import { createSqliteTelemetryStore, type TelemetryStore } from '../telemetry/telemetry-store.js';
import { createSqliteUpdateStore } from '../updates/sqlite-store.js';
import type { UpdateStore } from '../updates/store.js';
import { createSqliteAdvisoryStore, type AdvisoryStore } from '../vuln/advisory-store.js';
import type { CloudDatabase } from './cloud-database.js';
import { migrate, type MigrationSet } from './migrations.js';

/** The shell's stores on one database. */
export interface ShellStores {
  readonly audit: AuditLog;
  readonly operators: OperatorStore;
  readonly devices: DeviceStore;
  /** core's key-value storage (bootstrap tokens). */
  readonly storage: Storage;
  readonly telemetry: TelemetryStore;
}

/** Applies the shell's and the modules' migrations on either back end. @throws {CloudError} CLOUD_MIGRATION_FAILED */
export async function migrateDatabase(
  db: CloudDatabase,
  sets: readonly MigrationSet[],
  now: Date,
): Promise<string[]> {
  return db.kind === 'sqlite' ? migrate(db.sqlite, sets, now) : migratePostgres(db.pool, sets, now);
}

/**
 * The shell's stores for the database's back end. On SQLite every store writes its audit entry
 * through the synchronous audit log inside its transaction; on PostgreSQL through its own
 * transaction's connection.
 */
export function openShellStores(db: CloudDatabase, clock: Clock, onAuditError: (error: unknown) => void): ShellStores {
  if (db.kind === 'postgres') {
    const { pool } = db;
    return { audit: createPostgresAuditLog(pool, clock, onAuditError), operators: createPostgresOperatorStore(pool, clock), devices: createPostgresDeviceStore(pool, clock), storage: createPostgresStorage(pool), telemetry: createPostgresTelemetryStore(pool) };
  }
  const audit = createAuditLog(db.sqlite, clock);
  const record = (entry: AuditEntry) => { audit.append(entry); };
  return { audit, operators: createOperatorStore(db.sqlite, clock, record), devices: createSqliteDeviceStore(db.sqlite, clock, record), storage: createSqliteStorage(db.sqlite), telemetry: createSqliteTelemetryStore(db.sqlite) };
} // prettier-ignore

/** The updates module's store; `audit` is the context's (used on SQLite inside the transaction). */
export function openUpdateStore(
  db: CloudDatabase,
  clock: Clock,
  audit: (entry: AuditEntry) => void,
): UpdateStore {
  return db.kind === 'sqlite'
    ? createSqliteUpdateStore(db.sqlite, audit)
    : createPostgresUpdateStore(db.pool, clock);
}

/** The compliance module's SBOM store. */
export function openSbomStore(
  db: CloudDatabase,
  clock: Clock,
  audit: (entry: AuditEntry) => void,
): SbomStore {
  return db.kind === 'sqlite'
    ? createSqliteSbomStore(db.sqlite, audit)
    : createPostgresSbomStore(db.pool, clock);
}

/** The vulnerability module's advisory store. */
export function openAdvisoryStore(
  db: CloudDatabase,
  clock: Clock,
  audit: (entry: AuditEntry) => void,
): AdvisoryStore {
  return db.kind === 'sqlite'
    ? createSqliteAdvisoryStore(db.sqlite, audit)
    : createPostgresAdvisoryStore(db.pool, clock);
}
