#!/usr/bin/env node
// MQTT load harness (not a test): N simulated devices with real mutual-TLS connections against the
// embedded Aedes broker and an external Mosquitto in the same run, figures side by side.
//
//   pnpm --filter @cra-kit-examples/device-cloud build        (the harness runs the built cloud)
//   node examples/device-cloud/bench/mqtt-load.mjs [--devices 1000] [--steady-seconds 30]
//        [--interval-seconds 10] [--concurrency 64] [--brokers embedded,external]
//        [--profile-storm storm.cpuprofile]   (V8 CPU profile of the embedded broker's storm)
//        [--check-devices 1000] [--skip-update-check]   (devices in the update check storm)
//
// The cloud (and Aedes) run in this process; the devices run in a child process
// (mqtt-clients.mjs), Mosquitto in its own, so each broker's CPU and RSS are its own.
// The cloud runs with the updates module over a small real TUF repository, and one release
// rolled out to every device, so the update check storm gets real repository and director answers.
import { fork, spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { generateSigningKey } from '@cra-kit/core';
import {
  CA_FILES,
  createBulkIssuer,
  initCaDirectory,
  openCaDirectory,
  toPem,
} from '@cra-kit/identity';
import { addTarget, initRepository, writeKeyFile } from '@cra-kit/ota-signing';
import {
  defaultModules,
  prepareExternalBroker,
  resolveCloudConfig,
  startCloud,
  tuneGarbageCollection,
} from '@cra-kit-examples/device-cloud';
import { HTTP_PATHS } from '@cra-kit-examples/device-protocol';
import Database from 'better-sqlite3';
import { freePort, startMosquitto } from './processes.mjs';

const { values: args } = parseArgs({
  options: {
    devices: { type: 'string', default: '1000' },
    'steady-seconds': { type: 'string', default: '30' },
    'interval-seconds': { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '64' },
    brokers: { type: 'string', default: 'embedded,external' },
    'probe-every': { type: 'string', default: '5' },
    'profile-storm': { type: 'string' },
    'check-devices': { type: 'string' },
    'skip-update-check': { type: 'boolean', default: false },
  },
});
const N = Number(args.devices);
const CHECK_DEVICES = Math.min(N, Number(args['check-devices'] ?? N));
const FD_NEEDED = N + 2048;

const PASSPHRASE = 'mqtt-load bench CA (throwaway)';
const PROFILE = new URL('../../products/vibration-sensor.cra.product.yaml', import.meta.url)
  .pathname;
// The bench devices' model: the release's image is signed for it, so the rollout takes them all.
const HARDWARE_ID = 'bench-sensor-rev-a';
const TARGET_NAME = 'fw-bench.bin';
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const TICK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU seconds and RSS bytes of a process (this one: process APIs; another: /proc). */
async function usage(pid) {
  if (pid === process.pid) {
    const cpu = process.cpuUsage();
    return { cpu: (cpu.user + cpu.system) / 1e6, rss: process.memoryUsage().rss };
  }
  const stat = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return {
    cpu: (Number(stat[11]) + Number(stat[12])) / TICK,
    rss: Number(/VmRSS:\s+(\d+)/.exec(status)[1]) * 1024,
  };
}

/** A V8 CPU profile of this process between start and stop, written as a .cpuprofile file. */
async function startProfiler() {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
      console.log(`connection-storm CPU profile written to ${file}`);
    },
  };
}

/** The device process, driven over IPC. */
function startClients() {
  const child = fork(new URL('./mqtt-clients.mjs', import.meta.url), [], {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let seq = 0;
  const pending = new Map();
  child.on('message', (m) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error) p.reject(new Error(m.error));
    else p.resolve(m.result);
  });
  return {
    child,
    call: (cmd, msg = {}) =>
      new Promise((resolve, reject) => {
        const id = ++seq;
        pending.set(id, { resolve, reject });
        child.send({ ...msg, cmd, id });
      }),
  };
}

