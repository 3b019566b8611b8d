import type { RandomSource } from '@cra-kit/core';
import { connect, type MqttClient } from 'mqtt';
import type { MtlsClientOptions } from '@cra-kit/identity';
import { MAX_MESSAGE_BYTES } from '@cra-kit-examples/device-protocol';
import { backoffDelay, type BackoffPolicy } from './backoff.js';

/** Link state changes, for the agent's status and its logs. */
export type LinkEvent =
  | { readonly type: 'connected' }
  | { readonly type: 'disconnected'; readonly error?: string }
  | { readonly type: 'publish-failed'; readonly topic: string; readonly error: string }
  | { readonly type: 'reconnect-scheduled'; readonly attempt: number; readonly delayMs: number };

/** Messages kept while offline. */
const OUTBOX_LIMIT = 100;

export interface MqttLinkOptions {
  /** `mqtts://host:port`. */
  readonly url: string;
  readonly clientId: string;
  /** Read at every attempt, so a renewed certificate is used on the next connection. */
  readonly tls: () => MtlsClientOptions;
  readonly subscriptions: readonly string[];
  readonly random: RandomSource;
  readonly backoff: BackoffPolicy;
  readonly onMessage: (topic: string, payload: Buffer) => void;
  readonly onEvent: (event: LinkEvent) => void;
}

/**
 * The device's MQTT connection: mutual TLS, client id = serial, persistent session (clean
 * false) with QoS 1 subscriptions so notices sent while it was away are delivered. mqtt.js's
 * own fixed-period reconnect is off; each attempt is a fresh client after a jittered delay.
 */
export function createMqttLink(options: MqttLinkOptions) {
  let client: MqttClient | undefined;
  let timer: NodeJS.Timeout | undefined;
  let attempt = 0;
  let stopped = false;
  const outbox: { topic: string; payload: string }[] = [];
  const send = (c: MqttClient, topic: string, payload: string) => {
    c.publish(topic, payload, { qos: 1 }, (error) => {
      if (error) options.onEvent({ type: 'publish-failed', topic, error: error.message });
    });
  };

  const schedule = () => {
    if (stopped || timer !== undefined) return;
    const delayMs = backoffDelay(attempt, options.random, options.backoff);
    options.onEvent({ type: 'reconnect-scheduled', attempt, delayMs });
    attempt++;
    timer = setTimeout(() => {
      timer = undefined;
      open();
    }, delayMs);
  };

  const open = () => {
    if (stopped) return;
    const url = new URL(options.url);
    const c = connect({
      ...options.tls(),
      protocol: 'mqtts',
      host: url.hostname,
      port: Number(url.port || 8883),
      clientId: options.clientId,
      clean: false,
      protocolVersion: 4,
      reconnectPeriod: 0,
      connectTimeout: 30_000,
      keepalive: 60,
    });
    client = c;
    let lastError: string | undefined;
    c.on('connect', () => {
      attempt = 0;
      c.subscribe([...options.subscriptions], { qos: 1 });
      for (const m of outbox.splice(0)) send(c, m.topic, m.payload);
      options.onEvent({ type: 'connected' });
    });
    c.on('message', (topic, payload) => {
      if (payload.length <= MAX_MESSAGE_BYTES) options.onMessage(topic, payload);
    });
    c.on('error', (error) => {
      lastError = error.message;
    });
    c.on('close', () => {
      if (client !== c) return;
      client = undefined;
      c.end(true);
      options.onEvent({ type: 'disconnected', ...(lastError ? { error: lastError } : {}) });
      schedule();
    });
  };

  return {
    start(): void {
      stopped = false;
      open();
    },
    get connected(): boolean {
      return client?.connected ?? false;
    },
    /**
     * QoS 1 publish. While the link is down messages wait in a bounded outbox (oldest dropped
     * first) and go out on the next connection; the promise does not wait for the broker.
     */
    publish(topic: string, payload: string): void {
      if (client?.connected) send(client, topic, payload);
      else {
        outbox.push({ topic, payload });
        if (outbox.length > OUTBOX_LIMIT) outbox.shift();
      }
    },
    /** Drops the connection now and reconnects with the current credentials. */
    restart(): void {
      const c = client;
      client = undefined;
      c?.end(true);
      attempt = 0;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      open();
    },
    /** Ends the link; with `flush`, in-flight messages get up to 5 s to be acknowledged. */
    async stop(flush = false): Promise<void> {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      const c = client;
      client = undefined;
      if (c === undefined) return;
      if (!flush || !c.connected) {
        await c.endAsync(true);
        return;
      }
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([c.endAsync(false), new Promise<void>((resolve) => { timeout = setTimeout(resolve, 5_000); })]);
      clearTimeout(timeout);
      c.end(true);
    }, // prettier-ignore
  };
}
export type MqttLink = ReturnType<typeof createMqttLink>;
