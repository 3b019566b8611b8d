import {
  HTTP_PATHS,
  MAX_MESSAGE_BYTES,
  noticesTopic,
  telemetryTopic,
} from '@cra-kit-examples/device-protocol';
import { generateSigningKey } from '@cra-kit/core';
import { initCaDirectory, issueCertificate, openCaDirectory, toPem } from '@cra-kit/identity';
import type { MqttClient } from 'mqtt';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closed,
  connectDevice,
  deviceCall,
  enrollDevice,
  FAST_SCRYPT,
  PASSPHRASE,
  startFixture,
  subscribeGranted,
  type DeviceCredentials,
  type Fixture,
} from './helpers/cloud-fixture.js';

// Certificates the cloud must refuse, each for an enrolled serial and known to the registry, so
// the only reason left to refuse it is the one under test.
async function certificateFrom(ca: Parameters<typeof issueCertificate>[0]['ca'], serial: string, clock?: { now(): Date }, validityDays?: number) {
  const key = await generateSigningKey('ecdsa-p256-sha256');
  const issued = await issueCertificate({ ca, subjectPublicKey: await key.signer.publicKey(), request: { profile: 'ldevid-mtls', serial, ...(validityDays ? { validityDays } : {}) }, ...(clock ? { clock } : {}) });
  return { issued, keyPem: toPem(key.privateKeyPkcs8, 'PRIVATE KEY'), certPem: toPem(issued.certificate, 'CERTIFICATE') };
} // prettier-ignore

