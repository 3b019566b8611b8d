import { HTTP_PATHS, eventsTopic, noticesTopic } from '@cra-kit-examples/device-protocol';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '@cra-kit/core';
import { certificatesOfPkcs7, toPem } from '@cra-kit/identity';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updatesModule } from '../src/updates/index.js';
import { vulnModule } from '../src/vuln/index.js';
import {
  startPostgres,
  type PostgresServer,
} from '../../../packages/vuln-intake/test/postgres-server.js';
import { eventually, startCluster, type Cluster } from './contract/cluster.js';
import {
  bootstrapToken,
  connectDevice,
  deviceCall,
  makeCsr,
  type DeviceCredentials,
  type Fixture,
} from './helpers/cloud-fixture.js';
import { createOtaFixture, SECURITY_FIX, type OtaFixture } from './helpers/ota-fixture.js';

// Two cloud instances (each with its own embedded broker) on one real PostgreSQL: everything a
// device or an operator does on one is seen and continued by the other.
const TARGET = SECURITY_FIX.name;
let server: PostgresServer;
let cluster: Cluster;
let ota: OtaFixture;
let otaDir: string;
let a: Fixture;
let b: Fixture;
const devices: DeviceCredentials[] = [];
const clients: MqttClient[] = [];
const notices = new Map<string, unknown[]>();

/** EST enrollment on `at` with a token issued by `issuer`. */
async function enroll(issuer: Fixture, at: Fixture, serial: string): Promise<DeviceCredentials> {
  const token = await bootstrapToken(issuer, serial);
  const { keyPem, csrBase64 } = await makeCsr(serial);
  const res = await at.api('POST', HTTP_PATHS.estSimpleEnroll, { token, raw: csrBase64, headers: { 'content-type': 'application/pkcs10' } });
  expect(res.status, res.text).toBe(200);
  // The token is spent in the shared database: the other instance refuses it.
  const again = await issuer.api('POST', HTTP_PATHS.estSimpleEnroll, { token, raw: (await makeCsr(serial)).csrBase64, headers: { 'content-type': 'application/pkcs10' } });
  expect(again.status).toBeGreaterThanOrEqual(400);
  const [cert] = certificatesOfPkcs7(new Uint8Array(Buffer.from(res.text, 'base64')));
  if (cert === undefined) throw new Error('no certificate');
  return { serial, keyPem, certPem: toPem(cert, 'CERTIFICATE') + at.ca.chainPem };
} // prettier-ignore

const publish = (client: MqttClient, serial: string, event: object) =>
  client.publishAsync(
    eventsTopic(serial),
    JSON.stringify({ at: new Date().toISOString(), ...event }),
    { qos: 1 },
  );
const rolloutOn = async (node: Fixture, id: string) =>
  (await node.api('GET', `/api/v1/rollouts/${id}`, { token: node.adminToken })).json<{
    state: string;
    currentGroup: number;
    groups: { counts: { committed: number; notified: number } }[];
  }>();

beforeAll(async () => {
  otaDir = await mkdtemp(join(tmpdir(), 'cra-cluster-ota-'));
  ota = await createOtaFixture(otaDir, systemClock, [SECURITY_FIX]);
  server = await startPostgres();
  cluster = await startCluster(server.connectionString, 2, () => [
    updatesModule({
      repositoryDir: ota.repositoryDir,
      directorKeyFile: ota.directorKeyFile,
      tickIntervalMs: 0,
    }),
    vulnModule(),
  ]);
  [a, b] = cluster.nodes as [Fixture, Fixture];
}, 120_000);
afterAll(async () => {
  for (const c of clients) c.end(true);
  await cluster.close();
  await server.stop();
  await rm(otaDir, { recursive: true, force: true });
}, 60_000);

