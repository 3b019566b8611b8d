import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { noticesTopic, telemetryTopic, eventsTopic } from '@cra-kit-examples/device-protocol';
import type { DeviceEvent, Notice } from '@cra-kit-examples/device-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpsApp } from '../src/http/create-app.js';
import { freePort } from './helpers/broker-mosquitto.js';
import { CloudError, startCloud, type CloudContext, type CloudModule } from '../src/index.js';
import {
  connectDevice,
  deviceCall,
  enrollDevice,
  httpsCall,
  PASSPHRASE,
  startFixture,
  type DeviceCredentials,
  type Fixture,
} from './helpers/cloud-fixture.js';

// A module that exercises every member of the contract and records what the shell did with it.
function probeModule() {
  const calls: string[] = [];
  const events: { deviceId: string; event: DeviceEvent }[] = [];
  let seen: CloudContext | undefined;
  const module: CloudModule = {
    name: 'probe',
    migrations: [
      { id: '001-table', up: 'CREATE TABLE probe_things (id TEXT PRIMARY KEY)' },
      {
        id: '002-row',
        up: (db) => void db.prepare("INSERT INTO probe_things VALUES ('one')").run(),
      },
    ],
    registerPublic(app, ctx) {
      calls.push(`registerPublic ${/:\d+$/.test(ctx.publicUrl) && !ctx.publicUrl.endsWith(':0')}`);
      seen = ctx;
      app.get('/api/v1/probe/me', { preHandler: ctx.requireRole('auditor') }, (request) =>
        ctx.operatorOf(request),
      );
      app.post('/api/v1/probe/conflict', { preHandler: ctx.requireRole('auditor') }, () => {
        throw new CloudError('CONFLICT', 'always');
      });
      app.post('/api/v1/probe/audit', { preHandler: ctx.requireRole('admin') }, (request) => {
        ctx.db.transaction(() => {
          ctx.db.prepare("INSERT INTO probe_things VALUES ('two')").run();
          ctx.audit({
            actor: `operator:${ctx.operatorOf(request).id}`,
            action: 'probe.add',
            subject: 'probe:two',
          });
        })();
        return { ok: true };
      });
    },
    registerDevice(app, ctx) {
      calls.push('registerDevice');
      app.get('/probe/whoami', (request) => ({ serial: ctx.deviceOf(request).serial }));
    },
    start(ctx) {
      calls.push('start');
      ctx.onDeviceEvent((deviceId, event) => {
        events.push({ deviceId, event });
      });
    },
    close() {
      calls.push('close');
    },
  };
  return { module, calls, events, ctx: () => seen };
}

