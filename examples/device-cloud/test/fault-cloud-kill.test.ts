import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HTTP_PATHS } from '@cra-kit-examples/device-protocol';
import { systemClock } from '@cra-kit/core';
import { certificatesOfPkcs7, toPem } from '@cra-kit/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startPostgres,
  type PostgresServer,
} from '../../../packages/vuln-intake/test/postgres-server.js';
import { defaultModules } from '../src/default-modules.js';
import { bundleCloudBin, startCloudProcess, type CloudProcess } from './contract/cloud-process.js';
import { eventually, nodeConfigInput, startCluster, type Cluster } from './contract/cluster.js';
import { SimDevice } from './contract/sim-device.js';
import {
  bootstrapToken,
  httpsCall,
  makeCsr,
  type DeviceCredentials,
  type Fixture,
} from './helpers/cloud-fixture.js';
import { createOtaFixture, SECURITY_FIX, type OtaFixture } from './helpers/ota-fixture.js';

// SIGKILL of a cloud instance (the real `cra-cloud` entry point, bundled, in a child process) in
// the middle of a rollout. The other instance, on the same PostgreSQL, finishes it: no group
// starts twice, no device is told to update again after it did, every report counts once.
const TARGET = SECURITY_FIX.name;
const SERIALS = ['VS-K1', 'VS-K2', 'VS-K3', 'VS-K4', 'VS-K5', 'VS-K6', 'VS-K7'];
let server: PostgresServer;
let ota: OtaFixture;
let tmp: string;
let bin: string;
let cluster: Cluster; // instance B, in this process
let b: Fixture;
let a: CloudProcess | undefined; // instance A, the one killed
const sims: SimDevice[] = [];

