// The device side of mqtt-load.mjs, in its own process so the broker's CPU is measured alone.
// Driven over IPC: connect, subscribe, steady telemetry, notice storm, update check storm, close.
import { Agent, get } from 'node:https';
import { performance } from 'node:perf_hooks';
import { connect } from 'mqtt';

const now = () => performance.timeOrigin + performance.now();
/**
 * `notice`: the last update-available notice the device received (its update check follows it).
 * @type {{ serial: string, certPem: string, client: import('mqtt').MqttClient, notices: number, notice?: { targetName: string } }[]}
 */
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

/** The notice as the agent would read it; a malformed one fails that device's update check. */
function parseNotice(payload) {
  try {
    const notice = JSON.parse(payload.toString('utf8'));
    return notice?.kind === 'update-available' ? notice : undefined;
  } catch {
    return undefined;
  }
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
        const device = { serial: cert.serial, certPem: cert.certPem, client: r.client, notices: 0 };
        r.client.on('message', (_topic, payload) => {
          device.notices += 1;
          device.notice = parseNotice(payload);
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
  async checkUpdates(msg) {
    // The first `devices` devices that got the notice check, `concurrency` checks in flight.
    const checking = devices.slice(0, msg.devices);
    const times = [];
    let failed = 0;
    let firstError;
    const started = now();
    await pool(checking, msg.concurrency, async (device) => {
      const t = now();
      try {
        await checkOne(msg, device);
        times.push(now() - t);
      } catch (error) {
        failed += 1;
        firstError ??= `${device.serial}: ${error.message}`;
      }
    });
    return {
      checked: times.length,
      failed,
      firstError,
      seconds: (now() - started) / 1000,
      ...summary(times),
    };
  },
  async close() {
    await Promise.all(devices.map((d) => d.client.endAsync(true)));
    devices = [];
    return { closed: true };
  },
};

/**
 * One GET on the device's kept-alive connection; the body is always read so the connection can
 * carry the next request. Rejects unless the status is `status` and, for 200, the body is JSON.
 */
function fetchJson(agent, url, status = 200) {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent, timeout: 60_000 }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        if (res.statusCode !== status)
          return reject(new Error(`${url.pathname}: HTTP ${res.statusCode}, expected ${status}`));
        if (status !== 200) return resolve(undefined);
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          reject(new Error(`${url.pathname}: the body is not JSON`));
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${url.pathname}: timed out`)));
    req.on('error', reject);
  });
}

/**
 * What the agent fetches on an update check (ota-signing's Updater.refresh, then the director):
 * the next root (404: no rotation), timestamp, the snapshot and top-level targets it names, and
 * the device's director targets. Signatures are not verified here: the device process stays
 * light, and what is measured is the cloud's side. One mutual-TLS connection per device, kept
 * alive for the whole check, closed after it (10,000 idle sockets would cost descriptors).
 */
async function checkOne(msg, device) {
  const name = device.notice?.targetName;
  if (name === undefined) throw new Error('no update-available notice received');
  const agent = new Agent({
    keepAlive: true,
    maxSockets: 1,
    noDelay: true,
    key: msg.keyPem,
    cert: device.certPem,
    ca: msg.rootPem,
    servername: msg.servername,
    rejectUnauthorized: true,
  });
  const url = (path) => new URL(path, msg.deviceUrl);
  const metadata = (file) => url(`${msg.paths.otaRepository}metadata/${file}`);
  const versioned = (version, role) => (msg.consistentSnapshot ? `${version}.${role}` : role);
  try {
    await fetchJson(agent, metadata(`${msg.rootVersion + 1}.root.json`), 404);
    const timestamp = await fetchJson(agent, metadata('timestamp.json'));
    const snapshotVersion = timestamp?.signed?.meta?.['snapshot.json']?.version;
    const snapshot = await fetchJson(agent, metadata(versioned(snapshotVersion, 'snapshot.json')));
    const targetsVersion = snapshot?.signed?.meta?.['targets.json']?.version;
    const targets = await fetchJson(agent, metadata(versioned(targetsVersion, 'targets.json')));
    if (targets?.signed?.targets?.[name] === undefined)
      throw new Error(`the repository's targets do not list ${name}`);
    const director = await fetchJson(agent, url(msg.paths.otaDirectorTargets));
    const assigned = director?.signed?.targets?.[name]?.custom?.director?.deviceId;
    if (assigned !== device.serial)
      throw new Error(`the director metadata does not name ${name} for this device`);
  } finally {
    agent.destroy();
  }
}

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
