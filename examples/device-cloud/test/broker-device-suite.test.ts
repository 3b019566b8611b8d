import {
  eventsTopic,
  MAX_MESSAGE_BYTES,
  noticesTopic,
  telemetryTopic,
} from '@cra-kit-examples/device-protocol';
import { generateSigningKey } from '@cra-kit/core';
import { initCaDirectory, issueCertificate, openCaDirectory, toPem } from '@cra-kit/identity';
import type { MqttClient } from 'mqtt';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startOn,
  type BrokerMode as Mode,
  type MosquittoProcess,
} from './helpers/broker-mosquitto.js';
import {
  closed,
  connectDevice,
  enrollDevice,
  FAST_SCRYPT,
  PASSPHRASE,
  subscribeGranted,
  type DeviceCredentials,
  type Fixture,
} from './helpers/cloud-fixture.js';

type Latest = { values: Record<string, { value: unknown }> };
type Stats = { rejections: { deviceId: string; key: string; reason: string; count: number }[] };

async function certificateFrom(ca: Parameters<typeof issueCertificate>[0]['ca'], serial: string, clock?: { now(): Date }, validityDays?: number) {
  const key = await generateSigningKey('ecdsa-p256-sha256');
  const issued = await issueCertificate({ ca, subjectPublicKey: await key.signer.publicKey(), request: { profile: 'ldevid-mtls', serial, ...(validityDays ? { validityDays } : {}) }, ...(clock ? { clock } : {}) });
  return { keyPem: toPem(key.privateKeyPkcs8, 'PRIVATE KEY'), certPem: toPem(issued.certificate, 'CERTIFICATE') };
} // prettier-ignore

