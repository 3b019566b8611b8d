import type { Clock } from '@cra-kit/core';
import type { RevocationEntry, RevocationReason } from '@cra-kit/identity';
import type { Pool, PoolClient } from 'pg';
import type { DeviceStore } from '../devices/device-store.js';
import { toRecord, type CertRow, type DeviceRow } from '../devices/sqlite-device-store.js';
import { CloudError } from '../errors.js';
import { appendAudit } from './audit-log.js';
import { idempotentWrite, inTransaction, query } from './transaction.js';

/** The device registry on PostgreSQL: each change locks the device row, then writes with its audit entry. */
export function createPostgresDeviceStore(pool: Pool, clock: Clock): DeviceStore {
  const now = () => clock.now().toISOString();
  const locked = async (c: PoolClient, id: string) => (await c.query<DeviceRow>('SELECT * FROM devices WHERE id = $1 FOR UPDATE', [id])).rows[0];
  const need = async (c: PoolClient, id: string) => {
    const row = await locked(c, id);
    if (row === undefined) throw new CloudError('NOT_FOUND', 'no such device');
    return row;
  };
  const entryOf = (r: CertRow): RevocationEntry => ({ serialNumber: r.serial_number, reason: (r.revocation_reason ?? 'unspecified') as RevocationReason, revokedAt: r.revoked_at ?? now(), deviceSerial: r.device_id });
  const revokedConflict = () => new CloudError('CONFLICT', 'the device is revoked');
  return {
    list: async () => (await query<DeviceRow>(pool, 'SELECT * FROM devices ORDER BY id')).map(toRecord),
    page: async ({ limit, after }) => {
      const rows = await query<DeviceRow>(pool, 'SELECT * FROM devices WHERE id > $1 ORDER BY id LIMIT $2', [after ?? '', limit + 1]);
      const devices = rows.slice(0, limit).map(toRecord);
      return { devices, next: rows.length > limit ? devices.at(-1)?.id : undefined };
    },
    get: async (id) => ((r) => (r ? toRecord(r) : undefined))((await query<DeviceRow>(pool, 'SELECT * FROM devices WHERE id = $1', [id]))[0]),
    recordCertificate: (cert, entry) =>
      inTransaction(pool, async (c) => {
        // Two enrollments of one new device: the insert of the second waits, then updates.
        await c.query(`INSERT INTO devices (id, hardware_id, certificate_serial, certificate_not_after, status, enrolled_at)
          VALUES ($1, $2, $3, $4, 'active', $5) ON CONFLICT (id) DO NOTHING`, [cert.deviceId, cert.hardwareId ?? null, cert.certificateSerial, cert.notAfter, now()]);
        const row = await need(c, cert.deviceId);
        if (row.status === 'revoked') throw revokedConflict();
        await c.query('UPDATE devices SET certificate_serial = $1, certificate_not_after = $2, hardware_id = coalesce($3, hardware_id) WHERE id = $4', [cert.certificateSerial, cert.notAfter, cert.hardwareId ?? null, cert.deviceId]);
        await c.query('INSERT INTO device_certificates (serial_number, device_id, not_after, issued_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [cert.certificateSerial, cert.deviceId, cert.notAfter, now()]);
        await appendAudit(c, clock, entry);
        return toRecord(await need(c, cert.deviceId));
      }),
    assertNotRevoked: async (id) => {
      const rows = await query<{ status: string }>(pool, 'SELECT status FROM devices WHERE id = $1', [id]);
      if (rows[0]?.status === 'revoked') throw revokedConflict();
    },
    recordBoot: (id, version, at, hardwareId, eventAt) =>
      inTransaction(pool, async (c) => {
        const before = (await locked(c, id))?.firmware_version ?? null;
        await c.query('UPDATE devices SET last_seen_at = $1, hardware_id = coalesce($2, hardware_id) WHERE id = $3', [at.toISOString(), hardwareId ?? null, id]);
        // Only forward: an event older than the one that set the version changes nothing.
        const applied = (await c.query(`UPDATE devices SET firmware_version = $1, firmware_event_at = coalesce($2, firmware_event_at)
          WHERE id = $3 AND ($2::text IS NULL OR firmware_event_at IS NULL OR firmware_event_at <= $2::text)`, [version, eventAt?.toISOString() ?? null, id])).rowCount === 1;
        // A firmware change is a state change worth auditing; a plain reboot is not.
        if (applied && before !== version) await appendAudit(c, clock, { actor: `device:${id}`, action: 'device.firmware', subject: `device:${id}`, detail: { from: before, to: version } });
      }),
    touch: async (id, at) => {
      // Monotonic, so a re-run (or another instance's older report) never moves it back.
      await idempotentWrite(pool, 'UPDATE devices SET last_seen_at = $1 WHERE id = $2 AND (last_seen_at IS NULL OR last_seen_at < $1)', [at.toISOString(), id]);
    },
    setGroup: (id, group, entry) =>
      inTransaction(pool, async (c) => {
        await need(c, id);
        await c.query('UPDATE devices SET grp = $1 WHERE id = $2', [group ?? null, id]);
        await appendAudit(c, clock, entry);
        return toRecord(await need(c, id));
      }),
    revoke: (id, reason, entry) =>
      inTransaction(pool, async (c) => {
        if ((await need(c, id)).status === 'revoked') throw new CloudError('CONFLICT', 'the device is revoked already');
        await c.query("UPDATE devices SET status = 'revoked' WHERE id = $1", [id]);
        await c.query('UPDATE device_certificates SET revoked_at = $1, revocation_reason = $2 WHERE device_id = $3 AND revoked_at IS NULL', [now(), reason, id]);
        await appendAudit(c, clock, entry);
        return (await c.query<CertRow>('SELECT * FROM device_certificates WHERE device_id = $1 ORDER BY serial_number', [id])).rows.map(entryOf);
      }),
    isCertificateActive: async (deviceId, serial) =>
      (await query(pool, `SELECT 1 AS ok FROM device_certificates c JOIN devices d ON d.id = c.device_id
        WHERE c.device_id = $1 AND c.serial_number = $2 AND c.revoked_at IS NULL AND d.status = 'active'`, [deviceId, serial])).length > 0,
    revokedCertificates: async () => (await query<CertRow>(pool, 'SELECT * FROM device_certificates WHERE revoked_at IS NOT NULL ORDER BY serial_number')).map(entryOf),
  };
} // prettier-ignore