/** Issues N ldevid-mtls certificates with identity's bulk issuer (one shared simulator key). */
async function issueDevices(ca) {
  const key = await generateSigningKey('ecdsa-p256-sha256');
  const spki = await key.signer.publicKey();
  const issuer = createBulkIssuer({ ca: ca.issuing });
  const started = now();
  const certs = [];
  for (let i = 0; i < N; i++) {
    const serial = `LOAD-${String(i).padStart(6, '0')}`;
    const issued = await issuer.issueCertificate(spki, { profile: 'ldevid-mtls', serial });
    certs.push({
      serial,
      certPem: toPem(issued.certificate, 'CERTIFICATE') + ca.chainPem,
      serialNumber: issued.serialNumber.toLowerCase().replace(/^(00)+(?=..)/, ''),
      notAfter: issued.notAfter.toISOString(),
    });
  }
  return { keyPem: toPem(key.privateKeyPkcs8, 'PRIVATE KEY'), certs, issueMs: now() - started };
}

/**
 * A small real TUF repository (ota-signing's development keys) signing one image for the bench
 * devices' hardware id, and a director key: once per run, shared by both brokers' clouds.
 */
async function createOtaRepository(dir) {
  const repositoryDir = join(dir, 'ota-repo');
  const repo = await initRepository({ dir: repositoryDir });
  const image = join(dir, TARGET_NAME);
  await writeFile(image, randomBytes(64 * 1024));
  await addTarget(repo, {
    image,
    name: TARGET_NAME,
    firmware: {
      schemaVersion: 1,
      hardwareIds: [HARDWARE_ID],
      version: '9.9.9',
      securityCounter: 1,
      releaseType: 'security',
    },
  });
  await repo.publish();
  const directorKeyFile = join(dir, 'director.key.json');
  const director = await generateSigningKey('ed25519');
  await writeKeyFile(directorKeyFile, {
    algorithm: 'ed25519',
    privateKeyPkcs8: director.privateKeyPkcs8,
    development: true,
  });
  const trustedRoot = join(repositoryDir, 'metadata', '1.root.json');
  // What a device knows before its first check: the root it ships with.
  const { signed } = JSON.parse(await readFile(trustedRoot, 'utf8'));
  return {
    repositoryDir,
    directorKeyFile,
    trustedRoot,
    rootVersion: signed.version,
    consistentSnapshot: signed.consistent_snapshot === true,
  };
}

