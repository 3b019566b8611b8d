import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { telemetryTopic } from '@cra-kit-examples/device-protocol';
import { systemClock } from '@cra-kit/core';
import { initCaDirectory, openCaDirectory, type CaDirectory } from '@cra-kit/identity';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSubscriber } from '../src/external-broker/acked-subscriber.js';
import {
  ephemeralIdentity,
  type EphemeralIdentity,
} from '../src/external-broker/service-identity.js';
import { prepareExternalBroker, resolveCloudConfig } from '../src/index.js';
import { eventually } from './contract/cluster.js';
import { freePort, startMosquitto, type MosquittoProcess } from './helpers/broker-mosquitto.js';
import { FAST_SCRYPT, PASSPHRASE, PROFILE } from './helpers/cloud-fixture.js';

// One receiving connection against a real Mosquitto from the generated configuration: what its
// close does with the message in hand and with the next one (at-least-once across a shutdown),
// and that it comes back after a broker restart.
let tmp: string;
let ca: CaDirectory;
let url: string;
let mosquitto: MosquittoProcess;
let device: MqttClient;
let deviceIdentity: EphemeralIdentity;
const clients: { close(): Promise<void> }[] = [];
const log = { error: () => undefined, warn: () => undefined } as never;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'cra-acked-'));
  const caDir = join(tmp, 'ca');
  await initCaDirectory({ dir: caDir, organization: 'Acme Sensors', passphrase: PASSPHRASE, scrypt: FAST_SCRYPT }); // prettier-ignore
  ca = await openCaDirectory({ dir: caDir, passphrase: PASSPHRASE });
  url = `mqtts://localhost:${await freePort()}`;
  const config = resolveCloudConfig({ dataDir: join(tmp, 'data'), productProfile: PROFILE, ca: { dir: caDir, passphraseEnv: 'TEST_CA_PASSPHRASE' }, broker: { mode: 'external', url, bindAddress: '127.0.0.1', persistence: false, runAsUser: userInfo().username } }); // prettier-ignore
  mosquitto = await startMosquitto((await prepareExternalBroker({ config, env: { TEST_CA_PASSPHRASE: PASSPHRASE } })).conf); // prettier-ignore
  deviceIdentity = await ephemeralIdentity(ca, 'VS-CLOSE', 1, systemClock);
  device = await connectAsync(url, { ...deviceIdentity, ca: ca.chainPem, servername: 'localhost', protocolVersion: 4, reconnectPeriod: 0 }); // prettier-ignore
}, 60_000);

afterAll(async () => {
  await device.endAsync(true);
  await Promise.all(clients.map((c) => c.close()));
  await mosquitto.kill();
  await rm(tmp, { recursive: true, force: true });
});

describe('a receiving connection', () => {
  it('closes after the message in hand (acknowledged), leaves the next one to its session, and survives a broker restart', async () => {
    const identity = await ephemeralIdentity(ca, 'cra-cloud:cloud:r1', 1, systemClock);
    const receive = (route: (payload: string) => Promise<void> | void) =>
      connectSubscriber({ url, rootPem: ca.chainPem, identity, clientId: 'cra-cloud:cloud:r1', connectTimeoutMs: 15_000, log, subscriptions: [{ topic: '$share/cra-cloud/devices/+/telemetry', qos: 1 }], route: (_t, payload) => route(payload.toString('utf8')) }); // prettier-ignore
    const first: string[] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const subscriber = await receive(async (payload) => {
      first.push(payload);
      await held;
    });
    clients.push(subscriber);
    for (const n of [1, 2, 3]) await device.publishAsync(telemetryTopic('VS-CLOSE'), `m${n}`, { qos: 1 }); // prettier-ignore
    await eventually(async () => Promise.resolve(first.length > 0 ? true : undefined), 'm1 in hand'); // prettier-ignore
    let closed = false;
    const closing = subscriber.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false); // it waits for the handler
    release();
    await closing;
    expect(first).toEqual(['m1']);

    // The same identity again: m1 was acknowledged, m2 and m3 were not, and come now, in order.
    const second: string[] = [];
    clients.push(await receive((payload) => void second.push(payload)));
    await eventually(async () => Promise.resolve(second.length >= 2 ? true : undefined), 'm2 and m3 delivered again'); // prettier-ignore
    expect(second).toEqual(['m2', 'm3']);

    // The broker restarts without persistence: the receiver reconnects and subscribes again.
    await mosquitto.kill();
    await mosquitto.start();
    device = await connectAsync(url, { ...deviceIdentity, ca: ca.chainPem, servername: 'localhost', protocolVersion: 4, reconnectPeriod: 0 }); // prettier-ignore
    await eventually(async () => {
      await device.publishAsync(telemetryTopic('VS-CLOSE'), 'm4', { qos: 1 });
      return second.includes('m4') ? true : undefined;
    }, 'm4 handled after the broker restart');
  }, 60_000);
});
