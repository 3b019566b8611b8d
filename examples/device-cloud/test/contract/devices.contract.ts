import { describe, expect, it } from 'vitest';
import type { Backend } from './backends.js';
import { lastActions, useFreshStores } from './context.js';

const audit = (action: string, id: string) => ({
  actor: `device:${id}`,
  action,
  subject: `device:${id}`,
});

/** The device registry: enrollment, renewal, groups, boots, revocation. */
export function describeDeviceContract(backend: Backend): void {
  describe(`${backend.name}: device registry`, () => {
    const s = useFreshStores(backend);
    it('records enrollment and renewal, audited, and pages by id', async () => {
      const { stores } = s();
      const d = stores.devices;
      const rec = await d.recordCertificate({ deviceId: 'dev-b', certificateSerial: '0a', notAfter: '2027-04-01T00:00:00.000Z', hardwareId: 'hw-1' }, audit('device.enroll', 'dev-b'));
      expect(rec).toEqual({ id: 'dev-b', hardwareId: 'hw-1', certificateSerial: '0a', certificateNotAfter: '2027-04-01T00:00:00.000Z', status: 'active', enrolledAt: '2027-01-01T00:00:00.000Z', lastSeenAt: undefined, firmwareVersion: undefined, group: undefined });
      const renewed = await d.recordCertificate({ deviceId: 'dev-b', certificateSerial: '0b', notAfter: '2027-07-01T00:00:00.000Z' }, audit('device.renew', 'dev-b'));
      expect(renewed).toMatchObject({ certificateSerial: '0b', hardwareId: 'hw-1', enrolledAt: '2027-01-01T00:00:00.000Z' });
      expect(await d.isCertificateActive('dev-b', '0a')).toBe(true);
      expect(await d.isCertificateActive('dev-b', '0b')).toBe(true);
      expect(await d.isCertificateActive('dev-b', '0c')).toBe(false);
      expect(await d.isCertificateActive('dev-x', '0a')).toBe(false);
      await d.recordCertificate({ deviceId: 'dev-a', certificateSerial: '01', notAfter: '2027-04-01T00:00:00.000Z' }, audit('device.enroll', 'dev-a'));
      await d.recordCertificate({ deviceId: 'dev-c', certificateSerial: '02', notAfter: '2027-04-01T00:00:00.000Z' }, audit('device.enroll', 'dev-c'));
      expect((await d.list()).map((r) => r.id)).toEqual(['dev-a', 'dev-b', 'dev-c']);
      const p1 = await d.page({ limit: 2 });
      expect(p1.devices.map((r) => r.id)).toEqual(['dev-a', 'dev-b']);
      expect(p1.next).toBe('dev-b');
      const p2 = await d.page({ limit: 2, after: p1.next });
      expect(p2).toMatchObject({ next: undefined });
      expect(p2.devices.map((r) => r.id)).toEqual(['dev-c']);
      expect(await d.get('dev-none')).toBeUndefined();
      expect(await lastActions(s().stores, 4)).toEqual(['device.enroll', 'device.enroll', 'device.renew', 'device.enroll']);
    });
    it('records boots (auditing firmware changes only), last seen and groups', async () => {
      const { stores } = s();
      const d = stores.devices;
      await d.recordBoot('dev-a', '1.0.0', new Date('2027-01-02T00:00:00Z'));
      await d.recordBoot('dev-a', '1.0.0', new Date('2027-01-03T00:00:00Z'));
      expect(await lastActions(stores, 2)).toEqual(['device.firmware', 'device.enroll']);
      await d.touch('dev-a', new Date('2027-01-04T00:00:00Z'));
      expect(await d.get('dev-a')).toMatchObject({ firmwareVersion: '1.0.0', lastSeenAt: '2027-01-04T00:00:00.000Z', hardwareId: undefined });
      // A boot names the hardware; a boot without one keeps what is known.
      await d.recordBoot('dev-a', '1.0.0', new Date('2027-01-05T00:00:00Z'), 'rev-b');
      await d.recordBoot('dev-a', '1.0.0', new Date('2027-01-06T00:00:00Z'));
      expect(await d.get('dev-a')).toMatchObject({ hardwareId: 'rev-b', lastSeenAt: '2027-01-06T00:00:00.000Z' });
      expect(await d.setGroup('dev-a', 'canary', { actor: 'operator:x', action: 'device.group', subject: 'device:dev-a' })).toMatchObject({ group: 'canary' });
      expect(await d.setGroup('dev-a', undefined, { actor: 'operator:x', action: 'device.group', subject: 'device:dev-a' })).toMatchObject({ group: undefined });
      await expect(d.setGroup('dev-none', 'x', { actor: 'operator:x', action: 'device.group', subject: 'device:dev-none' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
    it('revokes a device and all its certificates, once; a revoked device never comes back', async () => {
      const { stores } = s();
      const d = stores.devices;
      const entries = await d.revoke('dev-b', 'keyCompromise', { actor: 'operator:x', action: 'device.revoke', subject: 'device:dev-b' });
      expect(entries.map((e) => e.serialNumber).sort()).toEqual(['0a', '0b']);
      expect(entries[0]).toMatchObject({ reason: 'keyCompromise', deviceSerial: 'dev-b', revokedAt: '2027-01-01T00:00:00.000Z' });
      await expect(d.revoke('dev-b', 'keyCompromise', { actor: 'operator:x', action: 'device.revoke', subject: 'device:dev-b' })).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(d.revoke('dev-none', 'keyCompromise', { actor: 'operator:x', action: 'device.revoke', subject: 'device:dev-none' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(d.assertNotRevoked('dev-b')).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(d.assertNotRevoked('dev-a')).resolves.toBeUndefined();
      await expect(d.recordCertificate({ deviceId: 'dev-b', certificateSerial: '0c', notAfter: '2027-09-01T00:00:00.000Z' }, audit('device.renew', 'dev-b'))).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(await d.isCertificateActive('dev-b', '0b')).toBe(false);
      expect((await d.revokedCertificates()).map((e) => e.serialNumber).sort()).toEqual(['0a', '0b']);
      expect(await lastActions(stores, 1)).toEqual(['device.revoke']);
      expect(await d.get('dev-b')).toMatchObject({ status: 'revoked', certificateSerial: '0b' });
    });
    it('enrolls one new device from two racing requests into one record', async () => {
      const { stores } = s();
      const results = await Promise.all(['10', '11'].map((serial) => stores.devices.recordCertificate({ deviceId: 'dev-race', certificateSerial: serial, notAfter: '2027-04-01T00:00:00.000Z' }, audit('device.enroll', 'dev-race'))));
      expect(results.map((r) => r.id)).toEqual(['dev-race', 'dev-race']);
      expect(await stores.devices.isCertificateActive('dev-race', '10')).toBe(true);
      expect(await stores.devices.isCertificateActive('dev-race', '11')).toBe(true);
    });
    it('orders firmware reports by the device time: an older or repeated report changes and audits nothing', async () => {
      const { stores } = s();
      const d = stores.devices;
      const now = new Date('2027-01-09T00:00:00Z');
      const t = (minute: number) => new Date(Date.parse('2027-01-08T00:00:00Z') + minute * 60_000);
      await d.recordBoot('dev-c', '1.0.0', now, 'rev-b', t(1));
      await d.recordBoot('dev-c', '1.1.0', now, undefined, t(3)); // update-result, handled first
      await d.recordBoot('dev-c', '1.0.0', new Date('2027-01-09T00:01:00Z'), undefined, t(2)); // the older boot, late
      await d.recordBoot('dev-c', '1.1.0', new Date('2027-01-09T00:02:00Z'), undefined, t(3)); // the result again (at-least-once)
      expect(await d.get('dev-c')).toMatchObject({ firmwareVersion: '1.1.0', hardwareId: 'rev-b', lastSeenAt: '2027-01-09T00:02:00.000Z' });
      await stores.audit.flush();
      const firmware = (await stores.audit.page({ limit: 20 })).entries.filter((e) => e.action === 'device.firmware' && e.subject === 'device:dev-c');
      expect(firmware.map((e) => e.detail)).toEqual([{ from: '1.0.0', to: '1.1.0' }, { from: null, to: '1.0.0' }]);
      // The same instant applies (a boot and a result of one moment); a later report moves on.
      await d.recordBoot('dev-c', '1.2.0', now, undefined, t(3));
      await d.recordBoot('dev-c', '1.3.0', now, undefined, t(4));
      expect(await d.get('dev-c')).toMatchObject({ firmwareVersion: '1.3.0' });
    });
  });
} // prettier-ignore
