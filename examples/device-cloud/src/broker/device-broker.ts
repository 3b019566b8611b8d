import { once } from 'node:events';
import type { AddressInfo, Socket } from 'node:net';
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

/** The cloud's MQTT side: the embedded broker, or the service client of an external one. */
export interface DeviceBroker {
  readonly port: number;
  /** `mqtts://host:port` devices use, when the broker is external. */
  readonly url?: string;
  publishToDevice(deviceId: string, notice: Notice): Promise<void>;
  /** Closes the device's live session, if any. */
  disconnect(deviceId: string): void;
  /**
   * Makes a new CRL apply to new handshakes: `tls` (which carries `crlPems`) for the embedded
   * listener, the CRL file and a reload for an external broker.
   */
  applyCrl(crlPems: readonly string[], tls: SecureContextOptions): Promise<void>;
  close(): Promise<void>;
}

/** Starts Aedes on a `tls.Server` with our mTLS options and the per-device authoriser (there is no plain TCP listener). */
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
  // Resumption: TLS 1.3 tickets are on by default; TLS 1.2 session ids with client certificates
  // need a session id context. The server key is ECDSA P-256 (the CA's algorithm), the cheapest.
  const server = createServer({ ...options.tls, handshakeTimeout: 10_000, sessionIdContext: 'cra-mqtt' }, (socket) => {
    socket.setNoDelay(true);
    const conn = guardedConnection(socket, MAX_PACKET_BYTES);
    peers.set(conn, socket);
    aedes.handle(conn);
  });
  // Nagle off from the first byte: the handshake's flights and session tickets are small writes.
  server.on('connection', (raw: Socket) => {
    raw.setNoDelay(true);
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
    applyCrl: (_crlPems, ctx) => {
      server.setSecureContext(ctx);
      return Promise.resolve();
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
