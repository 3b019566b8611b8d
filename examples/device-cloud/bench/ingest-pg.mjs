#!/usr/bin/env node
// Ingest rate of ONE cloud instance on PostgreSQL behind an external Mosquitto, by the number of
// receiving connections (`broker.receivers`). Not a test.
//
//   flock /tmp/cra-kit-pnpm.lock npx -y pnpm@12.4.2 --filter @cra-kit-examples/device-cloud... build
//   node examples/device-cloud/bench/ingest-pg.mjs [--devices 20] [--messages 250] [--receivers 1,4]
//        [--pg-rtt-ms 0]   (a TCP proxy in front of PostgreSQL adds this round-trip time, as a
//                           database on another host would)
//
// Per receiver count: a fresh database on one throw-away PostgreSQL (Debian's package), a fresh
// Mosquitto from the generated configuration, the built cloud in this process (no modules: the
// shell's telemetry path), and the devices in a child process, each publishing its declared
// telemetry with QoS 1 as fast as the broker's PUBACKs allow. The broker queues what the cloud has
// not taken yet; the rate is messages / (time from the first publish until every device's last
// message is stored). A device's messages can be handled slightly out of order across receivers,
// so at most `receivers - 1` of them may still be in flight when its last one is stored.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, connect as connectTcp } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateSigningKey } from '@cra-kit/core';
import {
  CA_FILES,
  createBulkIssuer,
  initCaDirectory,
  openCaDirectory,
  toPem,
} from '@cra-kit/identity';
import {
  prepareExternalBroker,
  resolveCloudConfig,
  startCloud,
} from '@cra-kit-examples/device-cloud';
import { connect } from 'mqtt';
import { freePort, startMosquitto } from './processes.mjs';
import pg from 'pg';
// The throw-away server vuln-intake's benchmark starts (initdb in a temp dir, a free port).
import { startPostgres } from '../../../packages/vuln-intake/bench/postgres.mjs';

const PASSPHRASE = 'ingest-pg bench CA (throwaway)';
const PROFILE = new URL('../../products/vibration-sensor.cra.product.yaml', import.meta.url)
  .pathname;

/** Child process: the devices. Connects on `connect`, publishes on `publish`, reports over IPC. */
async function publisher() {
  let clients = [];
  process.on('message', async (msg) => {
    if (msg.cmd === 'connect') {
      clients = await Promise.all(msg.devices.map((d) => {
        const client = connect(msg.url, { clientId: d.serial, key: msg.keyPem, cert: d.certPem, ca: msg.rootPem, servername: 'localhost', rejectUnauthorized: true, reconnectPeriod: 0, protocolVersion: 4 });
        return once(client, 'connect').then(() => ({ client, serial: d.serial }));
      }));
      process.send({ connected: clients.length });
    } else if (msg.cmd === 'publish') {
      const started = Date.now() - msg.messages * 1000;
      await Promise.all(clients.map(async ({ client, serial }) => {
        for (let i = 0; i < msg.messages; i += 1) {
          const at = new Date(started + i * 1000).toISOString();
          await client.publishAsync(`devices/${serial}/telemetry`, JSON.stringify({ at, values: { temperature: i } }), { qos: 1 });
        }
      }));
      process.send({ published: true });
      await Promise.all(clients.map(({ client }) => client.endAsync()));
      process.exit(0);
    }
  });
} // prettier-ignore

