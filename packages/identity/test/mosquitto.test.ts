import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer, connect as netConnect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mtlsClientOptions } from '@cra-kit/identity';
import { tempDir } from './helpers.js';
import { tlsFixture, type DeviceCredentials } from './pki-fixture.js';

let fx: Awaited<ReturnType<typeof tlsFixture>>;
let broker: ChildProcess;
let port: number;
let log = '';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => {
        resolve(p);
      });
    });
  });

const listening = (p: number) =>
  new Promise<boolean>((resolve) => {
    const socket = netConnect(p, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => {
      resolve(false);
    });
  });

beforeAll(async () => {
  fx = await tlsFixture();
  const dir = await tempDir();
  const file = (name: string, text: string) =>
    writeFile(join(dir, name), text, { mode: 0o600 }).then(() => join(dir, name));
  port = await freePort();
  const conf = [
    `listener ${port} 127.0.0.1`,
    `cafile ${await file('ca.pem', fx.rootPem)}`,
    `certfile ${await file('server.pem', fx.server.cert)}`,
    `keyfile ${await file('server.key', fx.server.key)}`,
    `crlfile ${await file('crl.pem', fx.issuingCrl)}`,
    'require_certificate true',
    'use_identity_as_username true',
    'tls_version tlsv1.2',
    `acl_file ${await file('acl', 'pattern readwrite devices/%u/#\n')}`,
    'user root',
    'log_dest stderr',
    'log_type all',
  ].join('\n');
  broker = spawn('mosquitto', ['-c', await file('mosquitto.conf', `${conf}\n`)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  broker.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 10_000;
  while (!(await listening(port))) {
    if (Date.now() > deadline || broker.exitCode !== null)
      throw new Error(`mosquitto did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}, 20_000);

afterAll(() => {
  broker.kill('SIGTERM');
});

/** Connects as a device, publishes to its own topic and reads it back; 'refused' otherwise. */
function attempt(creds: DeviceCredentials, serial: string): Promise<string> {
  return new Promise((resolve) => {
    const client = mqtt.connect(`mqtts://127.0.0.1:${port}`, {
      ...mtlsClientOptions({ key: creds.key, cert: creds.cert, chain: creds.chain, ca: fx.rootPem, servername: 'localhost' }),
      reconnectPeriod: 0,
      connectTimeout: 5_000,
      clientId: `test-${serial}`,
    });
    let connected = false;
    const done = (result: string) => {
      client.end(true);
      resolve(result);
    };
    // 'refused' means the broker never completed the MQTT connect (the TLS handshake failed).
    client.on('error', () => { done(connected ? 'error after connect' : 'refused'); });
    client.on('close', () => { done(connected ? 'closed after connect' : 'refused'); });
    client.on('connect', () => {
      connected = true;
      const topic = `devices/${serial}/hello`;
      client.subscribe(topic, (err) => {
        if (err) { done('subscribe failed'); return; }
        client.publish(topic, `hi from ${serial}`);
      });
    });
    client.on('message', (_topic, payload) => { done(payload.toString()); });
  });
} // prettier-ignore

describe('Debian Mosquitto with require_certificate, use_identity_as_username and our CRL', () => {
  it('accepts a device certificate; the username is its CN (ACL pattern devices/%u/#)', async () => {
    expect(await attempt(fx.good, 'VS-GOOD')).toBe('hi from VS-GOOD');
  });
  it('refuses a revoked device', async () => {
    expect(await attempt(fx.revoked, 'VS-REVOKED')).toBe('refused');
  });
  it('refuses a device of another CA', async () => {
    expect(await attempt(fx.foreign, 'VS-FOREIGN')).toBe('refused');
  });
  it('refuses an expired device certificate', async () => {
    expect(await attempt(fx.expired, 'VS-EXPIRED')).toBe('refused');
  });
  it('refuses a CA certificate used as a client', async () => {
    expect(await attempt(fx.caAsClient, 'Acme Sensors Issuing CA 2')).toBe('refused');
  });
});
