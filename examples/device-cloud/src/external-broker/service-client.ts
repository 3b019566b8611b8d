import { readFile } from 'node:fs/promises';
import { NoticeSchema, noticesTopic, type Notice } from '@cra-kit-examples/device-protocol';
import type { Clock } from '@cra-kit/core';
import type { CaDirectory } from '@cra-kit/identity';
import type { FastifyBaseLogger } from 'fastify';
import type { DeviceBroker } from '../broker/device-broker.js';
import type { DeviceMessageHandler } from '../broker/device-messages.js';
import { deviceIdOfTopic, refusedPublish } from '../broker/device-topics.js';
import type { DeviceStore } from '../devices/device-store.js';
import { CloudError } from '../errors.js';
import { connectSubscriber, type Subscriber } from './acked-subscriber.js';
import { writeFileAtomic } from '@cra-kit/core/node';
import { brokerAddress, writeMosquittoFiles } from './broker-files.js';
import {
  DEVICE_TOPICS,
  noticesIdentity,
  receiverIdentity,
  type ExternalBrokerConfig,
} from './config.js';
import { mosquittoFiles } from './mosquitto-config.js';
import {
  parseRevocationNotice,
  REVOCATION_TOPIC,
  type RevocationNotice,
} from './revocation-notice.js';
import { connectAs, connected, ephemeralIdentity, firstConnect } from './service-identity.js';

// Mosquitto publishes its own log here (log_dest topic); we only read information lines.
const LOG_TOPIC = '$SYS/broker/log/I';
const RELOAD_TIMEOUT_MS = 10_000;

/** The external broker: it receives device messages only after {@link ExternalDeviceBroker.listen}. */
export interface ExternalDeviceBroker extends DeviceBroker {
  /**
   * Connects the receiving sessions and subscribes. Call it once every module listens: the
   * persistent sessions deliver what was queued for this instance right away.
   * @throws {CloudError} CLOUD_STARTUP_FAILED when the broker is not reachable or refuses a subscription
   */
  listen(): Promise<void>;
  /**
   * Takes no further device message, waits for the ones being handled and closes the receiving
   * sessions (their queues stay on the broker). The cloud calls it first when it stops, before
   * the modules close, so no message is acknowledged that a closed module did not apply.
   */
  stopReceiving(): Promise<void>;
}