/** One JSON call to the operator API (public listener, server TLS with our root, API token). */
function apiPost(cloud, rootPem, token, path, body) {
  const payload = Buffer.from(JSON.stringify(body));
  const headers = {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
    'content-length': payload.length,
  };
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, cloud.publicUrl),
      { method: 'POST', headers, ca: rootPem, servername: 'localhost', timeout: 600_000 },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode === 201) resolve(JSON.parse(text));
          else reject(new Error(`POST ${path}: HTTP ${res.statusCode} ${text.slice(0, 300)}`));
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`POST ${path}: timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * Registers the release and rolls it out to every device in one group, as a release manager
 * would (the bootstrap admin's token): the director then serves each device its metadata. Done
 * before the devices connect, so the rollout's own notices reach no one and the notice storm
 * stays the bench's.
 */
async function startRollout(cloud, rootPem) {
  const token = (await readFile(cloud.adminTokenFile, 'utf8')).trim();
  const release = await apiPost(cloud, rootPem, token, '/api/v1/releases', {
    targetName: TARGET_NAME,
  });
  const rollout = await apiPost(cloud, rootPem, token, `/api/v1/releases/${release.id}/rollouts`, {
    groups: [{ name: 'bench', select: { remaining: true } }],
  });
  if (rollout.ineligible.length > 0)
    throw new Error(`${rollout.ineligible.length} devices are not in the rollout`);
  return release;
}

/** Registers the devices in the cloud's SQLite registry, as enrollment would (one transaction). */
function seedRegistry(dbFile, certs) {
  const db = new Database(dbFile);
  const at = new Date().toISOString();
  const dev = db.prepare(
    "INSERT INTO devices (id, hardware_id, certificate_serial, certificate_not_after, status, enrolled_at) VALUES (?, ?, ?, ?, 'active', ?)",
  );
  const cert = db.prepare(
    'INSERT INTO device_certificates (serial_number, device_id, not_after, issued_at) VALUES (?, ?, ?, ?)',
  );
  db.transaction(() => {
    for (const c of certs) {
      dev.run(c.serial, HARDWARE_ID, c.serialNumber, c.notAfter, at);
      cert.run(c.serialNumber, c.serial, c.notAfter, at);
    }
  })();
  db.close();
}

async function runOne(mode, shared) {
  const dir = await mkdtemp(join(tmpdir(), `cra-bench-${mode}-`));
  const config = resolveCloudConfig({
    dataDir: join(dir, 'data'),
    productProfile: PROFILE,
    ports: { public: 0, device: 0, mqtt: 0 },
    ca: { dir: shared.caDir, passphraseEnv: 'BENCH_CA_PASSPHRASE' },
    ota: {
      repositoryDir: shared.ota.repositoryDir,
      directorKeyFile: shared.ota.directorKeyFile,
      trustedRoot: shared.ota.trustedRoot,
    },
    log: { level: 'error' },
    ...(mode === 'external'
      ? {
          broker: {
            mode: 'external',
            url: `mqtts://localhost:${await freePort()}`,
            bindAddress: '127.0.0.1',
            persistence: false,
            runAsUser: userInfo().username,
          },
        }
      : {}),
  });
  const env = { BENCH_CA_PASSPHRASE: PASSPHRASE };
  let mosquitto;
  if (mode === 'external')
    mosquitto = await startMosquitto((await prepareExternalBroker({ config, env })).conf, {
      fds: FD_NEEDED,
    });
  // No rollout timer: postponed devices (there are none) would be looked at every minute.
  const { modules } = defaultModules(config, { tickIntervalMs: 0 });
  // As `cra-cloud` does: V8 flags are process-wide, so the command applies them, not startCloud.
  tuneGarbageCollection(config.runtime.heapGrowingPercent);
  const cloud = await startCloud({ config, env, modules });
  const brokerPid = mosquitto?.pid ?? process.pid;
  seedRegistry(config.database, shared.certs);
  const latencies = [];
  cloud.ctx.onDeviceEvent((_id, event) => {
    if (event.kind === 'security-event' && event.detail.startsWith('probe:'))
      latencies.push(now() - Number(event.detail.slice(6)));
  });
  const clients = startClients();
  const result = { mode };
  try {
    const release = await startRollout(cloud, shared.rootPem);
    globalThis.gc();
    await sleep(500);
    const base = await usage(brokerPid);
    // 1. Connection storm (optionally CPU-profiled: the embedded broker runs in this process).
    const profiler =
      args['profile-storm'] && mode === 'embedded' ? await startProfiler() : undefined;
    const storm = await clients.call('connect', {
      url: cloud.mqttUrl,
      servername: 'localhost',
      rootPem: shared.rootPem,
      keyPem: shared.keyPem,
      certs: shared.certs,
      concurrency: Number(args.concurrency),
    });
    const afterStorm = await usage(brokerPid);
    if (profiler) await profiler.stop(args['profile-storm']);
    await clients.call('subscribe');
    // 2. Idle connections: RSS per connection once things settle.
    globalThis.gc();
    await sleep(2000);
    globalThis.gc();
    const idle = await usage(brokerPid);
    Object.assign(result, {
      connected: storm.connected,
      connectFailed: storm.failed,
      connectsPerSecond: storm.connected / storm.seconds,
      connectP50Ms: storm.p50,
      connectP99Ms: storm.p99,
      brokerCpuPerConnectMs: ((afterStorm.cpu - base.cpu) * 1000) / Math.max(1, storm.connected),
      rssPerIdleConnectionKiB: (idle.rss - base.rss) / 1024 / Math.max(1, storm.connected),
      brokerRssMiB: idle.rss / 2 ** 20,
    });
    // 3. Steady telemetry.
    const beforeSteady = await usage(brokerPid);
    const cloudBefore = await usage(process.pid);
    const steady = await clients.call('steady', {
      seconds: Number(args['steady-seconds']),
      intervalMs: Number(args['interval-seconds']) * 1000,
      probeEvery: Number(args['probe-every']),
    });
    await sleep(1000); // the last probes reach the handler
    const afterSteady = await usage(brokerPid);
    const cloudAfter = await usage(process.pid);
    const sorted = Float64Array.from(latencies).sort();
    const pct = (p) =>
      sorted.length
        ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]
        : NaN;
    const messages = steady.published + latencies.length;
    Object.assign(result, {
      telemetryPublished: steady.published,
      publishFailed: steady.failed,
      messagesPerSecond: messages / Number(args['steady-seconds']),
      pubackP50Ms: steady.puback.p50,
      pubackP99Ms: steady.puback.p99,
      ingestP50Ms: pct(50),
      ingestP99Ms: pct(99),
      probes: sorted.length,
      brokerCpuPerMessageUs: ((afterSteady.cpu - beforeSteady.cpu) * 1e6) / Math.max(1, messages),
      cloudCpuPerMessageUs:
        mode === 'external'
          ? ((cloudAfter.cpu - cloudBefore.cpu) * 1e6) / Math.max(1, messages)
          : undefined,
    });
    // 4. Update-notice storm: one update-available notice (the rollout's release) to every
    // device at once.
    await clients.call('expectNotices', { perDevice: 1 });
    const noticeStart = now();
    const notice = {
      kind: 'update-available',
      releaseId: release.id,
      targetName: release.targetName,
      version: release.version,
      releaseType: release.releaseType,
    };
    await Promise.all(shared.certs.map((c) => cloud.ctx.publishToDevice(c.serial, notice)));
    const sent = now() - noticeStart;
    const got = await clients.call('waitNotices');
    Object.assign(result, {
      noticesPerSecond: got.received / got.seconds,
      noticePublishMs: sent,
      noticeAllDeliveredMs: got.seconds * 1000,
    });
    // 5. Update check storm: the devices check the release their notice named.
    if (!args['skip-update-check'])
      Object.assign(result, await updateCheckStorm(clients, cloud, shared));
  } finally {
    await clients.call('close').catch(() => undefined);
    clients.child.kill();
    await cloud.close();
    mosquitto?.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
  return result;
}

