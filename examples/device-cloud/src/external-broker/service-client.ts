import { readFile } from 'node:fs/promises';
import { NoticeSchema, noticesTopic, type Notice } from '@cra-kit-examples/device-protocol';
import { generateSigningKey, type Clock } from '@cra-kit/core';
import { issueCertificate, toPem, type CaDirectory } from '@cra-kit/identity';
import type { FastifyBaseLogger } from 'fastify';
import { connect, type MqttClient } from 'mqtt';
import type { DeviceBroker } from '../broker/device-broker.js';
import type { DeviceMessageHandler } from '../broker/device-messages.js';
import { deviceIdOfTopic, refusedPublish } from '../broker/device-topics.js';
import type { DeviceStore } from '../devices/device-store.js';
import { CloudError } from '../errors.js';
import { writeFileAtomic } from './atomic-file.js';
import { brokerAddress, writeMosquittoFiles } from './broker-files.js';
import { SERVICE_CN_PREFIX, type ExternalBrokerConfig } from './config.js';

const DEVICE_TOPICS = ['devices/+/telemetry', 'devices/+/events'];
// Mosquitto publishes its own log here (log_dest topic); we only read information lines.
const LOG_TOPIC = '$SYS/broker/log/I';
const RELOAD_TIMEOUT_MS = 10_000;

/** A fresh key and a short-lived client certificate from our CA, held only in memory. */
async function ephemeralIdentity(ca: CaDirectory, serial: string, validityDays: number, clock: Clock) {
  const key = await generateSigningKey('ecdsa-p256-sha256');
  const issued = await issueCertificate({ ca: ca.issuing, subjectPublicKey: await key.signer.publicKey(), request: { profile: 'ldevid-mtls', serial, validityDays }, clock });
  const keyPem = toPem(key.privateKeyPkcs8, 'PRIVATE KEY');
  key.privateKeyPkcs8.fill(0);
  return { key: keyPem, cert: toPem(issued.certificate, 'CERTIFICATE') + ca.chainPem };
} // prettier-ignore

/**
 * The cloud's side of an external Mosquitto: generates its files, connects as the privileged
 * service identity `cra-cloud:<serviceName>` (a fresh in-memory key and certificate on every
 * start), receives device telemetry and events into the same handler as the embedded broker,
 * publishes notices, and applies revocations (CRL file + SIGHUP + session takeover).
 * @throws {CloudError} CLOUD_STARTUP_FAILED when the broker is not reachable in time
 */