/**
 * The cloud's side of an external Mosquitto shared by one or more instances. Each instance
 * subscribes to the device topics through a shared subscription (`$share/<sharedGroup>/…`), so
 * the broker hands each device message to one instance of the group, and acknowledges it only
 * once handled (at-least-once; `acked-subscriber.ts`). An instance receives on `receivers`
 * connections, all in the group, so it handles that many messages at once: receiver 0
 * (`cra-cloud:<name>`) also takes the revocation topic and the broker's log, the others
 * (`cra-cloud:<name>:r<i>`) only the device topics. It publishes notices on a connection of its
 * own (`cra-cloud:<name>:notices`), so publishing from inside a message handler never
 * waits behind that handler's own acknowledgement. Revocations: the revoking instance closes the
 * device's session (session takeover, from any instance) and announces the revocation on
 * {@link REVOCATION_TOPIC}; instances that manage the broker's files (`manageFiles`) then write
 * the new CRL, reload Mosquitto (SIGHUP) and close the session once more.
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
  /** Another instance revoked devices: re-sign this instance's CRL (it lands in `applyCrl`). */
  onPeerRevocation?: () => Promise<void>;
}): Promise<ExternalDeviceBroker> {
  const { broker, log } = options;
  if (broker.configDir === undefined) throw new CloudError('CLOUD_CONFIG_INVALID', 'broker paths are not resolved (resolveCloudConfig)');
  const files = broker.manageFiles ? await writeMosquittoFiles(options) : mosquittoFiles(broker.configDir);
  const { port } = brokerAddress(broker.url);
  const timeoutMs = broker.connectTimeoutSeconds * 1000;
  const identity = (cn: string, days: number) => ephemeralIdentity(options.ca, cn, days, options.clock);
  const reloadWaiters = new Set<() => void>();

  // The second line behind Mosquitto's ACL: the same topic rules as Aedes, and the registry
  // (Mosquitto checks only the CRL, so a revoked device's last messages are dropped here).
  async function receive(topic: string, payload: Buffer, retain: boolean, receiver: number) {
    const deviceId = deviceIdOfTopic(topic);
    const refused = deviceId === undefined ? 'not a device topic' : refusedPublish(deviceId, { topic, size: payload.length, retain });
    if (deviceId === undefined || refused !== undefined) {
      log.warn({ topic, refused }, 'message from the broker refused');
      return;
    }
    if ((await options.devices.get(deviceId))?.status !== 'active') return;
    await options.messages.handle(deviceId, topic, payload);
    // Which instance and receiver of the shared group handled what (the one-broker test counts these).
    log.debug({ deviceId, topic, receiver }, 'device message handled');
  }
  async function onPeer(notice: RevocationNotice) {
    await options.onPeerRevocation?.();
    if (broker.manageFiles) await Promise.all(notice.deviceIds.map(kickLogged));
  }

  const shared = DEVICE_TOPICS.map((t) => ({ topic: `$share/${broker.sharedGroup}/${t}`, qos: 1 as const }));
  const subscribe = async (receiver: number) => connectSubscriber({
    url: broker.url, rootPem: options.rootPem, identity: await identity(receiverIdentity(broker.serviceName, receiver), 397),
    clientId: receiverIdentity(broker.serviceName, receiver), connectTimeoutMs: timeoutMs, log: receiver === 0 ? log : log.child({ receiver }),
    // Only receiver 0 reads the revocations and the broker's log: one copy each per instance.
    subscriptions: receiver > 0 ? shared : [...shared, { topic: REVOCATION_TOPIC, qos: 1 }, ...(broker.manageFiles ? [{ topic: LOG_TOPIC, qos: 0 as const }] : [])],
    route(topic, payload, retain) {
      if (receiver > 0) return receive(topic, payload, retain, receiver);
      if (topic === LOG_TOPIC) {
        if (payload.toString('utf8').includes('Reloading config')) for (const done of reloadWaiters) done();
        return undefined;
      }
      if (topic === REVOCATION_TOPIC) {
        const notice = parseRevocationNotice(payload);
        // Not awaited: the reload it may cause is confirmed by a later message on this connection.
        if (notice !== undefined && notice.from !== broker.serviceName) void onPeer(notice).catch((err: unknown) => { log.error({ err }, 'revocation from another instance not applied'); });
        return undefined;
      }
      return receive(topic, payload, retain, 0);
    },
  });
  /** Every receiver, or none: one that fails closes those already connected (their sessions stay). */
  async function subscribeAll(): Promise<Subscriber[]> {
    const results = await Promise.allSettled(Array.from({ length: broker.receivers }, (_, i) => subscribe(i)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    const clients = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    if (failed === undefined) return clients;
    await Promise.all(clients.map((c) => c.close()));
    throw failed.reason;
  }
  let receivers: Promise<Subscriber[]> | undefined;
  const notices = connectAs(broker.url, options.rootPem, await identity(noticesIdentity(broker.serviceName), 397), { clientId: noticesIdentity(broker.serviceName), clean: true, reconnectPeriod: 1_000, connectTimeout: timeoutMs });
  notices.on('error', (err) => { log.warn({ err: err.message }, 'broker connection error (notices)'); });
  try {
    await firstConnect(notices, timeoutMs, broker.url);
  } catch (error) {
    await notices.endAsync(true);
    throw error;
  }

  /** Connecting with the device's identity takes its session over, which closes its connection. */
  async function kick(deviceId: string) {
    const kicker = connectAs(broker.url, options.rootPem, await identity(deviceId, 1), { clientId: deviceId, clean: true, reconnectPeriod: 0, connectTimeout: 15_000 });
    try {
      await connected(kicker);
    } finally {
      await kicker.endAsync(true);
    }
  }
  function kickLogged(deviceId: string) {
    return kick(deviceId).catch((err: unknown) => { log.error({ err, deviceId }, 'could not close the device session on the broker'); });
  }

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
      const timer = setTimeout(() => { resolve(false); }, RELOAD_TIMEOUT_MS);
      done = () => { clearTimeout(timer); resolve(true); };
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

  // Devices revoked here whose session must be closed again once the new CRL is loaded (they may
  // have reconnected with the old one in between).
  const pendingKicks = new Set<string>();
  /** Takes no further device message; waits for the ones in hand and closes the receivers. */
  async function stopReceiving() {
    const open = (await receivers?.catch(() => [])) ?? [];
    receivers = Promise.resolve([]);
    await Promise.all(open.map((c) => c.close()));
  }
  return {
    port,
    url: broker.url,
    async publishToDevice(deviceId: string, notice: Notice) {
      const parsed = NoticeSchema.safeParse(notice);
      if (!parsed.success) throw new CloudError('INVALID_REQUEST', 'notice does not match NoticeSchema');
      await notices.publishAsync(noticesTopic(deviceId), JSON.stringify(parsed.data), { qos: 1, retain: false });
    },
    disconnect(deviceId) {
      pendingKicks.add(deviceId);
      void kickLogged(deviceId);
    },
    async applyCrl(crlPems) {
      const ids = [...pendingKicks];
      pendingKicks.clear();
      if (broker.manageFiles) {
        await writeFileAtomic(files.crl, crlPems.join(''), { mode: 0o644 });
        if (!(await reload())) log.warn('Mosquitto did not confirm the reload; the new CRL applies after its next SIGHUP');
        await Promise.all(ids.map(kickLogged));
      }
      // The other instances (and whichever manages the broker's files) learn of it now, not at their daily refresh.
      if (ids.length > 0) await notices.publishAsync(REVOCATION_TOPIC, JSON.stringify({ from: broker.serviceName, deviceIds: ids } satisfies RevocationNotice), { qos: 1, retain: false });
    },
    async listen() {
      receivers ??= subscribeAll();
      try {
        await receivers;
      } catch (error) {
        receivers = undefined;
        throw error;
      }
    },
    stopReceiving,
    async close() {
      // Receivers first, each after the message in hand (whose handler may publish a notice).
      await stopReceiving();
      await notices.endAsync(true);
    },
  };
} // prettier-ignore
