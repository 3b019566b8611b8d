import type { RevocationEntry, RevocationReason } from '@cra-kit/identity';
import type { AuditEntry, DeviceDirectory, DeviceRecord } from '../context.js';

/** A certificate issued to a device (through EST enrollment or renewal). */
export interface IssuedDeviceCertificate {
  readonly deviceId: string;
  readonly certificateSerial: string;
  readonly notAfter: string;
  readonly hardwareId?: string | undefined;
}

/**
 * The device registry. Async so that the scale-out deployment can implement it on PostgreSQL;
 * each mutating call writes its audit entry in the same transaction as the change.
 */
export interface DeviceStore extends DeviceDirectory {
  /** Devices ordered by id, `limit` at a time, after the id `after` (the previous page's `next`). */
  page(options: {
    limit: number;
    after?: string | undefined;
  }): Promise<{ devices: DeviceRecord[]; next: string | undefined }>;
  /**
   * Records a certificate issued at enrollment (first one creates the device) or renewal.
   * @throws {CloudError} CONFLICT when the device is revoked
   */
  recordCertificate(cert: IssuedDeviceCertificate, audit: AuditEntry): Promise<DeviceRecord>;
  /** Fails with CONFLICT when the device is revoked (a revoked serial never comes back). */
  assertNotRevoked(id: string): Promise<void>;
  /**
   * A `boot` or `update-result` event: firmware version (audited when it changed), hardware id
   * and last-seen time `at`. With `eventAt` (the device's time of the event) the version changes
   * only if no later event set it: events reach instances in any order (shared subscriptions).
   */
  recordBoot(
    id: string,
    firmwareVersion: string,
    at: Date,
    hardwareId?: string,
    eventAt?: Date,
  ): Promise<void>;
  touch(id: string, at: Date): Promise<void>;
  /** @throws {CloudError} NOT_FOUND */
  setGroup(id: string, group: string | undefined, audit: AuditEntry): Promise<DeviceRecord>;
  /**
   * Marks the device and all its certificates revoked.
   * @throws {CloudError} NOT_FOUND, CONFLICT (revoked already)
   */
  revoke(id: string, reason: RevocationReason, audit: AuditEntry): Promise<RevocationEntry[]>;
  /** Whether a presented certificate may act as `deviceId` now: known, not revoked, device active. */
  isCertificateActive(deviceId: string, certificateSerial: string): Promise<boolean>;
  /** Every revoked device certificate (for the EST renewal check). */
  revokedCertificates(): Promise<RevocationEntry[]>;
}
