import { eventsTopic, telemetryTopic } from '@cra-kit-examples/device-protocol';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectDevice,
  enrollDevice,
  operatorToken,
  startFixture,
  type Fixture,
} from './helpers/cloud-fixture.js';

type Stats = { rejections: { deviceId: string; key: string; reason: string; count: number }[] };

describe('telemetry against the data inventory', () => {
  let f: Fixture;
  let client: MqttClient;
  let auditor: string;
  const events: unknown[] = [];
  const at = () => new Date().toISOString();
  // QoS 1: PUBACK comes after the broker handed the message on; a trailing event then tells us the
  // cloud has processed everything before it (listeners run in order of arrival).
  const send = async (values: Record<string, unknown>) => {
    await client.publishAsync(telemetryTopic('VS-T'), JSON.stringify({ at: at(), values }), {
      qos: 1,
    });
  };
  const settle = async () => {
    const seen = events.length;
    const marker = new Promise<void>((resolve) => {
      const check = () => {
        if (events.length > seen) resolve();
        else setImmediate(check);
      };
      check();
    });
    await client.publishAsync(
      eventsTopic('VS-T'),
      JSON.stringify({
        kind: 'security-event',
        at: at(),
        type: 'tamper-suspected',
        detail: 'marker',
      }),
      { qos: 1 },
    );
    await marker;
  };
  const latest = () =>
    Object.fromEntries(
      (
        f.cloud.ctx.db
          .prepare("SELECT key, value FROM telemetry_latest WHERE device_id = 'VS-T'")
          .all() as { key: string; value: string }[]
      ).map((r) => [r.key, JSON.parse(r.value) as unknown]),
    );

  beforeAll(async () => {
    f = await startFixture();
    f.cloud.ctx.onDeviceEvent((_id, event) => void events.push(event));
    client = await connectDevice(f, await enrollDevice(f, 'VS-T'), 'VS-T');
    auditor = await operatorToken(f, 'aud', ['auditor']);
  }, 60_000);
  afterAll(async () => {
    await client.endAsync(true);
    await f.close();
  });

  it('stores declared manufacturer-cloud fields of the declared type', async () => {
    await send({ temperature: 22.5, battery_level: 80, firmware_version: '1.0.0' });
    await settle();
    expect(latest()).toEqual({ temperature: 22.5, battery_level: 80, firmware_version: '1.0.0' });
    const api = await f.api('GET', '/api/v1/devices/VS-T/telemetry', { token: auditor });
    expect(api.json()).toEqual({
      deviceId: 'VS-T',
      values: {
        temperature: { value: 22.5, at: expect.any(String) },
        battery_level: { value: 80, at: expect.any(String) },
        firmware_version: { value: '1.0.0', at: expect.any(String) },
      },
    });
  });

  it('rejects a whole message with a customer-system-only field, and counts it', async () => {
    await send({ temperature: 30, installer_name: 'Jane Doe' });
    await send({ temperature: 31, installer_name: 'Jane Doe', serial_of_neighbour: 'x' });
    await send({ battery_level: 50.5 }); // integer declared
    await send({ temperature: '30' }); // number declared
    await settle();
    expect(latest().temperature).toBe(22.5); // nothing of the rejected messages was stored
    expect(latest().battery_level).toBe(80);
    const stats = await f.api('GET', '/api/v1/telemetry/stats', { token: auditor });
    expect(stats.status).toBe(200);
    expect(stats.json<Stats>().rejections).toEqual([
      {
        deviceId: 'VS-T',
        key: 'battery_level',
        reason: 'wrong-type',
        count: 1,
        lastAt: expect.any(String),
      },
      {
        deviceId: 'VS-T',
        key: 'installer_name',
        reason: 'undeclared',
        count: 2,
        lastAt: expect.any(String),
      },
      {
        deviceId: 'VS-T',
        key: 'serial_of_neighbour',
        reason: 'undeclared',
        count: 1,
        lastAt: expect.any(String),
      },
      {
        deviceId: 'VS-T',
        key: 'temperature',
        reason: 'wrong-type',
        count: 1,
        lastAt: expect.any(String),
      },
    ]);
  });

  it('counts malformed messages and never stores them', async () => {
    await client.publishAsync(telemetryTopic('VS-T'), 'not json', { qos: 1 });
    await client.publishAsync(
      telemetryTopic('VS-T'),
      JSON.stringify({ at: 'yesterday', values: {} }),
      { qos: 1 },
    );
    await client.publishAsync(
      telemetryTopic('VS-T'),
      JSON.stringify({ at: at(), values: { temperature: { nested: 1 } } }),
      { qos: 1 },
    );
    await settle();
    const stats = await f.api('GET', '/api/v1/telemetry/stats', { token: auditor });
    expect(stats.json<Stats>().rejections.find((r) => r.reason === 'malformed')).toMatchObject({
      key: '*',
      count: 3,
    });
  });

  it('records boot events on the device and hands valid events to listeners', async () => {
    await client.publishAsync(
      eventsTopic('VS-T'),
      JSON.stringify({
        kind: 'boot',
        at: at(),
        version: '1.2.3',
        hardwareId: 'vs-200-revB',
        slot: 'a',
      }),
      { qos: 1 },
    );
    await settle();
    expect(await f.cloud.ctx.devices.get('VS-T')).toMatchObject({
      firmwareVersion: '1.2.3',
      lastSeenAt: expect.any(String),
    });
    expect(events).toContainEqual(expect.objectContaining({ kind: 'boot', version: '1.2.3' }));
    const audit = await f.api('GET', '/api/v1/audit?limit=1', { token: auditor });
    expect(audit.json<{ entries: unknown[] }>().entries[0]).toMatchObject({
      actor: 'device:VS-T',
      action: 'device.firmware',
      detail: { from: null, to: '1.2.3' },
    });
  });

  it('limits the statistics to auditors, security officers and admins', async () => {
    const rm = await operatorToken(f, 'rm', ['release-manager']);
    expect((await f.api('GET', '/api/v1/telemetry/stats', { token: rm })).status).toBe(403);
    expect((await f.api('GET', '/api/v1/telemetry/stats')).status).toBe(401);
  });
});
