import { constants } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo, Socket } from 'node:net';
import { createServer, TLSSocket, type SecureContextOptions, type TlsOptions } from 'node:tls';
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
import { guardReads } from './packet-size-guard.js';

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

/**
 * The listener's TLS options: the device mTLS options, without resumable (stateless) session
 * tickets unless asked for. OpenSSL 3.0 serialises the session, the client's certificate chain
 * included, into each of the two tickets it mints; that was about 15 % of the broker's CPU per
 * connect in the load harness, spent on devices that never resume. With `SSL_OP_NO_TICKET` it
 * sends bare session ids instead, which no cache backs: every connect is a full handshake.
 */
function listenerTls(tls: SecureContextOptions, sessionTickets: boolean): SecureContextOptions {
  return sessionTickets ? tls : { ...tls, secureOptions: (tls.secureOptions ?? 0) | constants.SSL_OP_NO_TICKET };
} // prettier-ignore

/**
 * Starts Aedes on a `tls.Server` with our mTLS options and the per-device authoriser (there is no
 * plain TCP listener). A device's message is handled (stored) before its QoS 1 PUBACK: the
 * handler runs in Aedes' `authorizePublish` step, which Aedes awaits before acknowledging, so a
 * crash or a storage failure leaves the message unacknowledged and the device sends it again.
 */
export async function startDeviceBroker(options: {
  tls: TlsOptions;
  /** TLS 1.3 session tickets for devices that resume sessions (default off). */
  sessionTickets?: boolean;
  host: string;
  port: number;
  devices: DeviceStore;
  messages: DeviceMessageHandler;
  log: FastifyBaseLogger;
}): Promise<DeviceBroker> {
  const { log } = options;
  // Aedes reads the TLS socket itself (guarded), so its connection is the socket.
  const authorizer = createMqttAuthorizer(options.devices, (conn) => (conn instanceof TLSSocket ? conn : undefined));
  const aedes = await Aedes.createBroker({
    ...authorizer,
    authorizePublish: (client, packet, done) => {
      authorizer.authorizePublish(client, packet, (refused) => {
        // `client` is null for the cloud's own notices: nothing to handle.
        if (refused || client === null) {
          done(refused);
          return;
        }
        const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
        options.messages.handle(client.id, packet.topic, payload).then(
          () => {
            done(null);
          },
          (err: unknown) => {
            // No PUBACK: Aedes closes the connection and the device re-sends after reconnecting.
            log.error({ err, deviceId: client.id }, 'device message not stored');
            done(err instanceof Error ? err : new Error('device message not stored'));
          },
        );
      });
    },
    connectTimeout: 10_000,
  });
  const clients = new Map<string, Client>();
  aedes.on('clientReady', (client) => {
    clients.set(client.id, client);
  });
  aedes.on('clientDisconnect', (client) => {
    if (clients.get(client.id) === client) clients.delete(client.id);
  });
  // TLS 1.2 session-id resumption with client certificates needs a session id context. The
  // server key is ECDSA P-256 (the CA's algorithm), the cheapest signature for the handshake.
  const sessionTickets = options.sessionTickets ?? false;
  const server = createServer({ ...listenerTls(options.tls, sessionTickets), handshakeTimeout: 10_000, sessionIdContext: 'cra-mqtt' }, (socket) => {
    aedes.handle(guardReads(socket, MAX_PACKET_BYTES));
  });
  // Nagle off from the first byte (the handshake's flights are small writes); the option is on
  // the descriptor, so the TLS socket on top has it too.
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
      server.setSecureContext(listenerTls(ctx, sessionTickets));
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