describe('two cloud instances on one PostgreSQL', () => {
  it('runs on PostgreSQL: modules get the database, never a SQLite handle', () => {
    expect(a.cloud.ctx.database.kind).toBe('postgres');
    expect(() => a.cloud.ctx.db).toThrow(
      expect.objectContaining({ code: 'CLOUD_STARTUP_FAILED' }) as Error,
    );
  });

  it('shares operators: the admin created by A authenticates at B, B created none', async () => {
    expect((await b.api('GET', '/api/v1/operators', { token: a.adminToken })).status).toBe(200);
    expect(existsSync(b.cloud.adminTokenFile)).toBe(false); // B found the admin and wrote no token
    const made = await b.api('POST', '/api/v1/operators', {
      token: a.adminToken,
      body: { name: 'rm', roles: ['release-manager'] },
    });
    expect(made.status).toBe(201);
    expect(
      (
        await a.api('POST', '/api/v1/operators', {
          token: a.adminToken,
          body: { name: 'rm', roles: ['auditor'] },
        })
      ).status,
    ).toBe(409);
  });

  it('enrolls on B with tokens issued by A, and sees B’s boots from A', async () => {
    for (const serial of ['VS-P1', 'VS-P2', 'VS-P3']) devices.push(await enroll(a, b, serial));
    for (const d of devices) {
      const client = await connectDevice(b, d, d.serial);
      clients.push(client);
      notices.set(d.serial, []);
      client.on('message', (_topic, payload) => {
        notices.get(d.serial)?.push(JSON.parse(payload.toString('utf8')));
      });
      await client.subscribeAsync(noticesTopic(d.serial), { qos: 1 });
      await publish(client, d.serial, {
        kind: 'boot',
        version: '1.0.0',
        hardwareId: 'rev-b',
        slot: 'a',
      });
    }
    const listed = await eventually(async () => {
      const list = (await a.api('GET', '/api/v1/devices', { token: a.adminToken })).json<{
        devices: { id: string; firmwareVersion?: string; hardwareId?: string }[];
      }>().devices;
      return list.length === 3 && list.every((d) => d.hardwareId === 'rev-b') ? list : undefined;
    }, 'boots recorded through B to be visible at A');
    expect(listed.map((d) => d.firmwareVersion)).toEqual(['1.0.0', '1.0.0', '1.0.0']);
  }, 60_000);

  it('progresses a rollout started on A with device reports arriving at B', async () => {
    const release = await a.api('POST', '/api/v1/releases', {
      token: a.adminToken,
      body: { targetName: TARGET },
    });
    expect(release.status, release.text).toBe(201);
    const releaseId = release.json<{ id: string }>().id;
    const created = await a.api('POST', `/api/v1/releases/${releaseId}/rollouts`, { token: a.adminToken, body: { groups: [
      { name: 'canary', select: { deviceIds: ['VS-P1'] }, successThreshold: 1, errorThreshold: 0.5 },
      { name: 'rest', select: { remaining: true }, successThreshold: 1, errorThreshold: 0.5 },
    ] } }); // prettier-ignore
    expect(created.status, created.text).toBe(201);
    const rolloutId = created.json<{ id: string }>().id;
    // B's director serves the assignment A made (director versions come from the database).
    const [p1, p2] = devices as [DeviceCredentials, DeviceCredentials, DeviceCredentials];
    const first = await deviceCall(b, HTTP_PATHS.otaDirectorTargets, p1);
    expect(first.status, first.text).toBe(200);
    expect(first.text).toContain(TARGET);
    const version = (t: string) =>
      (JSON.parse(t) as { signed: { version: number } }).signed.version;
    const second = await deviceCall(a, HTTP_PATHS.otaDirectorTargets, p1);
    expect(version(second.text)).toBeGreaterThan(version(first.text));
    // VS-P2 is in the group not yet started: no assignment at either instance.
    expect((await deviceCall(b, HTTP_PATHS.otaDirectorTargets, p2)).text).not.toContain(TARGET);

    const [c1, c2, c3] = clients as [MqttClient, MqttClient, MqttClient];
    await publish(c1, 'VS-P1', {
      kind: 'update-result',
      releaseId,
      outcome: 'committed',
      version: '1.1.0',
    });
    // B's engine advanced the rollout A created and notified the rest through B's broker.
    await eventually(
      async () => ((await rolloutOn(a, rolloutId)).currentGroup === 1 ? true : undefined),
      'the canary group to pass',
    );
    await eventually(
      () =>
        Promise.resolve(
          notices.get('VS-P2')?.length && notices.get('VS-P3')?.length ? true : undefined,
        ),
      'update notices for the rest group',
    );
    expect(notices.get('VS-P1')).toEqual([]); // A published VS-P1's notice on A's broker, where it is not connected
    expect(notices.get('VS-P2')).toEqual([
      expect.objectContaining({ kind: 'update-available', releaseId }),
    ]);
    await publish(c2, 'VS-P2', {
      kind: 'update-result',
      releaseId,
      outcome: 'committed',
      version: '1.1.0',
    });
    await publish(c3, 'VS-P3', {
      kind: 'update-result',
      releaseId,
      outcome: 'committed',
      version: '1.1.0',
    });
    const done = await eventually(
      async () => ((r) => (r.state === 'completed' ? r : undefined))(await rolloutOn(a, rolloutId)),
      'the rollout to complete',
    );
    expect(done.groups.map((g) => g.counts.committed)).toEqual([1, 2]);
    // One audit trail: the reports B received are in the log A serves.
    const audit = (await a.api('GET', '/api/v1/audit?limit=100', { token: a.adminToken })).json<{
      entries: { action: string; actor: string }[];
    }>().entries;
    expect(
      audit
        .filter((e) => e.action === 'update.result')
        .map((e) => e.actor)
        .sort(),
    ).toEqual(['device:VS-P1', 'device:VS-P2', 'device:VS-P3']);
    expect(audit.filter((e) => e.action === 'rollout.advance')).toHaveLength(2);
  }, 90_000);

  it('keeps vulnerability cases in the shared database: reported at A, handled at B', async () => {
    const report = {
      title: 'Update check skips signature',
      description: 'Unsigned images pass when the length field is 0.',
      email: 'researcher@example.org',
      product: 'vs300',
      versions: '1.0.0',
      cwe: 'CWE-347',
    };
    const sent = await a.api('POST', HTTP_PATHS.vulnReports, { body: report });
    expect(sent.status, sent.text).toBe(201);
    const { caseId } = sent.json<{ caseId: string }>();
    const cases = (await b.api('GET', '/api/v1/cases', { token: a.adminToken })).json<{
      cases: { id: string; state: string }[];
    }>().cases;
    expect(cases).toEqual([expect.objectContaining({ id: caseId, state: 'received' })]);
    // The module's own audit entry (written after the case, outside a store) reaches the shared log.
    await eventually(async () => {
      const audit = (await b.api('GET', '/api/v1/audit?limit=20', { token: a.adminToken })).json<{
        entries: { action: string; subject: string }[];
      }>().entries;
      return audit.some((e) => e.action === 'case.open' && e.subject === `case:${caseId}`)
        ? true
        : undefined;
    }, 'the case.open audit entry');
  });

  it('applies a revocation made at A to the device listener and broker of B', async () => {
    const victim = await enroll(a, b, 'VS-P9');
    expect((await deviceCall(b, HTTP_PATHS.otaDirectorTargets, victim)).status).toBe(404); // known, nothing assigned
    const revoked = await a.api('POST', '/api/v1/devices/VS-P9/revoke', {
      token: a.adminToken,
      body: { reason: 'keyCompromise' },
    });
    expect(revoked.status, revoked.text).toBe(200);
    // B's CRL is not refreshed yet; the registry both instances share refuses the device anyway.
    const refused = await deviceCall(b, HTTP_PATHS.otaDirectorTargets, victim);
    expect(refused.status).toBe(403);
    await expect(connectDevice(b, victim, 'VS-P9')).rejects.toThrow();
  });
});