describe('device access: MQTT and HTTPS', () => {
  let f: Fixture;
  let a: DeviceCredentials;
  let b: DeviceCredentials;
  const refused: Record<string, { keyPem: string; certPem: string; clientId: string }> = {};
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    f = await startFixture();
    a = await enrollDevice(f, 'VS-A');
    b = await enrollDevice(f, 'VS-B');
    const known = (serial: string, deviceId: string) =>
      f.cloud.ctx.db
        .prepare(
          "INSERT INTO device_certificates (serial_number, device_id, not_after, issued_at) VALUES (?, ?, '2099-01-01T00:00:00Z', '2020-01-01T00:00:00Z')",
        )
        .run(serial.replace(/^(00)+(?=..)/, ''), deviceId);
    // Expired: issued by our CA with a clock three days back, valid one day.
    const past = { now: () => new Date(Date.now() - 3 * 86_400_000) };
    const expired = await certificateFrom(f.ca.issuing, 'VS-A', past, 1);
    known(expired.issued.serialNumber, 'VS-A');
    refused.expired = { ...expired, certPem: expired.certPem + f.ca.chainPem, clientId: 'VS-A' };
    // Wrong CA: same serial, another organisation's CA.
    const otherDir = join(f.dir, 'other-ca');
    await initCaDirectory({
      dir: otherDir,
      organization: 'Mallory Inc',
      passphrase: PASSPHRASE,
      scrypt: FAST_SCRYPT,
    });
    const other = await openCaDirectory({ dir: otherDir, passphrase: PASSPHRASE });
    const wrong = await certificateFrom(other.issuing, 'VS-A');
    known(wrong.issued.serialNumber, 'VS-A');
    refused['wrong CA'] = { ...wrong, certPem: wrong.certPem + other.chainPem, clientId: 'VS-A' };
    // Revoked: a third device, enrolled, then revoked by a security officer.
    const c = await enrollDevice(f, 'VS-C');
    const revoke = await f.api('POST', '/api/v1/devices/VS-C/revoke', {
      token: f.adminToken,
      body: { reason: 'keyCompromise' },
    });
    expect(revoke.status).toBe(200);
    refused.revoked = { ...c, clientId: 'VS-C' };
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await f.close();
  });

  const track = (c: MqttClient) => (clients.push(c), c);

  it('lets an enrolled device connect, publish its telemetry and reach the device listener', async () => {
    const client = track(await connectDevice(f, a, 'VS-A'));
    await client.publishAsync(
      telemetryTopic('VS-A'),
      JSON.stringify({ at: new Date().toISOString(), values: { temperature: 21.5 } }),
      { qos: 1 },
    );
    const res = await deviceCall(f, HTTP_PATHS.estCaCerts, a);
    expect(res.status).toBe(200);
  });

  it('refuses a client id other than the certificate serial', async () => {
    await expect(connectDevice(f, a, 'VS-B')).rejects.toThrow(/Not authorized/i);
  });

  it('does not let device A subscribe to device B’s topics, or to wildcards', async () => {
    const client = track(await connectDevice(f, a, 'VS-A'));
    expect(
      await subscribeGranted(client, [
        noticesTopic('VS-B'),
        telemetryTopic('VS-B'),
        'devices/#',
        '#',
        'devices/+/notices',
      ]),
    ).toEqual([128, 128, 128, 128, 128]);
    expect(await subscribeGranted(client, [noticesTopic('VS-A')])).toEqual([1]);
    // B receives its notice; A, subscribed to nothing of B's, receives nothing.
    const bClient = track(await connectDevice(f, b, 'VS-B'));
    await bClient.subscribeAsync(noticesTopic('VS-B'), { qos: 1 });
    const received: string[] = [];
    client.on('message', (topic) => received.push(topic));
    const gotB = new Promise<string>((resolve) =>
      bClient.once('message', (topic) => {
        resolve(topic);
      }),
    );
    await f.cloud.ctx.publishToDevice('VS-B', {
      kind: 'end-of-support',
      supportEnds: '2031-12-31',
      text: 'x',
    });
    expect(await gotB).toBe(noticesTopic('VS-B'));
    await client.publishAsync(
      telemetryTopic('VS-A'),
      JSON.stringify({ at: new Date().toISOString(), values: { temperature: 1 } }),
      { qos: 1 },
    );
    expect(received).toEqual([]);
  });

  it.each([
    ['B’s telemetry', telemetryTopic('VS-B')],
    ['B’s notices', noticesTopic('VS-B')],
    ['its own notices (cloud → device only)', noticesTopic('VS-A')],
    ['a topic outside devices/', 'other/topic'],
  ])('disconnects device A when it publishes to %s', async (_, topic) => {
    const client = track(await connectDevice(f, a, 'VS-A'));
    const gone = closed(client);
    client.publish(
      topic,
      JSON.stringify({ at: new Date().toISOString(), values: { temperature: 1 } }),
      { qos: 0 },
    );
    await gone;
    expect(client.connected).toBe(false);
  });

  it.each([
    ['just over MAX_MESSAGE_BYTES', MAX_MESSAGE_BYTES + 1],
    ['far over it (refused from the fixed header)', 5 * 1024 * 1024],
  ])('disconnects a device that publishes a payload %s', async (_, size) => {
    const client = track(await connectDevice(f, a, 'VS-A'));
    const gone = closed(client);
    client.publish(telemetryTopic('VS-A'), Buffer.alloc(size, 0x20), { qos: 0 });
    await gone;
    expect(client.connected).toBe(false);
  });

  it('refuses a client without a certificate on MQTT and on the device listener', async () => {
    await expect(
      connectDevice(
        f,
        { keyPem: undefined as unknown as string, certPem: undefined as unknown as string },
        'VS-A',
      ),
    ).rejects.toThrow();
    await expect(deviceCall(f, HTTP_PATHS.estCaCerts, undefined)).rejects.toThrow();
  });

  it.each(['expired', 'wrong CA', 'revoked'])(
    'refuses a %s certificate on MQTT and on the device listener',
    async (kind) => {
      const creds = refused[kind]!;
      await expect(connectDevice(f, creds, creds.clientId)).rejects.toThrow();
      await expect(deviceCall(f, HTTP_PATHS.estCaCerts, creds)).rejects.toThrow();
    },
  );

  it('keeps telemetry published to B’s topic by A out of B’s record', () => {
    const latest = f.cloud.ctx.db
      .prepare("SELECT count(*) AS n FROM telemetry_latest WHERE device_id = 'VS-B'")
      .get() as { n: number };
    expect(latest.n).toBe(0);
  });
});
