import { attemptTableMigration } from '../provisioning/attempt-tables.js';
import type { Migration } from './migrations.js';

/** The shell's own tables: operators, audit, devices, kv store, telemetry, enrollment attempts. */
export const SHELL_MIGRATIONS: readonly Migration[] = [
  {
    id: '001-operators',
    up: `
      CREATE TABLE operators (
        id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, roles TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        operator_id TEXT NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
        token_hash BLOB NOT NULL UNIQUE, label TEXT, created_at TEXT NOT NULL);
      CREATE INDEX api_tokens_operator ON api_tokens(operator_id);`,
    postgres: `
      CREATE TABLE operators (
        id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, roles TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        operator_id TEXT NOT NULL REFERENCES operators(id) ON DELETE CASCADE,
        token_hash BYTEA NOT NULL UNIQUE, label TEXT, created_at TEXT NOT NULL);
      CREATE INDEX api_tokens_operator ON api_tokens(operator_id);`,
  },
  {
    id: '002-audit',
    up: `
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL,
        action TEXT NOT NULL, subject TEXT NOT NULL, detail TEXT);`,
    postgres: `
      CREATE TABLE audit_log (
        seq BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL,
        action TEXT NOT NULL, subject TEXT NOT NULL, detail TEXT);`,
  },
  {
    id: '003-devices',
    up: `
      CREATE TABLE devices (
        id TEXT PRIMARY KEY, hardware_id TEXT, certificate_serial TEXT NOT NULL,
        certificate_not_after TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('active','revoked')),
        enrolled_at TEXT NOT NULL, last_seen_at TEXT, firmware_version TEXT, grp TEXT);
      CREATE TABLE device_certificates (
        serial_number TEXT PRIMARY KEY, device_id TEXT NOT NULL REFERENCES devices(id),
        not_after TEXT NOT NULL, issued_at TEXT NOT NULL,
        revoked_at TEXT, revocation_reason TEXT);
      CREATE INDEX device_certificates_device ON device_certificates(device_id);`,
    // Byte order for device ids, as SQLite sorts them: pages stay the same whatever the server's locale.
    postgres: `
      CREATE TABLE devices (
        id TEXT COLLATE "C" PRIMARY KEY, hardware_id TEXT, certificate_serial TEXT NOT NULL,
        certificate_not_after TEXT NOT NULL, status TEXT NOT NULL CHECK (status IN ('active','revoked')),
        enrolled_at TEXT NOT NULL, last_seen_at TEXT, firmware_version TEXT, grp TEXT);
      CREATE TABLE device_certificates (
        serial_number TEXT PRIMARY KEY, device_id TEXT NOT NULL REFERENCES devices(id),
        not_after TEXT NOT NULL, issued_at TEXT NOT NULL,
        revoked_at TEXT, revocation_reason TEXT);
      CREATE INDEX device_certificates_device ON device_certificates(device_id);`,
  },
  {
    id: '004-kv',
    up: `CREATE TABLE kv (key TEXT PRIMARY KEY, value BLOB NOT NULL, version INTEGER NOT NULL);`,
    postgres: `CREATE TABLE kv (key TEXT PRIMARY KEY, value BYTEA NOT NULL, version INTEGER NOT NULL);`,
  },
  {
    id: '005-telemetry',
    up: `
      CREATE TABLE telemetry_latest (
        device_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, at TEXT NOT NULL,
        PRIMARY KEY (device_id, key));
      CREATE TABLE telemetry_rejections (
        device_id TEXT NOT NULL, key TEXT NOT NULL, reason TEXT NOT NULL, count INTEGER NOT NULL,
        last_at TEXT NOT NULL, PRIMARY KEY (device_id, key, reason));`,
  },
  // Bootstrap-token redemptions per client (ms since the epoch), so instances share one limit.
  attemptTableMigration('006-enrollment-attempts', 'enrollment_attempts'),
  {
    // The device's own time of the event that set firmware_version: an older one never wins.
    id: '007-device-firmware-event-at',
    up: `ALTER TABLE devices ADD COLUMN firmware_event_at TEXT;`,
  },
];