/**
 * Every checking device runs the agent's update check over mutual-TLS HTTPS against the device
 * listener, `--concurrency` in flight. The cloud is this process in both modes (the device
 * listener is the cloud's, whichever broker), so its CPU time is the cost of the checks.
 */
async function updateCheckStorm(clients, cloud, shared) {
  globalThis.gc();
  const before = await usage(process.pid);
  const check = await clients.call('checkUpdates', {
    deviceUrl: cloud.deviceUrl,
    servername: 'localhost',
    rootPem: shared.rootPem,
    keyPem: shared.keyPem,
    devices: CHECK_DEVICES,
    concurrency: Number(args.concurrency),
    paths: HTTP_PATHS,
    rootVersion: shared.ota.rootVersion,
    consistentSnapshot: shared.ota.consistentSnapshot,
  });
  const after = await usage(process.pid);
  if (check.firstError) console.log(`first failed update check: ${check.firstError}`);
  return {
    checks: check.checked,
    checkFailed: check.failed,
    checksPerSecond: check.checked / check.seconds,
    checkP50Ms: check.p50,
    checkP99Ms: check.p99,
    cloudCpuPerCheckMs: ((after.cpu - before.cpu) * 1000) / Math.max(1, check.checked),
  };
}

async function main() {
  const root = await mkdtemp(join(tmpdir(), 'cra-bench-ca-'));
  try {
    const caDir = join(root, 'ca');
    await initCaDirectory({
      dir: caDir,
      organization: 'Bench Devices',
      passphrase: PASSPHRASE,
      scrypt: { N: 16_384, r: 8, p: 1 },
    });
    const ca = await openCaDirectory({ dir: caDir, passphrase: PASSPHRASE });
    const issued = await issueDevices(ca);
    console.log(
      `issued ${N} device certificates with createBulkIssuer in ${(issued.issueMs / 1000).toFixed(2)} s`,
    );
    const shared = {
      caDir,
      rootPem: await readFile(join(caDir, CA_FILES.root), 'utf8'),
      ota: await createOtaRepository(root),
      ...issued,
    };
    const results = [];
    for (const mode of args.brokers.split(',')) {
      console.log(`running ${mode} …`);
      results.push(await runOne(mode, shared));
    }
    print(results);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const skipped = (r) => (r.checks === undefined ? '(skipped)' : undefined);

function print(results) {
  const rows = [
    ['devices connected', (r) => `${r.connected} (${r.connectFailed} failed)`],
    ['connection storm (connects/s)', (r) => r.connectsPerSecond.toFixed(0)],
    [
      'connect p50 / p99 (ms)',
      (r) => `${r.connectP50Ms.toFixed(1)} / ${r.connectP99Ms.toFixed(1)}`,
    ],
    ['broker CPU per connect (ms)', (r) => r.brokerCpuPerConnectMs.toFixed(2)],
    ['broker RSS per idle mTLS connection (KiB)', (r) => r.rssPerIdleConnectionKiB.toFixed(1)],
    ['broker RSS total (MiB)', (r) => r.brokerRssMiB.toFixed(0)],
    ['steady messages/s (telemetry + probes)', (r) => r.messagesPerSecond.toFixed(0)],
    ['PUBACK p50 / p99 (ms)', (r) => `${r.pubackP50Ms.toFixed(1)} / ${r.pubackP99Ms.toFixed(1)}`],
    [
      'ingest publish→handler p50 / p99 (ms)',
      (r) => `${r.ingestP50Ms.toFixed(1)} / ${r.ingestP99Ms.toFixed(1)} (${r.probes} probes)`,
    ],
    ['broker CPU per message (µs)', (r) => r.brokerCpuPerMessageUs.toFixed(0)],
    [
      'cloud CPU per message, external only (µs)',
      (r) =>
        r.cloudCpuPerMessageUs === undefined ? '(in broker)' : r.cloudCpuPerMessageUs.toFixed(0),
    ],
    ['update-notice storm (notices/s delivered)', (r) => r.noticesPerSecond.toFixed(0)],
    ['… all delivered after (ms)', (r) => r.noticeAllDeliveredMs.toFixed(0)],
    [
      'update checks (5 mTLS requests each)',
      (r) => skipped(r) ?? `${r.checks} (${r.checkFailed} failed)`,
    ],
    ['update check storm (checks/s)', (r) => skipped(r) ?? r.checksPerSecond.toFixed(0)],
    [
      'check p50 / p99 (ms)',
      (r) => skipped(r) ?? `${r.checkP50Ms.toFixed(1)} / ${r.checkP99Ms.toFixed(1)}`,
    ],
    ['cloud CPU per check (ms)', (r) => skipped(r) ?? r.cloudCpuPerCheckMs.toFixed(2)],
  ];
  const width = Math.max(...rows.map(([l]) => l.length));
  console.log(`\n${''.padEnd(width)}  ${results.map((r) => r.mode.padStart(18)).join('')}`);
  for (const [label, fmt] of rows)
    console.log(`${label.padEnd(width)}  ${results.map((r) => fmt(r).padStart(18)).join('')}`);
  const e = results.find((r) => r.mode === 'embedded');
  const x = results.find((r) => r.mode === 'external');
  if (e && x)
    console.log(
      `\nAedes connection storm = ${((100 * e.connectsPerSecond) / x.connectsPerSecond).toFixed(0)}% of Mosquitto's`,
    );
}

// Raise the descriptor limit (and expose gc for RSS figures) by re-executing once.
if (globalThis.gc === undefined || Number(process.env.CRA_BENCH_FDS ?? 0) < FD_NEEDED) {
  const script = `ulimit -n ${FD_NEEDED} 2>/dev/null || ulimit -n hard; exec "$0" --expose-gc "$@"`;
  const child = spawn(
    'sh',
    ['-c', script, process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    { stdio: 'inherit', env: { ...process.env, CRA_BENCH_FDS: String(FD_NEEDED) } },
  );
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  await main();
}