/** A TCP proxy to `port` that holds every chunk `rttMs / 2` in each direction (order kept: equal timers fire in order). */
async function delayProxy(port, rttMs) {
  const server = createServer((inbound) => {
    const outbound = connectTcp({ port, host: '127.0.0.1', noDelay: true });
    inbound.setNoDelay(true);
    const pipeDelayed = (from, to) => {
      from.on('data', (chunk) => setTimeout(() => to.write(chunk), rttMs / 2));
      from.on('close', () => setTimeout(() => to.destroy(), rttMs / 2));
      from.on('error', () => to.destroy());
    };
    pipeDelayed(inbound, outbound);
    pipeDelayed(outbound, inbound);
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
} // prettier-ignore

/** One measurement with `receivers` receiving connections; returns messages stored per second. */
async function run(shared, receivers) {
  const database = `ingest_r${receivers}`;
  const admin = new pg.Client({ connectionString: shared.pg.connectionString });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const direct = shared.pg.connectionString.replace(/\/postgres$/, `/${database}`);
  const proxy =
    shared.rttMs > 0 ? await delayProxy(Number(new URL(direct).port), shared.rttMs) : undefined;
  const url = proxy === undefined ? direct : direct.replace(/:\d+\//, `:${proxy.address().port}/`);
  const config = resolveCloudConfig({
    dataDir: join(shared.dir, database), productProfile: PROFILE, ports: { public: 0, device: 0, mqtt: 0 },
    ca: { dir: shared.caDir, passphraseEnv: 'BENCH_CA_PASSPHRASE' }, log: { level: 'error' }, database: { url, poolSize: 10 },
    broker: { mode: 'external', url: `mqtts://localhost:${await freePort()}`, bindAddress: '127.0.0.1', persistence: false, runAsUser: userInfo().username, receivers },
  }); // prettier-ignore
  const env = { BENCH_CA_PASSPHRASE: PASSPHRASE };
  const mosquitto = await startMosquitto((await prepareExternalBroker({ config, env })).conf);
  const cloud = await startCloud({ config, env, modules: [] });
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const at = new Date().toISOString();
  const ids = shared.devices.map((d) => d.serial);
  // Registered as enrollment would: the cloud handles messages of active devices only.
  await db.query(`INSERT INTO devices (id, certificate_serial, certificate_not_after, status, enrolled_at) SELECT id, id, $2, 'active', $2 FROM unnest($1::text[]) AS t(id)`, [ids, at]); // prettier-ignore
  const child = fork(new URL(import.meta.url), ['--publisher'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }); // prettier-ignore
  const reply = () => once(child, 'message').then(([m]) => m);
  try {
    child.send({ cmd: 'connect', url: cloud.mqttUrl, rootPem: shared.rootPem, keyPem: shared.keyPem, devices: shared.devices }); // prettier-ignore
    await reply();
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    child.send({ cmd: 'publish', messages: shared.messages });
    const published = reply().then(() => performance.now() - started);
    const last = JSON.stringify(shared.messages - 1);
    for (;;) {
      const { rows } = await db.query("SELECT count(*)::int AS n FROM telemetry_latest WHERE key = 'temperature' AND value = $1", [last]); // prettier-ignore
      if (rows[0].n === ids.length) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const storedMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const total = ids.length * shared.messages;
    // The cloud's CPU per message (this process; the polling above is a small part of it).
    const cpuUs = (cpu.user + cpu.system) / total;
    return {
      receivers,
      total,
      publishMs: await published,
      storedMs,
      rate: total / (storedMs / 1000),
      cpuUs,
    };
  } finally {
    child.kill();
    await db.end();
    await cloud.close();
    mosquitto.kill('SIGKILL');
    proxy?.close();
  }
}

async function main() {
  const { values: args } = parseArgs({ options: { devices: { type: 'string', default: '20' }, messages: { type: 'string', default: '250' }, receivers: { type: 'string', default: '1,4' }, 'pg-rtt-ms': { type: 'string', default: '0' } } }); // prettier-ignore
  const dir = await mkdtemp(join(tmpdir(), 'cra-bench-ingest-'));
  const pgServer = await startPostgres();
  if (pgServer === undefined)
    throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  try {
    const caDir = join(dir, 'ca');
    await initCaDirectory({ dir: caDir, organization: 'Bench', passphrase: PASSPHRASE, scrypt: { N: 16_384, r: 8, p: 1 } }); // prettier-ignore
    const ca = await openCaDirectory({ dir: caDir, passphrase: PASSPHRASE });
    // One simulator key, a certificate per device (identity's bulk issuer).
    const key = await generateSigningKey('ecdsa-p256-sha256');
    const issuer = createBulkIssuer({ ca: ca.issuing });
    const devices = [];
    for (let i = 0; i < Number(args.devices); i += 1) {
      const serial = `INGEST-${String(i).padStart(4, '0')}`;
      const issued = await issuer.issueCertificate(await key.signer.publicKey(), { profile: 'ldevid-mtls', serial }); // prettier-ignore
      devices.push({ serial, certPem: toPem(issued.certificate, 'CERTIFICATE') + ca.chainPem });
    }
    const shared = { dir, caDir, pg: pgServer, devices, messages: Number(args.messages), rttMs: Number(args['pg-rtt-ms']), rootPem: await readFile(join(caDir, CA_FILES.root), 'utf8'), keyPem: toPem(key.privateKeyPkcs8, 'PRIVATE KEY') }; // prettier-ignore
    console.log(`${devices.length} devices × ${shared.messages} QoS 1 telemetry messages, one instance, PostgreSQL (+${shared.rttMs} ms round trip)`); // prettier-ignore
    for (const receivers of args.receivers.split(',').map(Number)) {
      const r = await run(shared, receivers);
      console.log(`receivers ${String(r.receivers).padStart(2)}: ${r.total} stored in ${(r.storedMs / 1000).toFixed(2)} s = ${Math.round(r.rate)} msg/s, cloud CPU ${Math.round(r.cpuUs)} µs/msg (devices done publishing after ${(r.publishMs / 1000).toFixed(2)} s)`); // prettier-ignore
    }
  } finally {
    await pgServer.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--publisher') await publisher();
else await main();
