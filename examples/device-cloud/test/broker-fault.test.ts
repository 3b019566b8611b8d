import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createFleet, type AgentEvent } from '@cra-kit-examples/device-agent';
import { telemetryTopic } from '@cra-kit-examples/device-protocol';
import { generateSigningKey, systemClock } from '@cra-kit/core';
import { createBulkIssuer, toPem } from '@cra-kit/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOn, type MosquittoProcess } from './helpers/broker-mosquitto.js';
import { connectDevice, enrollDevice, type Fixture } from './helpers/cloud-fixture.js';
import { createOtaFixture } from './helpers/ota-fixture.js';

const AGENTS = 24;
const BACKOFF = { baseMs: 500, capMs: 4_000 };

/** Per serial: when each link event happened (performance.now()). */
function linkLog() {
  const events: { serial: string; at: number; event: Extract<AgentEvent, { type: 'link' }>['event'] }[] = [];
  const waiters = new Set<() => void>();
  return {
    events,
    record(serial: string, e: AgentEvent) {
      if (e.type !== 'link') return;
      events.push({ serial, at: performance.now(), event: e.event });
      for (const w of waiters) w();
    },
    /** Resolves when `pred` holds over the log (checked on every new event). */
    until(pred: () => boolean): Promise<void> {
      return new Promise((resolve) => {
        const check = () => {
          if (pred()) {
            waiters.delete(check);
            resolve();
          }
        };
        waiters.add(check);
        check();
      });
    },
  };
} // prettier-ignore

describe('broker restart with a fleet connected (external Mosquitto)', () => {
  let f: Fixture;
  let mosquitto: MosquittoProcess;
  let fleet: ReturnType<typeof createFleet>;
  const log = linkLog();
  const serials = Array.from({ length: AGENTS }, (_, i) => `VS-F${String(i).padStart(3, '0')}`);
  const after = (t: number, type: string) => new Set(log.events.filter((e) => e.at >= t && e.event.type === type).map((e) => e.serial)); // prettier-ignore

  beforeAll(async () => {
    const started = await startOn('external');
    f = started.f;
    mosquitto = started.mosquitto!;
    const ota = await createOtaFixture(join(f.dir, 'agent-ota'), systemClock, []);
    const factory = join(f.dir, 'factory.bin');
    await writeFile(factory, Buffer.alloc(4096, 7));
    const tokens = await f.api('POST', '/api/v1/devices/bootstrap-tokens', { token: f.adminToken, body: { serials } }); // prettier-ignore
    expect(tokens.status).toBe(201);
    const devices = tokens.json<{ tokens: { serial: string; token: string }[] }>().tokens.map((t) => ({ serial: t.serial, bootstrapToken: t.token })); // prettier-ignore
    fleet = createFleet({
      baseDir: join(f.dir, 'fleet'),
      devices,
      template: {
        hardwareId: 'vs-200-revB',
        cloud: { publicUrl: f.cloud.publicUrl, deviceUrl: f.cloud.deviceUrl, mqttUrl: f.cloud.mqttUrl, caPem: f.rootPem, servername: 'localhost' },
        ota: { initialRoot: new Uint8Array(ota.trustedRoot), director: { keys: Object.values(ota.directorTrust.keys), threshold: 1 } },
        factoryImage: { path: factory, version: '1.0.0' },
        backoff: BACKOFF,
      },
      hooks: (serial) => ({ onEvent: (e) => { log.record(serial, e); } }),
      concurrency: 4,
    }); // prettier-ignore
    await fleet.start();
    await log.until(() => after(0, 'connected').size === AGENTS);
  }, 120_000);
  afterAll(async () => {
    await fleet.stop();
    await f.close();
    await mosquitto.kill();
  });

  it('reconnects every agent with jittered backoff, no faster than the broker accepts connections', async () => {
    expect(fleet.summary()).toMatchObject({ total: AGENTS, connected: AGENTS, failedToStart: 0 });
    // The broker's connection rate on this machine now: a burst of fresh mutual-TLS connects.
    const key = await generateSigningKey('ecdsa-p256-sha256');
    const issuer = createBulkIssuer({ ca: f.ca.issuing });
    const burst = await Promise.all(Array.from({ length: AGENTS }, async (_, i) => ({ keyPem: toPem(key.privateKeyPkcs8, 'PRIVATE KEY'), certPem: toPem((await issuer.issueCertificate(await key.signer.publicKey(), { serial: `RATE-${String(i)}` })).certificate, 'CERTIFICATE') + f.ca.chainPem, serial: `RATE-${String(i)}` }))); // prettier-ignore
    const t0 = performance.now();
    const clients = await Promise.all(burst.map((c) => connectDevice(f, c, c.serial)));
    const brokerRate = (AGENTS * 1000) / (performance.now() - t0);
    await Promise.all(clients.map((c) => c.endAsync(true)));

    // SIGKILL Mosquitto; every agent loses its link and schedules a jittered reconnect.
    const killedAt = performance.now();
    await mosquitto.kill();
    // Keep it down until every agent has failed twice: their windows have grown to 4 × baseMs.
    const failedTwice = () => new Set(log.events.filter((e) => e.at >= killedAt && e.event.type === 'reconnect-scheduled' && e.event.attempt >= 2).map((e) => e.serial)).size === AGENTS; // prettier-ignore
    await log.until(failedTwice);
    const restartedAt = performance.now();
    await mosquitto.start();
    await log.until(() => after(restartedAt, 'connected').size === AGENTS);

    const firstDelays = log.events.filter((e) => e.at >= killedAt && e.event.type === 'reconnect-scheduled' && e.event.attempt === 0).map((e) => (e.event as { delayMs: number }).delayMs); // prettier-ignore
    expect(new Set(firstDelays).size).toBeGreaterThan(AGENTS / 2); // full jitter, not one delay for all
    const times = log.events.filter((e) => e.at >= restartedAt && e.event.type === 'connected').map((e) => e.at).sort((x, y) => x - y); // prettier-ignore
    const peakPerSecond = Math.max(
      ...times.map((t) => times.filter((u) => u >= t && u < t + 1000).length),
    );
    console.info(
      `reconnect storm: peak ${String(peakPerSecond)}/s over ${((times.at(-1)! - times[0]!) / 1000).toFixed(1)} s; broker burst rate ${brokerRate.toFixed(0)}/s`,
    );
    expect(peakPerSecond).toBeLessThanOrEqual(brokerRate);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(BACKOFF.baseMs); // spread out, not a herd
    expect(fleet.summary().connected).toBe(AGENTS);
  }, 120_000);

  it('the cloud’s service client is back too: device telemetry reaches the cloud after the restart', async () => {
    const probe = await connectDevice(f, await enrollDevice(f, 'VS-PROBE'), 'VS-PROBE');
    const value = 23.25;
    // The service client reconnects on its own period; poll the registry until the value shows.
    let seen: unknown;
    for (let i = 0; i < 100 && seen !== value; i++) {
      await probe.publishAsync(telemetryTopic('VS-PROBE'), JSON.stringify({ at: new Date().toISOString(), values: { temperature: value } }), { qos: 1 }); // prettier-ignore
      const res = await f.api('GET', '/api/v1/devices/VS-PROBE/telemetry', { token: f.adminToken });
      seen = res.json<{ values: { temperature?: { value: number } } }>().values.temperature?.value;
      if (seen !== value) await new Promise((r) => setTimeout(r, 200));
    }
    expect(seen).toBe(value);
    await probe.endAsync(true);
  }, 60_000);
});
