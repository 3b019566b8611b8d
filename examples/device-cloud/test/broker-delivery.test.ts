import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { telemetryTopic } from '@cra-kit-examples/device-protocol';
import { connectAsync, MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  enrollDevice,
  startFixture,
  type DeviceCredentials,
  type Fixture,
} from './helpers/cloud-fixture.js';

const closeOf = (client: MqttClient) =>
  new Promise<void>((resolve) => {
    client.once('close', () => {
      resolve();
    });
  });
const telemetry = (temperature: number) =>
  JSON.stringify({ at: new Date().toISOString(), values: { temperature } });

describe('embedded broker: a QoS 1 report is stored before its PUBACK', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await startFixture();
  }, 60_000);
  afterAll(async () => {
    await f.close();
  });
  const stored = () =>
    f.cloud.ctx.db
      .prepare(
        "SELECT value FROM telemetry_latest WHERE device_id = 'VS-ACK' AND key = 'temperature'",
      )
      .get() as { value: string } | undefined;

  it('acknowledges only what is stored; a failed store closes the connection unacknowledged and the re-send lands', async () => {
    // Reconnecting by itself, as a device does: mqtt.js re-sends unacknowledged QoS 1 messages.
    const creds = await enrollDevice(f, 'VS-ACK');
    const client = await connectAsync(f.cloud.mqttUrl, { clientId: 'VS-ACK', key: creds.keyPem, cert: creds.certPem, ca: f.rootPem, servername: 'localhost', protocolVersion: 4, reconnectPeriod: 200 }); // prettier-ignore
    await client.publishAsync(telemetryTopic('VS-ACK'), telemetry(20), { qos: 1 });
    // PUBACK received: the value is in the database already, no waiting.
    expect(stored()?.value).toBe('20');

    // The store fails (its table is gone): no PUBACK, the broker drops the connection.
    f.cloud.ctx.db.exec('ALTER TABLE telemetry_latest RENAME TO telemetry_latest_away');
    let acked = false;
    const closed = closeOf(client);
    client.publish(telemetryTopic('VS-ACK'), telemetry(21), { qos: 1 }, (err) => {
      acked = !err;
    });
    await closed;
    expect(acked).toBe(false);

    // Until storage is back, every re-send is refused the same way; then it lands.
    await closeOf(client);
    expect(
      f.cloud.ctx.db
        .prepare("SELECT value FROM telemetry_latest_away WHERE device_id = 'VS-ACK'")
        .get(),
    ).toEqual({ value: '20' });
    f.cloud.ctx.db.exec('ALTER TABLE telemetry_latest_away RENAME TO telemetry_latest');
    const delivered = new Promise<void>((resolve) => {
      const check = () => {
        if (stored()?.value === '21') resolve();
        else setTimeout(check, 20);
      };
      check();
    });
    await delivered;
    expect(stored()?.value).toBe('21');
    await client.endAsync(true);
  }, 60_000);
});

describe('embedded broker: packet size guard', () => {
  it('drops a device whose packet header announces more than the limit, before the body arrives', async () => {
    const f = await startFixture();
    try {
      const creds = await enrollDevice(f, 'VS-BIG');
      const client = await connectAsync(f.cloud.mqttUrl, { clientId: 'VS-BIG', key: creds.keyPem, cert: creds.certPem, ca: f.rootPem, servername: 'localhost', protocolVersion: 4, reconnectPeriod: 0 }); // prettier-ignore
      const gone = closeOf(client);
      // A PUBLISH announcing a remaining length of 100 MiB (variable-length 0x80 0x80 0x80 0x32),
      // and nothing more: only a check on the header can refuse it.
      (client.stream as unknown as TLSSocket).write(
        Buffer.from([0x30, 0x80, 0x80, 0x80, 0x32, 0x00]),
      );
      await gone;
      expect(client.connected).toBe(false);
    } finally {
      await f.close();
    }
  }, 60_000);
});

/**
 * A device connection whose TLS socket we open ourselves, so the `session` listener is there
 * before the handshake (tickets arrive right after it).
 */
async function connectCounting(f: Fixture, creds: DeviceCredentials, session?: Buffer) {
  const url = new URL(f.cloud.mqttUrl);
  const tickets: Buffer[] = [];
  let socket: TLSSocket | undefined;
  const client = new MqttClient(
    () => {
      socket = tlsConnect({ host: url.hostname, port: Number(url.port), key: creds.keyPem, cert: creds.certPem, ca: f.rootPem, servername: 'localhost', ...(session ? { session } : {}) });
      socket.on('session', (ticket: Buffer) => tickets.push(ticket));
      return socket;
    },
    { clientId: creds.serial, protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 15_000 },
  );
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => {
      resolve();
    });
    client.once('error', reject);
    client.once('close', () => {
      reject(new Error('connection closed before CONNACK'));
    });
  }).catch((error: unknown) => {
    client.end(true);
    throw error;
  });
  // A round trip after the handshake: any ticket has arrived before this SUBACK.
  await client.subscribeAsync(`devices/${creds.serial}/notices`, { qos: 1 });
  return { client, tickets, socket: socket as TLSSocket };
} // prettier-ignore

describe('embedded broker: TLS session tickets', () => {
  it('by default hands out no resumable session: every connect is a full handshake', async () => {
    const f = await startFixture();
    try {
      const creds = await enrollDevice(f, 'VS-NT');
      const first = await connectCounting(f, creds);
      expect(first.socket.getProtocol()).toBe('TLSv1.3');
      await first.client.endAsync(true);
      expect(first.tickets.length).toBeGreaterThan(0);
      // OpenSSL still sends stateful tickets (bare ids) with SSL_OP_NO_TICKET; no cache backs them.
      for (const ticket of first.tickets) {
        const again = await connectCounting(f, creds, ticket);
        expect(again.socket.isSessionReused()).toBe(false);
        await again.client.endAsync(true);
      }
    } finally {
      await f.close();
    }
  }, 60_000);

  it('with tlsSessionTickets a device resumes, still as itself, and a revoked device cannot resume', async () => {
    const f = await startFixture({
      broker: () => Promise.resolve({ mode: 'embedded', tlsSessionTickets: true }),
    });
    try {
      const creds = await enrollDevice(f, 'VS-RS');
      const first = await connectCounting(f, creds);
      await first.client.endAsync(true);
      const [session] = first.tickets;
      expect(session).toBeInstanceOf(Buffer);

      const resumed = await connectCounting(f, creds, session);
      expect(resumed.socket.isSessionReused()).toBe(true);
      await resumed.client.publishAsync(telemetryTopic('VS-RS'), telemetry(19), { qos: 1 });
      await resumed.client.endAsync(true);

      const revoked = await f.api('POST', '/api/v1/devices/VS-RS/revoke', {
        token: f.adminToken,
        body: { reason: 'keyCompromise' },
      });
      expect(revoked.status).toBe(200);
      // A resumed handshake skips the certificate and CRL checks; the registry still refuses.
      await expect(connectCounting(f, creds, session)).rejects.toThrow(
        /closed|refused|Not authorized/i,
      );
    } finally {
      await f.close();
    }
  }, 60_000);
});
