// The device side of mqtt-load.mjs, in its own process so the broker's CPU is measured alone.
// Driven over IPC: connect, subscribe, steady telemetry, notice storm, close.
import { performance } from 'node:perf_hooks';
import { connect } from 'mqtt';

const now = () => performance.timeOrigin + performance.now();
/** @type {{ serial: string, client: import('mqtt').MqttClient, notices: number }[]} */
let devices = [];

const percentile = (sorted, p) =>
  sorted.length === 0
    ? 0
    : sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
const summary = (values) => {
  const sorted = Float64Array.from(values).sort();
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
};

async function pool(items, concurrency, run) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

function connectOne(msg, cert) {
  return new Promise((resolve) => {
    const started = now();
    const client = connect(msg.url, {
      clientId: cert.serial,
      key: msg.keyPem,
      cert: cert.certPem,
      ca: msg.rootPem,
      servername: msg.servername,
      rejectUnauthorized: true,
      reconnectPeriod: 0,
      connectTimeout: 60_000,
      keepalive: 120,
      protocolVersion: 4,
      clean: true,
    });
    client.once('connect', () => resolve({ ok: true, client, ms: now() - started }));
    client.once('error', () => resolve({ ok: false, client, ms: now() - started }));
    client.once('close', () => resolve({ ok: false, client, ms: now() - started }));
  });
}

const handlers = {
  async connect(msg) {
    const times = [];
    let failed = 0;
    const started = now();
    await pool(msg.certs, msg.concurrency, async (cert) => {
      const r = await connectOne(msg, cert);
      if (r.ok) {
        const device = { serial: cert.serial, client: r.client, notices: 0 };
        r.client.on('message', () => {
          device.notices += 1;
          noticeSeen();
        });
        devices.push(device);
        times.push(r.ms);
      } else {
        failed += 1;
        r.client.end(true);
      }
    });
    return {
      connected: devices.length,
      failed,
      seconds: (now() - started) / 1000,
      ...summary(times),
    };
  },
  async subscribe() {
    await Promise.all(
      devices.map((d) => d.client.subscribeAsync(`devices/${d.serial}/notices`, { qos: 1 })),
    );
    return { subscribed: devices.length };
  },
  async steady(msg) {
    // Each device publishes every intervalMs with a random phase; every probeEvery-th message is
    // followed by an event carrying its send time (the cloud measures handler latency on those).
    const acks = [];
    let published = 0;
    let failed = 0;
    const end = now() + msg.seconds * 1000;
    await Promise.all(
      devices.map(async (d, i) => {
        await new Promise((r) => setTimeout(r, Math.random() * msg.intervalMs));
        for (let k = 0; now() < end; k += 1) {
          const t = now();
          try {
            await d.client.publishAsync(
              `devices/${d.serial}/telemetry`,
              JSON.stringify({
                at: new Date().toISOString(),
                values: { temperature: 20 + (i % 10), battery_level: 80 },
              }),
              { qos: 1 },
            );
            published += 1;
            acks.push(now() - t);
            if (k % msg.probeEvery === 0) {
              await d.client.publishAsync(
                `devices/${d.serial}/events`,
                JSON.stringify({
                  kind: 'security-event',
                  at: new Date().toISOString(),
                  type: 'tamper-suspected',
                  detail: `probe:${now()}`,
                }),
                { qos: 1 },
              );
            }
          } catch {
            failed += 1;
          }
          const wait = msg.intervalMs - (now() - t);
          if (wait > 0 && now() + wait < end) await new Promise((r) => setTimeout(r, wait));
          else if (now() + wait >= end) break;
        }
      }),
    );
    return { published, failed, puback: summary(acks) };
  },
  async expectNotices(msg) {
    for (const d of devices) d.notices = 0;
    expected = msg.perDevice * devices.length;
    seen = 0;
    started = now();
    allSeen = new Promise((r) => (release = r));
    return { ready: true };
  },
  async waitNotices() {
    await allSeen;
    return { received: seen, seconds: (finished - started) / 1000 };
  },
  async close() {
    await Promise.all(devices.map((d) => d.client.endAsync(true)));
    devices = [];
    return { closed: true };
  },
};

let expected = 0;
let seen = 0;
let started = 0;
let finished = 0;
let release = () => {};
let allSeen = Promise.resolve();
function noticeSeen() {
  seen += 1;
  if (seen === expected) {
    finished = now();
    release();
  }
}

process.on('message', async (msg) => {
  try {
    process.send({ id: msg.id, result: await handlers[msg.cmd](msg) });
  } catch (error) {
    process.send({ id: msg.id, error: String(error?.stack ?? error) });
  }
});