describe('the module contract (CloudContext)', () => {
  let f: Fixture;
  let device: DeviceCredentials;
  const probe = probeModule();
  beforeAll(async () => {
    f = await startFixture({ modules: [probe.module] });
    device = await enrollDevice(f, 'VS-M1');
  }, 60_000);
  afterAll(() => f.close());

  it('applies module migrations, then registers routes with known URLs, then starts', () => {
    expect(probe.calls).toEqual(['registerPublic true', 'registerDevice', 'start']);
    expect(
      f.cloud.ctx.db
        .prepare("SELECT id FROM schema_migrations WHERE owner = 'probe' ORDER BY id")
        .all(),
    ).toEqual([{ id: '001-table' }, { id: '002-row' }]);
    expect(probe.ctx()?.config.dataDir).toBe(f.config.dataDir);
    expect(probe.ctx()?.profile.dataInventory.length).toBeGreaterThan(0);
    expect(f.cloud.routes.public).toContainEqual({ method: 'GET', url: '/api/v1/probe/me' });
  });

  it('authenticates operators and devices for module routes, with the shell’s error format', async () => {
    const me = await f.api('GET', '/api/v1/probe/me', { token: f.adminToken });
    expect(me.json()).toMatchObject({ name: 'admin', roles: ['admin'] });
    expect((await f.api('GET', '/api/v1/probe/me')).status).toBe(401);
    const conflict = await f.api('POST', '/api/v1/probe/conflict', {
      token: f.adminToken,
      body: {},
    });
    expect([conflict.status, conflict.json()]).toEqual([
      409,
      { error: { code: 'CONFLICT', message: 'always' } },
    ]);
    expect((await deviceCall(f, '/probe/whoami', device)).json()).toEqual({ serial: 'VS-M1' });
  });

  it('lets a module audit inside its own transaction', async () => {
    expect(
      (await f.api('POST', '/api/v1/probe/audit', { token: f.adminToken, body: {} })).status,
    ).toBe(200);
    const audit = await f.api('GET', '/api/v1/audit?limit=1', { token: f.adminToken });
    expect(audit.json<{ entries: unknown[] }>().entries[0]).toMatchObject({
      action: 'probe.add',
      subject: 'probe:two',
    });
  });

  it('publishes validated notices to one device and hands its events to listeners', async () => {
    const client = await connectDevice(f, device, 'VS-M1');
    await client.subscribeAsync(noticesTopic('VS-M1'), { qos: 1 });
    const notice: Notice = {
      kind: 'update-available',
      releaseId: 'r1',
      targetName: 'fw-1.1.0.bin',
      version: '1.1.0',
      releaseType: 'security',
    };
    const received = new Promise<unknown>((resolve) => {
      client.once('message', (_t, payload) => {
        resolve(JSON.parse(payload.toString()));
      });
    });
    await f.cloud.ctx.publishToDevice('VS-M1', notice);
    expect(await received).toEqual(notice);
    await expect(
      f.cloud.ctx.publishToDevice('VS-M1', { kind: 'update-available' } as Notice),
    ).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    const event = {
      kind: 'update-progress',
      at: new Date().toISOString(),
      releaseId: 'r1',
      phase: 'downloading',
    } as const;
    await client.publishAsync(eventsTopic('VS-M1'), JSON.stringify(event), { qos: 1 });
    await client.publishAsync(eventsTopic('VS-M1'), JSON.stringify({ kind: 'boot' }), { qos: 1 }); // invalid: dropped
    await client.publishAsync(
      telemetryTopic('VS-M1'),
      JSON.stringify({ at: event.at, values: { temperature: 1 } }),
      { qos: 1 },
    );
    await expect.poll(() => probe.events.length).toBe(1);
    expect(probe.events[0]).toEqual({ deviceId: 'VS-M1', event });
    await client.endAsync();
  });

  it('keeps its state across a restart: no second admin, devices and revocations persist', async () => {
    const tokenFile = await readFile(f.cloud.adminTokenFile, 'utf8');
    const revokedDevice = await enrollDevice(f, 'VS-M2');
    expect(
      (await f.api('POST', '/api/v1/devices/VS-M2/revoke', { token: f.adminToken, body: {} }))
        .status,
    ).toBe(200);
    // A crash between the database and the CA file: the CA's revocation file lost the entry.
    const revokedJson = join(f.config.ca.dir ?? '', 'revoked.json');
    await writeFile(
      revokedJson,
      JSON.stringify({ schemaVersion: 'cra-kit.revoked/v1', entries: [] }),
    );
    await f.restart([probe.module]);
    expect(probe.calls.slice(-4)).toEqual([
      'close',
      'registerPublic true',
      'registerDevice',
      'start',
    ]);
    expect(await readFile(f.cloud.adminTokenFile, 'utf8')).toBe(tokenFile);
    expect(
      (await f.api('GET', '/api/v1/operators', { token: f.adminToken })).json<{
        operators: unknown[];
      }>().operators,
    ).toHaveLength(1);
    const client = await connectDevice(f, device, 'VS-M1');
    await client.endAsync();
    const revoked = JSON.parse(await readFile(revokedJson, 'utf8')) as {
      entries: { deviceSerial: string }[];
    };
    expect(revoked.entries.map((e) => e.deviceSerial)).toEqual(['VS-M2']);
    await expect(connectDevice(f, revokedDevice, 'VS-M2')).rejects.toThrow();
  });

  it('fails to start with a typed error and closes what it had opened', async () => {
    const env = { TEST_CA_PASSPHRASE: PASSPHRASE };
    await expect(startCloud({ config: f.config, env: {} })).rejects.toMatchObject({
      code: 'CLOUD_STARTUP_FAILED',
    });
    const broken: CloudModule = { name: 'broken', migrations: [{ id: '001', up: 'NOT SQL' }] };
    await expect(startCloud({ config: f.config, env, modules: [broken] })).rejects.toMatchObject({
      code: 'CLOUD_MIGRATION_FAILED',
    });
    // Both HTTPS listeners come up, then the broker's port is taken: both must be closed again.
    const [pub, dev] = [await freePort(), await freePort()];
    const ports = { public: pub, device: dev, mqtt: f.cloud.ports.mqtt };
    await expect(startCloud({ config: { ...f.config, ports }, env })).rejects.toThrow(/EADDRINUSE/);
    expect(await canListen(pub)).toBe(true);
    expect(await canListen(dev)).toBe(true);
  });
});

describe('an HTTPS listener before its routes are ready', () => {
  it('answers 503 STARTING instead of reaching the router', async () => {
    const f = await startFixture();
    try {
      const tlsDir = join(f.config.dataDir, 'tls');
      const tls = {
        key: await readFile(join(tlsDir, 'server.key'), 'utf8'),
        cert: await readFile(join(tlsDir, 'server.pem'), 'utf8'),
      };
      const early = await createHttpsApp({
        tls,
        host: '127.0.0.1',
        port: 0,
        bodyLimit: 1024,
        logger: { level: 'silent' },
      });
      early.app.get('/x', () => ({ ok: true }));
      const url = `https://localhost:${early.port}/x`;
      const before = await httpsCall(url, { ca: f.rootPem });
      expect([before.status, before.json()]).toEqual([
        503,
        { error: { code: 'STARTING', message: expect.any(String) } },
      ]);
      await early.app.ready();
      expect((await httpsCall(url, { ca: f.rootPem })).json()).toEqual({ ok: true });
      await early.app.close();
      await new Promise((resolve) => early.server.close(resolve));
    } finally {
      await f.close();
    }
  });
});

async function canListen(port: number): Promise<boolean> {
  const server = createServer();
  const ok = await new Promise<boolean>((resolve) => {
    server.once('error', () => {
      resolve(false);
    });
    server.listen(port, '127.0.0.1', () => {
      resolve(true);
    });
  });
  if (ok) await new Promise((resolve) => server.close(resolve));
  return ok;
}
