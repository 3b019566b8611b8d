import { Agent } from 'node:https';
import { HTTP_PATHS } from '@cra-kit-examples/device-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closed,
  connectDevice,
  deviceCall,
  enrollDevice,
  operatorToken,
  startFixture,
  type Fixture,
} from './helpers/cloud-fixture.js';

describe('revocation of a connected device', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await startFixture();
  }, 60_000);
  afterAll(() => f.close());

  it('drops its MQTT session and refuses its next HTTPS request on the same connection', async () => {
    const device = await enrollDevice(f, 'VS-R1');
    const bystander = await enrollDevice(f, 'VS-R2');
    const officer = await operatorToken(f, 'sec', ['security-officer']);
    const mqtt = await connectDevice(f, device, 'VS-R1');
    const other = await connectDevice(f, bystander, 'VS-R2');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    // One kept-alive TLS connection for both requests: the set of sockets the agent used.
    const sockets = new Set<unknown>();
    agent.on('free', (socket) => sockets.add(socket));
    const call = () => deviceCall(f, HTTP_PATHS.estCaCerts, device, { agent });
    expect((await call()).status).toBe(200);

    const gone = closed(mqtt);
    const res = await f.api('POST', '/api/v1/devices/VS-R1/revoke', {
      token: officer,
      body: { reason: 'keyCompromise' },
    });
    expect(res.status).toBe(200);
    expect(res.json<{ revokedCertificates: string[] }>().revokedCertificates).toHaveLength(1);
    await gone; // MQTT: the live session is closed by the cloud

    const again = await call(); // the kept-alive TLS connection: refused per request
    expect(sockets.size).toBe(1);
    expect(again.status).toBe(403);
    expect(again.json()).toEqual({
      error: { code: 'DEVICE_NOT_AUTHORIZED', message: expect.any(String) },
    });
    agent.destroy();

    // New connections fail in the handshake: the CRL was re-signed and installed on both servers.
    await expect(deviceCall(f, HTTP_PATHS.estCaCerts, device)).rejects.toThrow();
    await expect(connectDevice(f, device, 'VS-R1')).rejects.toThrow();
    // The bystander is unaffected.
    expect(other.connected).toBe(true);
    expect((await deviceCall(f, HTTP_PATHS.estCaCerts, bystander)).status).toBe(200);
    await other.endAsync();

    const record = await f.api('GET', '/api/v1/devices/VS-R1', { token: officer });
    expect(record.json()).toMatchObject({ id: 'VS-R1', status: 'revoked' });
    const audit = await f.api('GET', '/api/v1/audit?limit=5', { token: f.adminToken });
    expect(
      audit.json<{ entries: { action: string; subject: string }[] }>().entries[0],
    ).toMatchObject({ action: 'device.revoke', subject: 'device:VS-R1' });
  });

  it('refuses to revoke twice, unknown devices, and new bootstrap tokens for a revoked serial', async () => {
    await enrollDevice(f, 'VS-R3');
    expect(
      (await f.api('POST', '/api/v1/devices/VS-R3/revoke', { token: f.adminToken, body: {} }))
        .status,
    ).toBe(200);
    const twice = await f.api('POST', '/api/v1/devices/VS-R3/revoke', {
      token: f.adminToken,
      body: {},
    });
    expect([twice.status, twice.json<{ error: { code: string } }>().error.code]).toEqual([
      409,
      'CONFLICT',
    ]);
    const unknown = await f.api('POST', '/api/v1/devices/VS-NOPE/revoke', {
      token: f.adminToken,
      body: {},
    });
    expect([unknown.status, unknown.json<{ error: { code: string } }>().error.code]).toEqual([
      404,
      'NOT_FOUND',
    ]);
    const token = await f.api('POST', '/api/v1/devices/bootstrap-tokens', {
      token: f.adminToken,
      body: { serials: ['VS-R3'] },
    });
    expect(token.status).toBe(409);
  });
});
