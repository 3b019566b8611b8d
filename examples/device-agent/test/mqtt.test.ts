import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '@cra-kit/testing';
import { eventsTopic, telemetryTopic } from '@cra-kit-examples/device-protocol';
import {
  backoffDelay,
  createAgent,
  createFleet,
  type AgentEvent,
} from '@cra-kit-examples/device-agent';
import { startCloud, tempDir, type TestCloud } from './fixture.js';

let cloud: TestCloud;
type Published = { clientId: string | undefined; topic: string; payload: string };
const published: Published[] = [];
const watchers: { pred: (p: Published) => boolean; resolve: () => void }[] = [];
/** Resolves once the broker has received a matching publish (past or future). */
const brokerSaw = (pred: (p: Published) => boolean) =>
  published.some(pred)
    ? Promise.resolve()
    : new Promise<void>((resolve) => watchers.push({ pred, resolve }));
beforeAll(async () => {
  cloud = await startCloud({ broker: true });
  cloud.broker?.on('publish', (packet, client) => {
    const p = { clientId: client?.id, topic: packet.topic, payload: packet.payload.toString() };
    published.push(p);
    for (const w of watchers.filter((x) => x.pred(p))) { watchers.splice(watchers.indexOf(w), 1); w.resolve(); } // prettier-ignore
  });
}, 120_000);
afterAll(async () => {
  await cloud.close();
});

/** Collects an agent's events; `next(pred)` resolves on the first (past or future) match. */
function recorder() {
  const events: AgentEvent[] = [];
  const waiters: { pred: (e: AgentEvent) => boolean; resolve: (e: AgentEvent) => void }[] = [];
  return {
    events,
    onEvent(e: AgentEvent) {
      events.push(e);
      for (const w of [...waiters]) if (w.pred(e)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(e); }
    },
    next(pred: (e: AgentEvent) => boolean, from = 0): Promise<AgentEvent> {
      const seen = events.slice(from).find(pred);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ pred, resolve }));
    },
  };
} // prettier-ignore
const connected = (e: AgentEvent) => e.type === 'link' && e.event.type === 'connected';