describe.each<Mode>(['embedded', 'external'])('device MQTT suite on the %s broker', (mode) => {
  let f: Fixture;
  let mosquitto: MosquittoProcess | undefined;
  let a: DeviceCredentials;
  let b: DeviceCredentials;
  const clients: MqttClient[] = [];
  const track = (c: MqttClient) => (clients.push(c), c);
  const events: string[] = [];
  // A trailing event: once the cloud's listener saw it, everything the device sent before it has
  // been handled (one queue per device).
  const settle = async (client: MqttClient, deviceId: string) => {
    const marker = `marker-${String(events.length)}-${String(Math.random())}`;
    const seen = new Promise<void>((resolve) => {
      const check = () => {
        if (events.includes(marker)) resolve();
        else setTimeout(check, 5);
      };
      check();
    });
    await client.publishAsync(eventsTopic(deviceId), JSON.stringify({ kind: 'security-event', at: new Date().toISOString(), type: 'tamper-suspected', detail: marker }), { qos: 1 });
    await seen;
  }; // prettier-ignore
  const latest = async (id: string) =>
    (await f.api('GET', `/api/v1/devices/${id}/telemetry`, { token: f.adminToken })).json<Latest>()
      .values;

  beforeAll(async () => {
    ({ f, mosquitto } = await startOn(mode));
    f.cloud.ctx.onDeviceEvent((_id, event) => {
      if (event.kind === 'security-event') events.push(event.detail);
    });
    a = await enrollDevice(f, 'VS-A');
    b = await enrollDevice(f, 'VS-B');
  }, 120_000);
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await f.close();
    await mosquitto?.kill();
  });

  it('generates a Mosquitto config with mutual TLS, identity as username and the device ACL', async () => {
    if (mode === 'embedded') {
      expect(f.cloud.mqttUrl).toMatch(/^mqtts:\/\/localhost:\d+$/);
      return;
    }
    const dir = join(f.config.dataDir, 'mosquitto');
    const conf = await readFile(join(dir, 'mosquitto.conf'), 'utf8');
    for (const line of ['require_certificate true', 'use_identity_as_username true', 'use_username_as_clientid true', 'allow_anonymous false', `crlfile ${join(dir, 'crl.pem')}`]) {
      expect(conf.split('\n')).toContain(line);
    }
    // One listener, ours: nothing in the file opens Mosquitto's default plain listener on 1883.
    expect(mosquitto?.output().match(/Opening \S+ listen socket on port (\d+)/g)).toEqual([`Opening ipv4 listen socket on port ${new URL(f.cloud.mqttUrl).port}`]);
    const acl = await readFile(join(dir, 'acl'), 'utf8');
    expect(acl).toContain('pattern write devices/%u/telemetry\npattern write devices/%u/events\npattern read devices/%u/notices');
    expect(acl).toContain('user cra-cloud:cloud\ntopic readwrite #');
  }); // prettier-ignore

  it('stores declared telemetry and rejects undeclared fields, through the same handler', async () => {
    const client = track(await connectDevice(f, a, 'VS-A'));
    const send = (values: Record<string, unknown>) =>
      client.publishAsync(telemetryTopic('VS-A'), JSON.stringify({ at: new Date().toISOString(), values }), { qos: 1 }); // prettier-ignore
    await send({ temperature: 21.5, battery_level: 80 });
    await send({ temperature: 30, installer_name: 'Jane Doe' });
    await settle(client, 'VS-A');
    expect(await latest('VS-A')).toMatchObject({ temperature: { value: 21.5 }, battery_level: { value: 80 } }); // prettier-ignore
    const stats = await f.api('GET', '/api/v1/telemetry/stats', { token: f.adminToken });
    expect(stats.json<Stats>().rejections).toContainEqual(expect.objectContaining({ deviceId: 'VS-A', key: 'installer_name', reason: 'undeclared', count: 1 })); // prettier-ignore
  });

  it('does not let device A subscribe to device B’s topics or to wildcards', async () => {
    const client = track(await connectDevice(f, a, 'VS-A'));
    const refused = await subscribeGranted(client, [noticesTopic('VS-B'), telemetryTopic('VS-B'), 'devices/#', '#', 'devices/+/notices']); // prettier-ignore
    // Aedes refuses in SUBACK; Mosquitto 2.0's ACL file grants the subscription and checks read
    // access per message, so what matters for both is below: nothing of B's reaches A.
    expect(refused).toEqual(mode === 'embedded' ? [128, 128, 128, 128, 128] : [1, 1, 1, 1, 1]);
    expect(await subscribeGranted(client, [noticesTopic('VS-A')])).toEqual([1]);
    const bClient = track(await connectDevice(f, b, 'VS-B'));
    await bClient.subscribeAsync(noticesTopic('VS-B'), { qos: 1 });
    const received: string[] = [];
    client.on('message', (topic) => received.push(topic));
    const gotB = new Promise<string>((resolve) => bClient.once('message', resolve));
    await f.cloud.ctx.publishToDevice('VS-B', { kind: 'end-of-support', supportEnds: '2031-12-31', text: 'x' }); // prettier-ignore
    expect(await gotB).toBe(noticesTopic('VS-B'));
    // A's own round trip after B's notice: had it been delivered to A, it would have arrived first.
    await settle(client, 'VS-A');
    expect(received).toEqual([]);
  });

  it('never lets device A publish as device B (Aedes disconnects A, Mosquitto drops the message)', async () => {
    const client = track(await connectDevice(f, a, 'VS-A'));
    const gone = closed(client);
    await client.publishAsync(telemetryTopic('VS-B'), JSON.stringify({ at: new Date().toISOString(), values: { temperature: 99 } }), { qos: 0 }); // prettier-ignore
    if (mode === 'embedded') await gone;
    else await settle(client, 'VS-A');
    const bClient = track(await connectDevice(f, b, 'VS-B'));
    await settle(bClient, 'VS-B');
    expect(await latest('VS-B')).toEqual({});
  });

  it('does not let device A take over device B’s session with B’s client id', async () => {
    const bClient = track(await connectDevice(f, b, 'VS-B'));
    if (mode === 'embedded') {
      await expect(connectDevice(f, a, 'VS-B')).rejects.toThrow(/Not authorized/i);
    } else {
      // Mosquitto replaces the client id with the certificate's CN: A connects as VS-A.
      const aClient = track(await connectDevice(f, a, 'VS-B'));
      await settle(aClient, 'VS-A');
    }
    await settle(bClient, 'VS-B');
    expect(bClient.connected).toBe(true);
  });

  it('disconnects a device that publishes more than MAX_MESSAGE_BYTES', async () => {
    const client = track(await connectDevice(f, a, 'VS-A'));
    const gone = closed(client);
    client.publish(telemetryTopic('VS-A'), Buffer.alloc(MAX_MESSAGE_BYTES + 2048, 0x20), {
      qos: 0,
    });
    await gone;
    expect(client.connected).toBe(false);
  });

  it('refuses no certificate, an expired one and one from another CA', async () => {
    await expect(connectDevice(f, { keyPem: undefined as unknown as string, certPem: undefined as unknown as string }, 'VS-A')).rejects.toThrow(); // prettier-ignore
    const past = { now: () => new Date(Date.now() - 3 * 86_400_000) };
    const expired = await certificateFrom(f.ca.issuing, 'VS-A', past, 1);
    await expect(connectDevice(f, { keyPem: expired.keyPem, certPem: expired.certPem + f.ca.chainPem }, 'VS-A')).rejects.toThrow(); // prettier-ignore
    const otherDir = join(f.dir, 'other-ca');
    await initCaDirectory({ dir: otherDir, organization: 'Mallory Inc', passphrase: PASSPHRASE, scrypt: FAST_SCRYPT }); // prettier-ignore
    const other = await openCaDirectory({ dir: otherDir, passphrase: PASSPHRASE });
    const wrong = await certificateFrom(other.issuing, 'VS-A');
    await expect(connectDevice(f, { keyPem: wrong.keyPem, certPem: wrong.certPem + other.chainPem }, 'VS-A')).rejects.toThrow(); // prettier-ignore
  });

  it('on revocation closes the live session and refuses the next connection; others stay', async () => {
    const c = await enrollDevice(f, 'VS-C');
    const live = track(await connectDevice(f, c, 'VS-C'));
    const bystander = track(await connectDevice(f, b, 'VS-B'));
    const gone = closed(live);
    const res = await f.api('POST', '/api/v1/devices/VS-C/revoke', { token: f.adminToken, body: { reason: 'keyCompromise' } }); // prettier-ignore
    expect(res.status).toBe(200);
    await gone;
    await expect(connectDevice(f, c, 'VS-C')).rejects.toThrow();
    await settle(bystander, 'VS-B');
    expect(bystander.connected).toBe(true);
  });
});
