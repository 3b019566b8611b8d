import { connect, createServer, type Server, type TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authenticateTlsPeer,
  createRevocationList,
  mtlsClientOptions,
  mtlsServerOptions,
  type DeviceIdentity,
} from '@cra-kit/identity';
import { tlsFixture, type DeviceCredentials } from './pki-fixture.js';

let fx: Awaited<ReturnType<typeof tlsFixture>>;
let server: Server;
let port: number;
const accepted: DeviceIdentity[] = [];

beforeAll(async () => {
  fx = await tlsFixture();
  const revocations = createRevocationList(fx.entries);
  server = createServer(mtlsServerOptions({ key: fx.server.key, cert: fx.server.cert, ca: fx.rootPem, crl: [fx.issuingCrl, fx.rootCrl] }), (socket: TLSSocket) => {
    try {
      const identity = authenticateTlsPeer(socket, revocations);
      accepted.push(identity);
      socket.end(`hello ${identity.serial}`);
    } catch {
      socket.destroy();
    }
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
}); // prettier-ignore

afterAll(
  () =>
    new Promise<void>((resolve) =>
      server.close(() => {
        resolve();
      }),
    ),
);

/** Connects as a device; resolves to what the server said, or 'refused'. */
function attempt(creds: DeviceCredentials): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    const socket = connect({ host: '127.0.0.1', port, ...mtlsClientOptions({ key: creds.key, cert: creds.cert, chain: creds.chain, ca: fx.rootPem, servername: 'localhost' }) });
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (data += d));
    socket.on('error', () => { resolve(data === '' ? 'refused' : data); });
    socket.on('close', () => { resolve(data === '' ? 'refused' : data); });
  });
} // prettier-ignore

describe('mutual TLS with node:tls and our helpers', () => {
  it('accepts a good device and maps it to its identity', async () => {
    expect(await attempt(fx.good)).toBe('hello VS-GOOD');
    expect(accepted.at(-1)).toMatchObject({ serial: 'VS-GOOD', profile: 'ldevid-mtls', organization: 'Acme Sensors' });
  });
  it('refuses a revoked device', async () => {
    expect(await attempt(fx.revoked)).toBe('refused');
  });
  it('refuses a device of another CA', async () => {
    expect(await attempt(fx.foreign)).toBe('refused');
  });
  it('refuses an expired device certificate', async () => {
    expect(await attempt(fx.expired)).toBe('refused');
  });
  it('refuses a CA certificate used as a client', async () => {
    expect(await attempt(fx.caAsClient)).toBe('refused');
  });
  it('refuses a revoked device through the deny list even without a CRL', async () => {
    const bare = createServer(mtlsServerOptions({ key: fx.server.key, cert: fx.server.cert, ca: fx.rootPem }), (socket: TLSSocket) => {
      try {
        socket.end(`hello ${authenticateTlsPeer(socket, createRevocationList(fx.entries)).serial}`);
      } catch {
        socket.destroy();
      }
    });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const saved = port;
    port = (bare.address() as AddressInfo).port;
    try {
      expect(await attempt(fx.revoked)).toBe('refused');
      expect(await attempt(fx.good)).toBe('hello VS-GOOD');
    } finally {
      port = saved;
      await new Promise<void>((resolve) => bare.close(() => { resolve(); }));
    }
  });
}); // prettier-ignore