const apiAt = (base: string, method: string, path: string, body?: unknown) =>
  httpsCall(base + path, { method, ca: b.rootPem, headers: { authorization: `Bearer ${b.adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }); // prettier-ignore

async function enroll(serial: string): Promise<DeviceCredentials> {
  const token = await bootstrapToken(b, serial);
  const { keyPem, csrBase64 } = await makeCsr(serial);
  const res = await b.api('POST', HTTP_PATHS.estSimpleEnroll, { token, raw: csrBase64, headers: { 'content-type': 'application/pkcs10' } });
  if (res.status !== 200) throw new Error(`enroll ${serial}: ${res.status} ${res.text}`);
  const [cert] = certificatesOfPkcs7(new Uint8Array(Buffer.from(res.text, 'base64')));
  if (cert === undefined) throw new Error('no certificate');
  return { serial, keyPem, certPem: toPem(cert, 'CERTIFICATE') + b.ca.chainPem };
} // prettier-ignore

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'cra-fault-kill-'));
  ota = await createOtaFixture(tmp, systemClock, [SECURITY_FIX]);
  [server, bin] = await Promise.all([startPostgres(), bundleCloudBin()]);
  const otaSection = { repositoryDir: ota.repositoryDir, directorKeyFile: ota.directorKeyFile };
  cluster = await startCluster(
    server.connectionString,
    1,
    (config) => [...defaultModules(config, { tickIntervalMs: 0 }).modules],
    { ota: otaSection },
  );
  b = cluster.nodes[0] as Fixture;
  a = await startCloudProcess(
    bin,
    join(tmp, 'node-a.yaml'),
    nodeConfigInput(cluster.dir, cluster.caDir, server.connectionString, 'node-a', {
      ota: otaSection,
    }),
  );
}, 180_000);
afterAll(async () => {
  for (const s of sims) s.close();
  await a?.kill();
  await cluster.close();
  await server.stop();
  await rm(tmp, { recursive: true, force: true });
  await rm(bin, { force: true });
}, 60_000);

describe('SIGKILL of a cloud instance in the middle of a rollout', () => {
  it('the other instance resumes it: no group twice, no device updated twice, no report lost', async () => {
    const nodeA = a as CloudProcess;
    let releaseId = '';
    for (const serial of SERIALS)
      sims.push(new SimDevice(await enroll(serial), b.rootPem, () => releaseId));
    // Every device boots on B (so its hardware id is known), then lives on A.
    for (const s of sims) {
      await s.connect({ mqttUrl: b.cloud.mqttUrl, deviceUrl: b.cloud.deviceUrl });
    }
    for (const s of sims) await s.boot();
    await eventually(
      async () =>
        (await b.api('GET', '/api/v1/devices', { token: b.adminToken }))
          .json<{ devices: { hardwareId?: string }[] }>()
          .devices.filter((d) => d.hardwareId === 'rev-b').length === SERIALS.length
          ? true
          : undefined,
      'boots',
    );
    for (const s of sims) await s.connect({ mqttUrl: nodeA.mqttUrl, deviceUrl: nodeA.deviceUrl });

    const release = await apiAt(nodeA.publicUrl, 'POST', '/api/v1/releases', {
      targetName: TARGET,
    });
    expect(release.status, release.text).toBe(201);
    releaseId = release.json<{ id: string }>().id;
    // The kill comes when the first device of the second group hears of the release from A.
    const second = sims.slice(1, 4);
    const heard = new Promise<void>((resolve) => {
      for (const s of second) s.onInstruction = resolve;
    });
    const created = await apiAt(nodeA.publicUrl, 'POST', `/api/v1/releases/${releaseId}/rollouts`, { groups: [
      { name: 'canary', select: { deviceIds: ['VS-K1'] }, successThreshold: 1, errorThreshold: 0.5 },
      { name: 'early', select: { deviceIds: ['VS-K2', 'VS-K3', 'VS-K4'] }, successThreshold: 1, errorThreshold: 0.5 },
      { name: 'rest', select: { remaining: true }, successThreshold: 1, errorThreshold: 0.5 },
    ] }); // prettier-ignore
    expect(created.status, created.text).toBe(201);
    const rolloutId = created.json<{ id: string }>().id;
    await heard;
    await nodeA.kill();

    // The devices lose A and come to B; B takes the rollout over from the database alone.
    for (const s of sims)
      await s.connect({ mqttUrl: b.cloud.mqttUrl, deviceUrl: b.cloud.deviceUrl });
    const done = await eventually(
      async () => {
        const r = (
          await b.api('GET', `/api/v1/rollouts/${rolloutId}`, { token: b.adminToken })
        ).json<{ state: string; groups: { counts: { committed: number } }[] }>();
        return r.state === 'completed' ? r : undefined;
      },
      'the rollout to complete on B',
      60_000,
    );
    expect(done.groups.map((g) => g.counts.committed)).toEqual([1, 3, 3]);
    await Promise.all(sims.map((s) => s.settled()));

    // No group started twice: at most one notice per device, from whichever instance started it.
    expect(
      sims
        .map((s) => s.instructions.filter((i) => i.source === 'notice').length)
        .every((n) => n <= 1),
    ).toBe(true);
    // Nobody is asked to update again: the director (at either instance) assigns nothing now.
    for (const s of sims) {
      const again = await httpsCall(b.cloud.deviceUrl + HTTP_PATHS.otaDirectorTargets, {
        ca: b.rootPem,
        key: s.creds.keyPem,
        cert: s.creds.certPem,
      });
      expect(again.status, `${s.serial}: ${again.text}`).toBe(404);
    }
    // One trail in the database: each result once, each group passed once.
    const audit = (await b.api('GET', '/api/v1/audit?limit=500', { token: b.adminToken })).json<{
      entries: { action: string; actor: string; detail?: { outcome?: string } }[];
    }>().entries;
    const results = audit
      .filter((e) => e.action === 'update.result' && e.detail?.outcome === 'committed')
      .map((e) => e.actor)
      .sort();
    expect(results).toEqual(SERIALS.map((s) => `device:${s}`));
    expect(audit.filter((e) => e.action === 'rollout.advance')).toHaveLength(3);

    // A restarted on the same database sees the finished rollout and creates no second admin.
    a = await startCloudProcess(
      bin,
      join(tmp, 'node-a.yaml'),
      nodeConfigInput(cluster.dir, cluster.caDir, server.connectionString, 'node-a', {
        ota: { repositoryDir: ota.repositoryDir, directorKeyFile: ota.directorKeyFile },
      }),
    );
    const seen = (await apiAt(a.publicUrl, 'GET', `/api/v1/rollouts/${rolloutId}`)).json<{
      state: string;
    }>();
    expect(seen.state).toBe('completed');
    expect(
      (await b.api('GET', '/api/v1/operators', { token: b.adminToken })).json<{
        operators: unknown[];
      }>().operators,
    ).toHaveLength(1);
  }, 150_000);
});
