import type { FastifyBaseLogger } from 'fastify';
import { CloudError } from '../errors.js';
import { connectAs, firstConnect, type EphemeralIdentity } from './service-identity.js';

/** Called for every message; the PUBACK waits until the returned promise settles. */
export type MessageRoute = (
  topic: string,
  payload: Buffer,
  retain: boolean,
) => Promise<void> | void;

const CLOSE_TIMEOUT_MS = 5_000;

/** A receiving connection; `close` lets the message in hand finish first. */
export interface Subscriber {
  /** Takes no further message (unacknowledged ones come again), waits for the one in hand, disconnects. */
  close(): Promise<void>;
}

/**
 * One receiving connection of the instance. A persistent session (`clean: false` under the
 * stable client id of its identity) keeps the subscriptions and the QoS 1 messages queued for it
 * while the instance is down, and Mosquitto delivers them when it is back. Each message is
 * acknowledged only after `route` finished with it, so a message the instance had not stored when
 * it died is delivered again (at-least-once): a failing `route` gets no PUBACK and the connection
 * is dropped, which makes the broker send the message again after the reconnect. mqtt.js takes
 * the next packet of the connection only after this one's PUBACK: one message at a time per
 * connection, in the order the broker sent them, which is why an instance opens several.
 * @throws {CloudError} CLOUD_STARTUP_FAILED when the broker is not reachable in time or refuses a subscription
 */
export async function connectSubscriber(options: {
  url: string;
  rootPem: string;
  identity: EphemeralIdentity;
  clientId: string;
  connectTimeoutMs: number;
  subscriptions: readonly { topic: string; qos: 0 | 1 }[];
  route: MessageRoute;
  log: FastifyBaseLogger;
}): Promise<Subscriber> {
  const { log } = options;
  // The message being handled (mqtt.js hands over one at a time), and whether we are closing.
  let inHand: Promise<void> | undefined;
  let closing = false;
  const client = connectAs(options.url, options.rootPem, options.identity, { clientId: options.clientId, clean: false, reconnectPeriod: 1_000, connectTimeout: options.connectTimeoutMs, resubscribe: true });
  // Set before CONNACK: messages queued in the session arrive right after it.
  client.handleMessage = (packet, done) => {
    // Closing: no PUBACK, so the broker keeps it in the session and sends it again.
    if (closing) return;
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    inHand = Promise.resolve()
      .then(() => options.route(packet.topic, payload, packet.retain))
      .then(() => { done(); }, (err: unknown) => {
        log.error({ err, topic: packet.topic }, 'device message not handled; the broker sends it again after a reconnect');
        done(err instanceof Error ? err : new Error(String(err)));
        client.stream.destroy();
      });
  }; // prettier-ignore
  client.on('error', (err) => {
    log.warn({ err: err.message }, 'broker connection error');
  });
  try {
    await firstConnect(client, options.connectTimeoutMs, options.url);
    const granted = await client.subscribeAsync(Object.fromEntries(options.subscriptions.map((s) => [s.topic, { qos: s.qos }])));
    // 128 is the SUBACK failure code (MQTT 3.1.1 §3.9.3).
    const refused = granted.filter((g) => g.qos === 128);
    if (refused.length > 0) {
      throw new CloudError('CLOUD_STARTUP_FAILED', `the broker refused the subscriptions ${refused.map((g) => g.topic).join(', ')} (check its ACL)`);
    }
  } catch (error) {
    await client.endAsync(true);
    throw error;
  }
  return {
    async close() {
      closing = true;
      await inHand;
      // Not forced: mqtt.js writes the PUBACK on the next tick, and a forced end would drop it
      // with the socket; DISCONNECT goes after it. A broker that does not answer is cut off.
      const timer = setTimeout(() => {
        client.stream.destroy();
      }, CLOSE_TIMEOUT_MS).unref();
      try {
        await client.endAsync(false);
      } finally {
        clearTimeout(timer);
      }
    },
  };
} // prettier-ignore
