import { readFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { eventsTopic, HTTP_PATHS, telemetryTopic } from '@cra-kit-examples/device-protocol';
import { systemClock } from '@cra-kit/core';
import {
  CA_FILES,
  certificatesOfPkcs7,
  initCaDirectory,
  issueKeyPair,
  openCaDirectory,
  toPem,
  type CaDirectory,
} from '@cra-kit/identity';
import { connect, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startPostgres,
  type PostgresServer,
} from '../../../packages/vuln-intake/test/postgres-server.js';
import { prepareExternalBroker, resolveCloudConfig, type CloudConfigInput } from '../src/index.js';
import { bundleCloudBin, startCloudProcess, type CloudProcess } from './contract/cloud-process.js';
import { eventually, nodeConfigInput } from './contract/cluster.js';
import { SimDevice } from './contract/sim-device.js';
import { freePort, startMosquitto, type MosquittoProcess } from './helpers/broker-mosquitto.js';
import {
  closed,
  FAST_SCRYPT,
  httpsCall,
  makeCsr,
  PASSPHRASE,
  type DeviceCredentials,
} from './helpers/cloud-fixture.js';
import { createOtaFixture, type OtaFixture } from './helpers/ota-fixture.js';

// One PostgreSQL, one Mosquitto, two `cra-cloud` processes (the real entry point, bundled) in
// external-broker mode, each with RECEIVERS receiving connections. All of them take the device
// topics through one shared subscription group, so each device message is handled by exactly one
// receiver of one instance, acknowledged only once stored; the processes' debug log says which
// instance and receiver handled what.
const RECEIVERS = 3;
const SERIALS = ['VS-S1', 'VS-S2', 'VS-S3', 'VS-S4', 'VS-S5', 'VS-S6'];
const MESSAGES = 20;
const TARGETS = ['vs300-1.1.0.bin', 'vs300-1.2.0.bin'];
type Node = 'a' | 'b';

let server: PostgresServer;
let bin: string;
let tmp: string;
let ca: CaDirectory;
let rootPem: string;
let ota: OtaFixture;
let brokerUrl: string;
let mosquitto: MosquittoProcess;
const nodes: Partial<Record<Node, CloudProcess>> = {};
let adminToken = '';
const creds = new Map<string, DeviceCredentials>();
const clients: MqttClient[] = [];
const sims: SimDevice[] = [];
/** Device messages handled, per instance, in the order they were logged. */
const handled: Record<Node, { deviceId: string; topic: string; receiver: number }[]> = {
  a: [],
  b: [],
};

const node = (name: Node): CloudProcess => {
  const n = nodes[name];
  if (n === undefined) throw new Error(`instance ${name} is not running`);
  return n;
};
const configOf = (name: Node): CloudConfigInput =>
  nodeConfigInput(tmp, join(tmp, 'ca'), server.connectionString, `node-${name}`, {
    ota: { repositoryDir: ota.repositoryDir, directorKeyFile: ota.directorKeyFile },
    // A owns the broker's files and pid file; B reaches the broker only over MQTT. No instance
    // runs as `spare`: the last test uses its receiver identity to probe the ACL.
    broker: { mode: 'external', url: brokerUrl, bindAddress: '127.0.0.1', configDir: join(tmp, 'mosquitto'), runAsUser: userInfo().username, persistence: false, serviceName: name, serviceNames: ['a', 'b', 'spare'], manageFiles: name === 'a', receivers: RECEIVERS },
  }); // prettier-ignore

async function start(name: Node): Promise<void> {
  nodes[name] = await startCloudProcess(bin, join(tmp, `${name}.yaml`), configOf(name), {
    logLevel: 'debug',
    onLog: (entry) => {
      if (entry.msg === 'device message handled')
        handled[name].push({
          deviceId: String(entry.deviceId),
          topic: String(entry.topic),
          receiver: Number(entry.receiver),
        });
    },
  });
}

const api = (name: Node, method: string, path: string, body?: unknown) =>
  httpsCall(node(name).publicUrl + path, { method, ca: rootPem, headers: { authorization: `Bearer ${adminToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }); // prettier-ignore

async function enroll(serial: string): Promise<DeviceCredentials> {
  const tokens = await api('a', 'POST', '/api/v1/devices/bootstrap-tokens', { serials: [serial] });
  const token = tokens.json<{ tokens: { token: string }[] }>().tokens[0]?.token ?? '';
  const { keyPem, csrBase64 } = await makeCsr(serial);
  const res = await httpsCall(node('b').publicUrl + HTTP_PATHS.estSimpleEnroll, { method: 'POST', ca: rootPem, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pkcs10' }, body: csrBase64 });
  if (res.status !== 200) throw new Error(`enroll ${serial}: ${res.status} ${res.text}`);
  const [cert] = certificatesOfPkcs7(new Uint8Array(Buffer.from(res.text, 'base64')));
  if (cert === undefined) throw new Error('no certificate');
  return { serial, keyPem, certPem: toPem(cert, 'CERTIFICATE') + ca.chainPem };
} // prettier-ignore

/** A device's MQTT connection to the shared broker (no reconnects: a refusal stays visible). */
function connectDevice(serial: string): Promise<MqttClient> {
  const c = creds.get(serial);
  if (c === undefined) throw new Error(`${serial} is not enrolled`);
  return connectWith(c);
}

/** An MQTT connection with `c`'s certificate, whose CN Mosquitto makes username and client id. */
function connectWith(c: DeviceCredentials): Promise<MqttClient> {
  const { serial } = c;
  const client = connect(brokerUrl, { clientId: serial, key: c.keyPem, cert: c.certPem, ca: rootPem, servername: 'localhost', rejectUnauthorized: true, reconnectPeriod: 0, connectTimeout: 15_000, protocolVersion: 4 });
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => { client.end(true); reject(error); };
    client.once('connect', () => { clients.push(client); resolve(client); });
    client.once('error', fail);
    client.once('close', () => { fail(new Error(`${serial}: closed before CONNACK`)); });
  });
} // prettier-ignore

const rejectedCounts = async (): Promise<Map<string, number>> => {
  const stats = (await api('b', 'GET', '/api/v1/telemetry/stats')).json<{ rejections: { deviceId: string; key: string; count: number }[] }>(); // prettier-ignore
  return new Map(
    stats.rejections.filter((r) => r.key === 'installer_name').map((r) => [r.deviceId, r.count]),
  );
};
const handledOf = (name: Node, serials: readonly string[], topicEnd: string) =>
  handled[name].filter((h) => serials.includes(h.deviceId) && h.topic.endsWith(topicEnd)).length;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'cra-one-broker-'));
  const firmware = (version: string, securityCounter: number) => ({ schemaVersion: 1 as const, hardwareIds: ['rev-b'], version, securityCounter, releaseType: 'security' as const }); // prettier-ignore
  ota = await createOtaFixture(join(tmp, 'ota'), systemClock, [
    { name: TARGETS[0] as string, firmware: firmware('1.1.0', 2) },
    { name: TARGETS[1] as string, firmware: firmware('1.2.0', 3) },
  ]);
  const caDir = join(tmp, 'ca');
  await initCaDirectory({ dir: caDir, organization: 'Acme Sensors', passphrase: PASSPHRASE, scrypt: FAST_SCRYPT }); // prettier-ignore
  ca = await openCaDirectory({ dir: caDir, passphrase: PASSPHRASE });
  rootPem = await readFile(join(caDir, CA_FILES.root), 'utf8');
  [server, bin, brokerUrl] = await Promise.all([startPostgres(), bundleCloudBin(), freePort().then((p) => `mqtts://localhost:${p}`)]); // prettier-ignore
  const files = await prepareExternalBroker({ config: resolveCloudConfig(configOf('a')), env: { TEST_CA_PASSPHRASE: PASSPHRASE } }); // prettier-ignore
  mosquitto = await startMosquitto(files.conf);
  await start('a'); // the first instance creates the admin
  adminToken = (await readFile(join(tmp, 'node-a', 'admin.token'), 'utf8')).trim();
  await start('b');
  for (const serial of SERIALS) creds.set(serial, await enroll(serial));
}, 180_000);

afterAll(async () => {
  for (const s of sims) s.close();
  for (const c of clients) c.end(true);
  await Promise.all([nodes.a?.kill(), nodes.b?.kill()]);
  await mosquitto.kill();
  await server.stop();
  await rm(tmp, { recursive: true, force: true });
  await rm(bin, { force: true });
}, 60_000);

describe('two cloud instances on one Mosquitto (shared subscriptions)', () => {
  it('handles each of N × M telemetry messages exactly once, split over both instances and all their receivers', async () => {
    const at = Date.now() - 60_000;
    const devices = await Promise.all(SERIALS.map((s) => connectDevice(s)));
    // Even messages are stored; odd ones carry a field the profile keeps off the cloud, so the
    // cloud counts each of them: the count shows how often a message was handled.
    await Promise.all(devices.map(async (client, d) => {
      for (let i = 0; i < MESSAGES; i += 1) {
        const values = i % 2 === 0 ? { temperature: i } : { temperature: i, installer_name: 'Jane Doe' };
        await client.publishAsync(telemetryTopic(SERIALS[d] as string), JSON.stringify({ at: new Date(at + i * 10).toISOString(), values }), { qos: 1 });
      }
    })); // prettier-ignore
    const total = SERIALS.length * MESSAGES;
    await eventually(async () => Promise.resolve(handledOf('a', SERIALS, '/telemetry') + handledOf('b', SERIALS, '/telemetry') >= total ? true : undefined), 'every telemetry message handled'); // prettier-ignore
    expect(handledOf('a', SERIALS, '/telemetry') + handledOf('b', SERIALS, '/telemetry')).toBe(
      total,
    );
    expect(handledOf('a', SERIALS, '/telemetry')).toBeGreaterThan(0);
    expect(handledOf('b', SERIALS, '/telemetry')).toBeGreaterThan(0);
    // The broker hands the group's messages to its 2 × RECEIVERS members in turn.
    const receiversOf = (name: Node) => [...new Set(handled[name].filter((h) => h.topic.endsWith('/telemetry')).map((h) => h.receiver))].sort(); // prettier-ignore
    const all = Array.from({ length: RECEIVERS }, (_, i) => i);
    expect(receiversOf('a')).toEqual(all);
    expect(receiversOf('b')).toEqual(all);
    const counts = await rejectedCounts();
    for (const serial of SERIALS) expect(counts.get(serial), serial).toBe(MESSAGES / 2);
    // Whichever instance stored last, the latest value is the device's newest message.
    for (const serial of SERIALS) {
      const latest = (await api('a', 'GET', `/api/v1/devices/${serial}/telemetry`)).json<{ values: { temperature?: { value: number } } }>(); // prettier-ignore
      expect(latest.values.temperature?.value, serial).toBe(MESSAGES - 2);
    }
    for (const client of devices) await client.endAsync(true);
  }, 60_000);

  let rolloutOne = '';
  let releaseTwo = '';
  it('finishes a rollout started on A with reports handled by both; each commit counted and audited once', async () => {
    let releaseId = '';
    const before: Record<Node, number> = {
      a: handledOf('a', SERIALS, '/events'),
      b: handledOf('b', SERIALS, '/events'),
    };
    for (const serial of SERIALS) sims.push(new SimDevice(creds.get(serial) as DeviceCredentials, rootPem, () => releaseId)); // prettier-ignore
    for (const [i, s] of sims.entries())
      await s.connect({ mqttUrl: brokerUrl, deviceUrl: node(i % 2 === 0 ? 'a' : 'b').deviceUrl });
    for (const s of sims) await s.boot();
    await eventually(async () => (await api('b', 'GET', '/api/v1/devices')).json<{ devices: { hardwareId?: string }[] }>().devices.filter((d) => d.hardwareId === 'rev-b').length === SERIALS.length ? true : undefined, 'boots'); // prettier-ignore
    const release = await api('a', 'POST', '/api/v1/releases', { targetName: TARGETS[0] });
    expect(release.status, release.text).toBe(201);
    releaseId = release.json<{ id: string }>().id;
    const created = await api('a', 'POST', `/api/v1/releases/${releaseId}/rollouts`, { groups: [
      { name: 'canary', select: { deviceIds: ['VS-S1'] }, successThreshold: 1, errorThreshold: 0.5 },
      { name: 'rest', select: { remaining: true }, successThreshold: 1, errorThreshold: 0.5 },
    ] }); // prettier-ignore
    expect(created.status, created.text).toBe(201);
    rolloutOne = created.json<{ id: string }>().id;
    const done = await eventually(
      async () => {
        const r = (await api('b', 'GET', `/api/v1/rollouts/${rolloutOne}`)).json<{ state: string; groups: { counts: { committed: number } }[] }>(); // prettier-ignore
        return r.state === 'completed' ? r : undefined;
      },
      'the rollout to complete',
      60_000,
    );
    expect(done.groups.map((g) => g.counts.committed)).toEqual([1, 5]);
    await Promise.all(sims.map((s) => s.settled()));
    // Boot, progress and result of six devices: both instances handled some of them.
    expect(handledOf('a', SERIALS, '/events') - before.a).toBeGreaterThan(0);
    expect(handledOf('b', SERIALS, '/events') - before.b).toBeGreaterThan(0);
    expect(sims.every((s) => s.instructions.filter((i) => i.source === 'notice').length <= 1)).toBe(true); // prettier-ignore
    const audit = (await api('a', 'GET', '/api/v1/audit?limit=500')).json<{ entries: { action: string; actor: string; detail?: { outcome?: string } }[] }>().entries; // prettier-ignore
    const commits = audit.filter((e) => e.action === 'update.result' && e.detail?.outcome === 'committed').map((e) => e.actor).sort(); // prettier-ignore
    expect(commits).toEqual(SERIALS.map((s) => `device:${s}`));
    expect(audit.filter((e) => e.action === 'rollout.advance')).toHaveLength(2);
    const firmware = audit.filter(
      (e) => e.action === 'device.firmware' && e.actor === 'device:VS-S1',
    );
    expect(firmware).toHaveLength(2); // unknown → 1.0.0 at boot, 1.0.0 → 1.1.0 at commit
    for (const s of sims) s.close();
  }, 90_000);

  it('keeps what a device reported last when an older report is handled after a newer one', async () => {
    const release = await api('b', 'POST', '/api/v1/releases', { targetName: TARGETS[1] });
    expect(release.status, release.text).toBe(201);
    const releaseId = release.json<{ id: string }>().id;
    releaseTwo = releaseId;
    const created = await api('b', 'POST', `/api/v1/releases/${releaseId}/rollouts`, { groups: [{ name: 'all', select: { deviceIds: ['VS-S2'] }, successThreshold: 1, errorThreshold: 1 }] }); // prettier-ignore
    expect(created.status, created.text).toBe(201);
    const rolloutId = created.json<{ id: string }>().id;
    const client = await connectDevice('VS-S2');
    const t = (seconds: number) => new Date(Date.now() - 60_000 + seconds * 1000).toISOString();
    const events = () =>
      handledOf('a', ['VS-S2'], '/events') + handledOf('b', ['VS-S2'], '/events');
    // The device declines at t+20; its progress of t+10 and a boot of the old image at t+5 are
    // handled only after that, as when another instance is slower with them.
    const inOrder = async (event: object) => {
      const seen = events();
      await client.publishAsync(eventsTopic('VS-S2'), JSON.stringify(event), { qos: 1 });
      await eventually(async () => Promise.resolve(events() > seen ? true : undefined), 'the event handled');
    }; // prettier-ignore
    await inOrder({
      kind: 'update-result',
      at: t(20),
      releaseId,
      outcome: 'declined',
      version: '1.1.0',
    });
    await inOrder({ kind: 'update-progress', at: t(10), releaseId, phase: 'downloading' });
    await inOrder({ kind: 'boot', at: t(5), version: '1.0.0', hardwareId: 'rev-b', slot: 'a' });
    const rollout = (await api('a', 'GET', `/api/v1/rollouts/${rolloutId}`)).json<{ groups: { counts: Record<string, number> }[] }>(); // prettier-ignore
    expect(rollout.groups[0]?.counts).toMatchObject({ declined: 1, 'in-progress': 0 });
    expect((await api('a', 'GET', '/api/v1/devices/VS-S2')).json<{ firmwareVersion: string }>().firmwareVersion).toBe('1.1.0'); // prettier-ignore
    await api('a', 'POST', `/api/v1/rollouts/${rolloutId}/abort`, {});
    await client.endAsync(true);
  }, 60_000);

  it('loses nothing acknowledged when A is killed while devices publish; B handles the rest, restarted A its queue', async () => {
    const serials = SERIALS.slice(2, 5);
    const count = 30;
    const before = await rejectedCounts();
    // A rollout the devices report on while A is down: reports queued for A reach the updates
    // module of the restarted A (it subscribes only once its modules listen).
    const created = await api('b', 'POST', `/api/v1/releases/${releaseTwo}/rollouts`, { groups: [{ name: 'all', select: { deviceIds: serials }, successThreshold: 1, errorThreshold: 1 }] }); // prettier-ignore
    expect(created.status, created.text).toBe(201);
    const rolloutId = created.json<{ id: string }>().id;
    const devices = await Promise.all(serials.map((s) => connectDevice(s)));
    let sent = 0;
    let killedAt = -1;
    const killed = (async () => {
      await eventually(async () => Promise.resolve(sent >= (serials.length * count) / 3 ? true : undefined), 'a third sent'); // prettier-ignore
      killedAt = handled.b.length;
      await node('a').kill();
    })();
    // Every message is acknowledged by the broker (QoS 1) before the next one is sent. Once A is
    // dead each device reports its update first, so those reports are early in A's queue.
    await Promise.all(devices.map(async (client, d) => {
      const serial = serials[d] as string;
      for (let i = 0; i < count; i += 1) {
        if (i === count / 3) {
          await killed;
          for (const event of [{ kind: 'update-progress', phase: 'health-check' }, { kind: 'update-result', outcome: 'committed', version: '1.2.0' }]) {
            await client.publishAsync(eventsTopic(serial), JSON.stringify({ at: new Date().toISOString(), releaseId: releaseTwo, ...event }), { qos: 1 });
          }
        }
        await client.publishAsync(telemetryTopic(serial), JSON.stringify({ at: new Date().toISOString(), values: { temperature: i, installer_name: 'x' } }), { qos: 1 });
        sent += 1;
      }
    })); // prettier-ignore
    await killed;
    const handledByBAfterKill = () => handled.b.slice(killedAt).filter((h) => serials.includes(h.deviceId)).length; // prettier-ignore
    await eventually(async () => Promise.resolve(handledByBAfterKill() > 0 ? true : undefined), 'B handling after the kill'); // prettier-ignore
    const aBefore = handled.a.length;
    await start('a');
    const delta = async () => {
      const now = await rejectedCounts();
      return serials.map((s) => (now.get(s) ?? 0) - (before.get(s) ?? 0));
    };
    const counted = await eventually(async () => ((await delta()).every((n) => n >= count) ? delta() : undefined), 'every acknowledged message counted', 60_000); // prettier-ignore
    // At-least-once: a message A stored but had not acknowledged when it died comes again (each
    // receiver of A takes one message at a time, so at most one per receiver).
    expect(counted.reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(
      serials.length * count + RECEIVERS,
    );
    expect(handledByBAfterKill()).toBeGreaterThan(0);
    expect(handled.a.slice(aBefore).filter((h) => serials.includes(h.deviceId)).length).toBeGreaterThan(0); // prettier-ignore
    const rollout = await eventually(
      async () => {
        const r = (await api('b', 'GET', `/api/v1/rollouts/${rolloutId}`)).json<{ state: string; groups: { counts: { committed: number } }[] }>(); // prettier-ignore
        return r.state === 'completed' ? r : undefined;
      },
      'the rollout reported on during the outage to complete',
      60_000,
    );
    expect(rollout.groups[0]?.counts.committed).toBe(serials.length);
    for (const client of devices) await client.endAsync(true);
  }, 90_000);

  it('disconnects a device revoked through B (which does not own the broker files) and refuses its reconnect', async () => {
    const client = await connectDevice('VS-S6');
    const gone = closed(client);
    const crlBefore = await readFile(join(tmp, 'mosquitto', 'crl.pem'), 'utf8');
    const res = await api('b', 'POST', '/api/v1/devices/VS-S6/revoke', { reason: 'keyCompromise' });
    expect(res.status, res.text).toBe(200);
    await gone;
    // A learns of it over the broker, writes the broker's CRL and reloads Mosquitto.
    await eventually(async () => ((await readFile(join(tmp, 'mosquitto', 'crl.pem'), 'utf8')) !== crlBefore ? true : undefined), 'the broker CRL rewritten by A'); // prettier-ignore
    await eventually(async () => connectDevice('VS-S6').then((c) => { c.end(true); return undefined; }, () => true), 'the reconnect refused'); // prettier-ignore
    await expect(connectDevice('VS-S6')).rejects.toThrow();
    // Another device still connects.
    const other = await connectDevice('VS-S1');
    await other.endAsync(true);
  }, 60_000);

  it('lets an extra receiver identity read the device topics and do nothing else (Mosquitto’s ACL)', async () => {
    const service = async (cn: string) => {
      const pair = await issueKeyPair({ ca: ca.issuing, request: { profile: 'ldevid-mtls', serial: cn, validityDays: 1 } });
      return connectWith({ serial: cn, keyPem: pair.keyPem, certPem: pair.certificatePem });
    };
    const [receiver, notices, device] = await Promise.all([service('cra-cloud:spare:r1'), service('cra-cloud:spare:notices'), connectDevice('VS-S1')]);
    const seen: { topic: string; payload: string }[] = [];
    receiver.on('message', (topic, payload) => seen.push({ topic, payload: payload.toString('utf8') }));
    const granted = await receiver.subscribeAsync({ 'devices/VS-S1/telemetry': { qos: 1 }, 'devices/VS-S1/notices': { qos: 1 }, 'cra-cloud/revocations': { qos: 1 }, 'devices/VS-S1/events': { qos: 1 } });
    expect(granted).toHaveLength(4);
    const toDevice: string[] = [];
    device.on('message', (_topic, payload) => toDevice.push(payload.toString('utf8')));
    await device.subscribeAsync('devices/VS-S1/notices', { qos: 1 });
    // Mosquitto handles one client's packets in order and queues deliveries in that order: what a
    // forbidden publish or read would have delivered arrives before the allowed message after it.
    const stale = new Date(Date.now() - 3_600_000).toISOString();
    await receiver.publishAsync('devices/VS-S1/telemetry', JSON.stringify({ at: stale, values: { temperature: -1 } }), { qos: 1 });
    await receiver.publishAsync('devices/VS-S1/notices', 'forged by a receiver', { qos: 1 });
    await receiver.publishAsync('cra-cloud/revocations', JSON.stringify({ from: 'spare', deviceIds: ['VS-S1'] }), { qos: 1 });
    await notices.publishAsync('devices/VS-S1/notices', 'from the notices identity', { qos: 1 });
    await device.publishAsync('devices/VS-S1/telemetry', JSON.stringify({ at: stale, values: { temperature: 1 } }), { qos: 1 });
    await eventually(async () => Promise.resolve(seen.length > 0 && toDevice.length > 0 ? true : undefined), 'the allowed messages delivered');
    expect(seen).toEqual([{ topic: 'devices/VS-S1/telemetry', payload: JSON.stringify({ at: stale, values: { temperature: 1 } }) }]);
    expect(toDevice).toEqual(['from the notices identity']);
    await Promise.all([receiver, notices, device].map((c) => c.endAsync(true)));
  }, 60_000); // prettier-ignore
});