export async function connectExternalBroker(options: {
  broker: ExternalBrokerConfig;
  ca: CaDirectory;
  trustPem: string;
  rootPem: string;
  crlPems: readonly string[];
  devices: DeviceStore;
  messages: DeviceMessageHandler;
  clock: Clock;
  log: FastifyBaseLogger;
}): Promise<DeviceBroker> {
  const { broker, log } = options;
  const files = await writeMosquittoFiles(options);
  const { host, port } = brokerAddress(broker.url);
  const tlsOf = (identity: { key: string; cert: string }) => ({ ...identity, ca: options.rootPem, servername: host, rejectUnauthorized: true, protocolVersion: 4 as const });
  const service = await ephemeralIdentity(options.ca, SERVICE_CN_PREFIX + broker.serviceName, 397, options.clock);
  const client: MqttClient = connect(broker.url, { ...tlsOf(service), clientId: SERVICE_CN_PREFIX + broker.serviceName, clean: true, reconnectPeriod: 1_000, connectTimeout: broker.connectTimeoutSeconds * 1000, resubscribe: true });
  const reloadWaiters = new Set<() => void>();
  client.on('message', (topic, payload, packet) => {
    if (topic === LOG_TOPIC) {
      if (payload.toString('utf8').includes('Reloading config')) for (const done of reloadWaiters) done();
      return;
    }
    void receive(topic, payload, packet.retain).catch((err: unknown) => {
      log.error({ err, topic }, 'device message failed');
    });
  });
  client.on('error', (err) => {
    log.warn({ err: err.message }, 'broker connection error');
  });
  // The second line behind Mosquitto's ACL: the same topic rules as Aedes, and the registry
  // (Mosquitto checks only the CRL, so a revoked device's last messages are dropped here).
  async function receive(topic: string, payload: Buffer, retain: boolean) {
    const deviceId = deviceIdOfTopic(topic);
    const refused = deviceId === undefined ? 'not a device topic' : refusedPublish(deviceId, { topic, size: payload.length, retain });
    if (deviceId === undefined || refused !== undefined) {
      log.warn({ topic, refused }, 'message from the broker refused');
      return;
    }
    if ((await options.devices.get(deviceId))?.status !== 'active') return;
    await options.messages.handle(deviceId, topic, payload);
  } // prettier-ignore

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new CloudError('CLOUD_STARTUP_FAILED', `broker ${broker.url} not reachable`));
      }, broker.connectTimeoutSeconds * 1000);
      client.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    await client.subscribeAsync([...DEVICE_TOPICS, LOG_TOPIC], { qos: 1 });
  } catch (error) {
    await client.endAsync(true);
    throw error;
  }

  /** Connecting with the device's identity takes its session over, which closes its connection. */
  async function kick(deviceId: string) {
    const identity = await ephemeralIdentity(options.ca, deviceId, 1, options.clock);
    const kicker = connect(broker.url, { ...tlsOf(identity), clientId: deviceId, clean: true, reconnectPeriod: 0, connectTimeout: 15_000 });
    try {
      await new Promise<void>((resolve, reject) => {
        kicker.once('connect', () => {
          resolve();
        });
        kicker.once('error', reject);
        kicker.once('close', () => {
          reject(new Error('closed before CONNACK'));
        });
      });
    } finally {
      await kicker.endAsync(true);
    }
  } // prettier-ignore
  const kickLogged = (deviceId: string) =>
    kick(deviceId).catch((err: unknown) => {
      log.error({ err, deviceId }, 'could not close the device session on the broker');
    });

  /** Sends SIGHUP to Mosquitto and waits until it reports the reload. */
  async function reload(): Promise<boolean> {
    let pid: number;
    try {
      pid = Number((await readFile(broker.pidFile ?? '', 'utf8')).trim());
    } catch {
      log.warn({ pidFile: broker.pidFile }, 'no Mosquitto pid file: send it SIGHUP to load the new CRL');
      return false;
    }
    let done: () => void = () => undefined;
    const reloaded = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        resolve(false);
      }, RELOAD_TIMEOUT_MS);
      done = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
    reloadWaiters.add(done);
    try {
      process.kill(pid, 'SIGHUP');
      return await reloaded;
    } catch (err) {
      log.warn({ err, pid }, 'could not signal Mosquitto');
      return false;
    } finally {
      reloadWaiters.delete(done);
    }
  }

  // Devices whose session must be closed again once the new CRL is loaded (they may have
  // reconnected with the old one in between).
  const pendingKicks = new Set<string>();
  return {
    port,
    url: broker.url,
    async publishToDevice(deviceId: string, notice: Notice) {
      const parsed = NoticeSchema.safeParse(notice);
      if (!parsed.success) throw new CloudError('INVALID_REQUEST', 'notice does not match NoticeSchema');
      await client.publishAsync(noticesTopic(deviceId), JSON.stringify(parsed.data), { qos: 1, retain: false });
    },
    disconnect(deviceId) {
      pendingKicks.add(deviceId);
      void kickLogged(deviceId);
    },
    async applyCrl(crlPems) {
      await writeFileAtomic(files.crl, crlPems.join(''));
      if (!(await reload())) log.warn('Mosquitto did not confirm the reload; the new CRL applies after its next SIGHUP');
      const ids = [...pendingKicks];
      pendingKicks.clear();
      await Promise.all(ids.map(kickLogged));
    },
    async close() {
      await client.endAsync(true);
    },
  };
} // prettier-ignore
