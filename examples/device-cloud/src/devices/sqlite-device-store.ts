import type { Clock } from '@cra-kit/core';
import type { RevocationEntry, RevocationReason } from '@cra-kit/identity';
import type Database from 'better-sqlite3';
import type { AuditEntry, DeviceRecord } from '../context.js';
import { CloudError } from '../errors.js';
import type { DeviceStore } from './device-store.js';

export interface DeviceRow {
  id: string;
  hardware_id: string | null;
  certificate_serial: string;
  certificate_not_after: string;
  status: 'active' | 'revoked';
  enrolled_at: string;
  last_seen_at: string | null;
  firmware_version: string | null;
  grp: string | null;
  firmware_event_at?: string | null;
}
export interface CertRow {
  serial_number: string;
  device_id: string;
  revoked_at: string | null;
  revocation_reason: string | null;
}

export const toRecord = (r: DeviceRow): DeviceRecord => ({
  id: r.id,
  hardwareId: r.hardware_id ?? undefined,
  certificateSerial: r.certificate_serial,
  certificateNotAfter: r.certificate_not_after,
  status: r.status,
  enrolledAt: r.enrolled_at,
  lastSeenAt: r.last_seen_at ?? undefined,
  firmwareVersion: r.firmware_version ?? undefined,
  group: r.grp ?? undefined,
});

/** The device registry on SQLite (better-sqlite3 is synchronous; the interface is not). */
export function createSqliteDeviceStore(db: Database.Database, clock: Clock, audit: (e: AuditEntry) => void): DeviceStore {
  const q = {
    get: db.prepare<[string], DeviceRow>('SELECT * FROM devices WHERE id = ?'),
    all: db.prepare<[], DeviceRow>('SELECT * FROM devices ORDER BY id'),
    page: db.prepare<[string, number], DeviceRow>('SELECT * FROM devices WHERE id > ? ORDER BY id LIMIT ?'),
    insert: db.prepare(`INSERT INTO devices (id, hardware_id, certificate_serial, certificate_not_after, status, enrolled_at)
      VALUES (?, ?, ?, ?, 'active', ?)`),
    updateCert: db.prepare('UPDATE devices SET certificate_serial = ?, certificate_not_after = ?, hardware_id = coalesce(?, hardware_id) WHERE id = ?'),
    insertCert: db.prepare('INSERT OR IGNORE INTO device_certificates (serial_number, device_id, not_after, issued_at) VALUES (?, ?, ?, ?)'),
    seen: db.prepare('UPDATE devices SET last_seen_at = ?, hardware_id = coalesce(?, hardware_id) WHERE id = ?'),
    // Only forward: an event older than the one that set the version changes nothing.
    firmware: db.prepare(`UPDATE devices SET firmware_version = @version, firmware_event_at = coalesce(@eventAt, firmware_event_at)
      WHERE id = @id AND (@eventAt IS NULL OR firmware_event_at IS NULL OR firmware_event_at <= @eventAt)`),
    touch: db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?'),
    group: db.prepare('UPDATE devices SET grp = ? WHERE id = ?'),
    revokeDevice: db.prepare("UPDATE devices SET status = 'revoked' WHERE id = ?"),
    revokeCerts: db.prepare('UPDATE device_certificates SET revoked_at = ?, revocation_reason = ? WHERE device_id = ? AND revoked_at IS NULL'),
    certsOf: db.prepare<[string], CertRow>('SELECT * FROM device_certificates WHERE device_id = ?'),
    active: db.prepare<[string, string], { ok: number }>(`SELECT 1 AS ok FROM device_certificates c JOIN devices d ON d.id = c.device_id
      WHERE c.device_id = ? AND c.serial_number = ? AND c.revoked_at IS NULL AND d.status = 'active'`),
    revoked: db.prepare<[], CertRow>('SELECT * FROM device_certificates WHERE revoked_at IS NOT NULL'),
  };
  const now = () => clock.now().toISOString();
  const need = (id: string) => {
    const row = q.get.get(id);
    if (row === undefined) throw new CloudError('NOT_FOUND', 'no such device');
    return row;
  };
  const entryOf = (r: CertRow): RevocationEntry => ({ serialNumber: r.serial_number, reason: (r.revocation_reason ?? 'unspecified') as RevocationReason, revokedAt: r.revoked_at ?? now(), deviceSerial: r.device_id });
  const revokedConflict = () => new CloudError('CONFLICT', 'the device is revoked');
  return {
    list: async () => Promise.resolve(q.all.all().map(toRecord)),
    page: async ({ limit, after }) => {
      const rows = q.page.all(after ?? '', limit + 1);
      const devices = rows.slice(0, limit).map(toRecord);
      return Promise.resolve({ devices, next: rows.length > limit ? devices.at(-1)?.id : undefined });
    },
    get: async (id) => Promise.resolve(((r) => (r ? toRecord(r) : undefined))(q.get.get(id))),
    recordCertificate: async (cert, entry) =>
      Promise.resolve(db.transaction(() => {
        const row = q.get.get(cert.deviceId);
        if (row?.status === 'revoked') throw revokedConflict();
        if (row === undefined) q.insert.run(cert.deviceId, cert.hardwareId ?? null, cert.certificateSerial, cert.notAfter, now());
        else q.updateCert.run(cert.certificateSerial, cert.notAfter, cert.hardwareId ?? null, cert.deviceId);
        q.insertCert.run(cert.certificateSerial, cert.deviceId, cert.notAfter, now());
        audit(entry);
        return toRecord(need(cert.deviceId));
      })()),
    assertNotRevoked: async (id) => {
      if (q.get.get(id)?.status === 'revoked') throw revokedConflict();
      return Promise.resolve();
    },
    recordBoot: async (id, version, at, hardwareId, eventAt) => {
      db.transaction(() => {
        const before = q.get.get(id)?.firmware_version ?? null;
        q.seen.run(at.toISOString(), hardwareId ?? null, id);
        const applied = q.firmware.run({ version, eventAt: eventAt?.toISOString() ?? null, id }).changes === 1;
        // A firmware change is a state change worth auditing; a plain reboot is not.
        if (applied && before !== version) audit({ actor: `device:${id}`, action: 'device.firmware', subject: `device:${id}`, detail: { from: before, to: version } });
      })();
      return Promise.resolve();
    },
    touch: async (id, at) => {
      q.touch.run(at.toISOString(), id);
      return Promise.resolve();
    },
    setGroup: async (id, group, entry) =>
      Promise.resolve(db.transaction(() => {
        need(id);
        q.group.run(group ?? null, id);
        audit(entry);
        return toRecord(need(id));
      })()),
    revoke: async (id, reason, entry) =>
      Promise.resolve(db.transaction(() => {
        if (need(id).status === 'revoked') throw new CloudError('CONFLICT', 'the device is revoked already');
        q.revokeDevice.run(id);
        q.revokeCerts.run(now(), reason, id);
        audit(entry);
        return q.certsOf.all(id).map(entryOf);
      })()),
    isCertificateActive: async (deviceId, serial) => Promise.resolve(q.active.get(deviceId, serial) !== undefined),
    revokedCertificates: async () => Promise.resolve(q.revoked.all().map(entryOf)),
  };
} // prettier-ignore
