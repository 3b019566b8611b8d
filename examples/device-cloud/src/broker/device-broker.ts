import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createServer, type SecureContextOptions, type TLSSocket, type TlsOptions } from 'node:tls';
import {
  MAX_MESSAGE_BYTES,
  NoticeSchema,
  noticesTopic,
  type Notice,
} from '@cra-kit-examples/device-protocol';
import { Aedes, type Client } from 'aedes';
import type { DeviceStore } from '../devices/device-store.js';
import type { FastifyBaseLogger } from 'fastify';
import { CloudError } from '../errors.js';
import type { DeviceMessageHandler } from './device-messages.js';
import { createMqttAuthorizer } from './mqtt-authorizer.js';
import { guardedConnection } from './packet-size-guard.js';

// A publish is its payload plus topic and packet id; anything beyond this margin is not ours.
const MAX_PACKET_BYTES = MAX_MESSAGE_BYTES + 1024;

/** The embedded MQTT broker behind mutual TLS (there is no plain TCP listener). */
export interface DeviceBroker {
  readonly port: number;
  publishToDevice(deviceId: string, notice: Notice): Promise<void>;
  /** Closes the device's live session, if any. */
  disconnect(deviceId: string): void;
  /** Replaces the TLS context (new CRL) for new handshakes. */
  setSecureContext(options: SecureContextOptions): void;
  close(): Promise<void>;
}

/** Starts Aedes on a `tls.Server` with our mTLS options and the per-device authoriser. */
export async function startDeviceBroker(options: {
  tls: TlsOptions;
  host: string;
  port: number;
  devices: DeviceStore;
  messages: DeviceMessageHandler;
  log: FastifyBaseLogger;
}): Promise<DeviceBroker> {
  const { log } = options;
  // Aedes sees the guarded stream; the authoriser needs the TLS socket behind it.
  const peers = new WeakMap<object, TLSSocket>();
  const authorizer = createMqttAuthorizer(options.devices, (conn) => peers.get(conn));
  const aedes = await Aedes.createBroker({ ...authorizer, connectTimeout: 10_000 });
  const clients = new Map<string, Client>();
  aedes.on('clientReady', (client) => {
    clients.set(client.id, client);
  });
  aedes.on('clientDisconnect', (client) => {
    if (clients.get(client.id) === client) clients.delete(client.id);
  });
  aedes.on('publish', (packet, client) => {
    if (client === null) return;
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    options.messages.handle(client.id, packet.topic, payload).catch((err: unknown) => {
      log.error({ err, deviceId: client.id }, 'device message failed');
    });
  });
  const server = createServer({ ...options.tls, handshakeTimeout: 10_000 }, (socket) => {
    socket.setNoDelay(true);
    const conn = guardedConnection(socket, MAX_PACKET_BYTES);
    peers.set(conn, socket);
    aedes.handle(conn);
  });
  server.on('tlsClientError', (err) => {
    log.debug({ err: err.message }, 'mqtt tls handshake refused');
  });
  server.listen(options.port, options.host);
  try {
    await once(server, 'listening');
  } catch (error) {
    aedes.close(); // its heartbeat timer would keep the process alive
    throw error;
  }
  return {
    port: (server.address() as AddressInfo).port,
    async publishToDevice(deviceId, notice) {
      const parsed = NoticeSchema.safeParse(notice);
      if (!parsed.success) throw new CloudError('INVALID_REQUEST', 'notice does not match NoticeSchema');
      await new Promise<void>((resolve, reject) => {
        aedes.publish({ cmd: 'publish', topic: noticesTopic(deviceId), payload: Buffer.from(JSON.stringify(parsed.data)), qos: 1, retain: false, dup: false }, (err) => {
          if (err) reject(err);
          else resolve();
        });
      });
    },
    disconnect(deviceId) {
      clients.get(deviceId)?.close();
    },
    setSecureContext: (ctx) => {
      server.setSecureContext(ctx);
    },
    async close() {
      await new Promise<void>((resolve) => {
        aedes.close(() => {
          resolve();
        });
      });
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
} // prettier-ignore