describe('MQTT over mutual TLS', () => {
  it('connects as its serial, publishes declared telemetry only, and installs an update notified over MQTT', async () => {
    const rec = recorder();
    const agent = createAgent(await cloud.agentConfig('VS-M001', await tempDir('m1'), { telemetry: { keys: ['vibration_velocity_rms'], intervalMs: 60_000 } }), {
      onEvent: (e) => { rec.onEvent(e); },
      telemetrySource: () => ({ vibration_velocity_rms: 0.42, owner_email: 'owner@example.com' }),
    }); // prettier-ignore
    await agent.start();
    await rec.next(connected);
    expect(agent.status()).toMatchObject({ enrolled: true, connected: true });
    await agent.sendTelemetry();
    await brokerSaw((p) => p.topic === telemetryTopic('VS-M001'));
    const telemetry = published.filter((p) => p.topic === telemetryTopic('VS-M001'));
    expect(telemetry).toHaveLength(1);
    expect(telemetry[0]?.clientId).toBe('VS-M001');
    expect(JSON.parse(telemetry[0]?.payload ?? '{}')).toMatchObject({
      values: { vibration_velocity_rms: 0.42 },
    });
    expect(telemetry[0]?.payload).not.toContain('owner');

    const rel = await cloud.release({ version: '4.0.0', counter: 1 });
    cloud.assign('VS-M001', rel.name);
    const from = rec.events.length;
    await cloud.publishNotice('VS-M001', rel.notice);
    const result = await rec.next(
      (e) => e.type === 'device-event' && e.event.kind === 'update-result',
      from,
    );
    expect(result).toMatchObject({ event: { outcome: 'committed', version: '4.0.0' } });
    await brokerSaw(
      (p) => p.topic === eventsTopic('VS-M001') && p.payload.includes('update-result'),
    );
    const events = published
      .filter((p) => p.topic === eventsTopic('VS-M001'))
      .map((p) => JSON.parse(p.payload) as { kind: string; phase?: string });
    expect(events.filter((e) => e.kind === 'update-progress').map((e) => e.phase)).toEqual([
      'notified',
      'downloading',
      'verifying',
      'writing',
      'switching',
      'health-check',
    ]);
    expect(events.at(-1)).toMatchObject({ kind: 'update-result', outcome: 'committed' });
    // A factory reset is announced before the credentials are gone.
    await agent.factoryReset();
    await brokerSaw((p) => p.clientId === 'VS-M001' && p.payload.includes('factory-reset'));
    expect(agent.status()).toMatchObject({ enrolled: false, connected: false });
  });

  it('reconnects with full-jitter exponential backoff (deterministic with a seeded source)', async () => {
    const broker = cloud.broker;
    if (broker === undefined) throw new Error('no broker');
    const original = broker.authenticate;
    let refusals = 4;
    broker.authenticate = (client, u, p, done) => {
      if (client.id === 'VS-M002' && refusals-- > 0) { done(Object.assign(new Error('not now'), { returnCode: 3 as const }), false); return; }
      original(client, u, p, done);
    }; // prettier-ignore
    const rec = recorder();
    const policy = { baseMs: 20, capMs: 100 };
    const dataDir = await tempDir('m2');
    const agent = createAgent(await cloud.agentConfig('VS-M002', dataDir, { backoff: policy }), { random: seededRandom(42), onEvent: (e) => { rec.onEvent(e); } }); // prettier-ignore
    await agent.start();
    await rec.next(connected);
    broker.authenticate = original;
    const scheduled = rec.events.flatMap((e) =>
      e.type === 'link' && e.event.type === 'reconnect-scheduled' ? [e.event] : [],
    );
    const expected = seededRandom(42);
    expect(scheduled).toEqual(
      [0, 1, 2, 3].map((attempt) => ({
        type: 'reconnect-scheduled',
        attempt,
        delayMs: backoffDelay(attempt, expected, policy),
      })),
    );
    // The refusals are one security event (per outage) in the local log.
    const log = await readFile(join(dataDir, 'security-events.jsonl'), 'utf8');
    expect(log.match(/connection-refused/g)).toHaveLength(1);
    // After a successful connection the next loss starts again from attempt 0.
    const from = rec.events.length;
    for (const client of Object.values(
      (broker as unknown as { clients: Record<string, { close(): void }> }).clients,
    ))
      client.close();
    const again = await rec.next(
      (e) => e.type === 'link' && e.event.type === 'reconnect-scheduled',
      from,
    );
    expect(again).toMatchObject({ event: { attempt: 0 } });
    await rec.next(connected, from);
    await agent.stop();
  });

  it('fleet simulator: five agents in one process, each its own key and certificate', async () => {
    const baseDir = await tempDir('fleet');
    const template = await cloud.agentConfig('unused', baseDir);
    const rest = { hardwareId: template.hardwareId, cloud: template.cloud, ota: template.ota, factoryImage: template.factoryImage };
    const devices = await Promise.all(['VS-F001', 'VS-F002', 'VS-F003', 'VS-F004', 'VS-F005'].map(async (serial) => ({ serial, bootstrapToken: await cloud.tokens.issue(serial) })));
    const rec = recorder();
    const fleet = createFleet({ baseDir, devices, template: rest, hooks: () => ({ onEvent: (e) => { rec.onEvent(e); } }), concurrency: 3 }); // prettier-ignore
    await fleet.start();
    await Promise.all(devices.map((_, i) => rec.next((e) => connected(e) && rec.events.filter(connected).length > i)));
    expect(fleet.summary()).toMatchObject({ total: 5, enrolled: 5, connected: 5, failedToStart: 0, versions: { '1.0.0': 5 } });
    const certs = await Promise.all(devices.map(async (d) => (await import('node:fs/promises')).readFile(`${baseDir}/${d.serial}/identity/cert.pem`, 'utf8')));
    expect(new Set(certs).size).toBe(5);
    expect(certs.map((c) => cloud.identityOf(c).serial)).toEqual(devices.map((d) => d.serial));
    const rel = await cloud.release({ version: '4.1.0', counter: 1 });
    for (const d of devices) cloud.assign(d.serial, rel.name);
    await fleet.notifyAll(rel.notice);
    expect(fleet.summary()).toMatchObject({ versions: { '4.1.0': 5 }, outcomes: { committed: 5 } });
    await fleet.stop();
  }); // prettier-ignore
});
