import { PassThrough } from 'node:stream';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProductProfile } from '@cra-kit/core';
import { readFileSync, statSync } from 'node:fs';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashApiToken, hashesEqual, generateApiToken } from '../src/auth/api-token.js';
import { loadCloudConfig, resolveCloudConfig } from '../src/config/index.js';
import { migrate } from '../src/db/migrations.js';
import { openDatabase } from '../src/db/open.js';
import { SHELL_MIGRATIONS } from '../src/db/shell-migrations.js';
import { errorReplyOf } from '../src/http/error-reply.js';
import { CloudError } from '../src/errors.js';
import { createSqliteStorage } from '../src/provisioning/sqlite-storage.js';
import { createInventoryFilter } from '../src/telemetry/inventory-filter.js';
import { IdentityError } from '@cra-kit/identity';
import { ValidationError } from '@cra-kit/core';
import { PROFILE } from './helpers/cloud-fixture.js';
import { guardReads } from '../src/broker/packet-size-guard.js';
import { tuneGarbageCollection } from '../src/runtime/gc-tuning.js';
import { createDeviceMessageHandler } from '../src/broker/device-messages.js';
import { createSqliteDeviceStore } from '../src/devices/sqlite-device-store.js';
import {
  createSqliteTelemetryStore,
  MAX_KEYS_PER_DEVICE,
  OVERFLOW_KEY,
} from '../src/telemetry/telemetry-store.js';
import type { FastifyBaseLogger } from 'fastify';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cra-cloud-unit-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('config', () => {
  it('fills defaults and resolves paths against the file’s directory', async () => {
    const file = join(dir, 'cloud.yaml');
    await writeFile(
      file,
      'dataDir: ./data\nproductProfile: ../p.yaml\nca: {}\nports: { public: 0 }\n',
    );
    const config = await loadCloudConfig(file);
    expect(config.dataDir).toBe(join(dir, 'data'));
    expect(config.database).toBe(join(dir, 'data', 'cloud.sqlite'));
    expect(config.ca.dir).toBe(join(dir, 'data', 'ca'));
    expect(config.ca.passphraseEnv).toBe('CRA_CLOUD_CA_PASSPHRASE');
    expect(config.ports).toEqual({ public: 0, device: 8444, mqtt: 8883 });
    expect(config.operators.bootstrapTokenFile).toBe(join(dir, 'data', 'admin.token'));
  });

  it('rejects unknown keys, a passphrase in the file, and non-YAML', async () => {
    expect(() =>
      resolveCloudConfig({ dataDir: 'd', productProfile: 'p', ca: { passphrase: 'secret' } }),
    ).toThrow(ValidationError);
    expect(() =>
      resolveCloudConfig({ dataDir: 'd', productProfile: 'p', ca: {}, port: 1 }),
    ).toThrow(ValidationError);
    const file = join(dir, 'bad.yaml');
    await writeFile(file, 'a: [');
    await expect(loadCloudConfig(file)).rejects.toMatchObject({ code: 'CLOUD_CONFIG_INVALID' });
    await expect(loadCloudConfig(join(dir, 'missing.yaml'))).rejects.toMatchObject({
      code: 'CLOUD_CONFIG_INVALID',
    });
  });

  it('parses the documented example file', async () => {
    const example = new URL('../cloud.config.example.yaml', import.meta.url);
    const config = await loadCloudConfig(example.pathname);
    expect(config.ports).toEqual({ public: 8443, device: 8444, mqtt: 8883 });
  });
});

describe('migrations', () => {
  it('applies each migration once, in one transaction with its record', () => {
    const db = openDatabase(join(dir, 'db.sqlite'));
    expect(statSync(join(dir, 'db.sqlite')).mode & 0o777).toBe(0o600);
    const now = new Date('2026-01-01T00:00:00Z');
    expect(migrate(db, [{ owner: 'shell', migrations: SHELL_MIGRATIONS }], now)).toHaveLength(
      SHELL_MIGRATIONS.length,
    );
    expect(migrate(db, [{ owner: 'shell', migrations: SHELL_MIGRATIONS }], now)).toEqual([]);
    const broken = {
      owner: 'mod',
      migrations: [
        { id: '001-ok', up: 'CREATE TABLE m1 (x)' },
        { id: '002-bad', up: 'CREATE TABLE m2 (x); SELECT nonsense(' },
      ],
    };
    expect(() => migrate(db, [broken], now)).toThrow(
      expect.objectContaining({ code: 'CLOUD_MIGRATION_FAILED' }),
    );
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE name IN ('m1','m2')").all();
    expect(tables).toEqual([{ name: 'm1' }]); // 002 left nothing behind
    expect(db.prepare("SELECT id FROM schema_migrations WHERE owner = 'mod'").all()).toEqual([
      { id: '001-ok' },
    ]);
    expect(() =>
      migrate(
        db,
        [
          {
            owner: 'mod',
            migrations: [
              { id: 'x', up: '' },
              { id: 'x', up: '' },
            ],
          },
        ],
        now,
      ),
    ).toThrow(CloudError);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});

describe('SQLite Storage (core Storage contract)', () => {
  it('does compare-and-set: create-only, update-if-version, conflicts write nothing', async () => {
    const db = openDatabase(':memory:');
    migrate(db, [{ owner: 'shell', migrations: SHELL_MIGRATIONS }], new Date());
    const s = createSqliteStorage(db);
    const enc = (t: string) => new TextEncoder().encode(t);
    const v1 = await s.put('a/1', enc('one'), { ifMatch: null });
    await expect(s.put('a/1', enc('again'), { ifMatch: null })).rejects.toMatchObject({
      code: 'CORE_STORAGE_CONFLICT',
    });
    const v2 = await s.put('a/1', enc('two'), { ifMatch: v1 });
    await expect(s.put('a/1', enc('stale'), { ifMatch: v1 })).rejects.toMatchObject({
      code: 'CORE_STORAGE_CONFLICT',
    });
    await expect(s.put('a/1', enc('junk'), { ifMatch: 'x' })).rejects.toMatchObject({
      code: 'CORE_STORAGE_CONFLICT',
    });
    expect(new TextDecoder().decode((await s.get('a/1'))!.value)).toBe('two');
    expect((await s.get('a/1'))!.version).toBe(v2);
    await s.put('a/2', enc('x'));
    await s.put('b/1', enc('y'));
    const keys: string[] = [];
    for await (const k of s.list('a/')) keys.push(k);
    expect(keys).toEqual(['a/1', 'a/2']);
    await s.delete('a/1');
    await s.delete('a/1');
    expect(await s.get('a/1')).toBeUndefined();
    db.close();
  });
});

describe('inventory filter', () => {
  const profile = parseProductProfile(parse(readFileSync(PROFILE, 'utf8')));
  const filter = createInventoryFilter(profile);
  it('allows only manufacturer-cloud keys, with their declared types', () => {
    expect([...filter.allowed.keys()].sort()).toEqual([
      'battery_level',
      'firmware_version',
      'temperature',
      'vibration_acceleration_peak',
      'vibration_velocity_rms',
    ]);
    expect(filter.check({ temperature: 1.5, battery_level: 3 })).toMatchObject({ accepted: true });
    expect(filter.check({ installer_name: 'x', temperature: 1 })).toEqual({
      accepted: false,
      rejected: [{ key: 'installer_name', reason: 'undeclared' }],
    });
    expect(filter.check({ battery_level: 1.5, firmware_version: 2, __proto__x: 1 })).toEqual({
      accepted: false,
      rejected: [
        { key: 'battery_level', reason: 'wrong-type' },
        { key: 'firmware_version', reason: 'wrong-type' },
        { key: '__proto__x', reason: 'undeclared' },
      ],
    });
    expect(
      filter.check(JSON.parse('{"__proto__": 1, "constructor": 2}') as Record<string, number>),
    ).toMatchObject({ accepted: false });
  });
});

describe('error replies', () => {
  it.each([
    [new CloudError('FORBIDDEN', 'no'), 403, 'FORBIDDEN'],
    [new ValidationError([]), 400, 'INVALID_REQUEST'],
    [new IdentityError('IDENTITY_RATE_LIMITED', 'slow'), 429, 'IDENTITY_RATE_LIMITED'],
    [
      Object.assign(new Error('big'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' }),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      Object.assign(new Error('odd'), { statusCode: 400, code: 'FST_ERR_X' }),
      400,
      'INVALID_REQUEST',
    ],
    [new IdentityError('IDENTITY_KEY_DECRYPTION_FAILED', 'secret detail'), 500, 'INTERNAL'],
    [new TypeError('x is undefined'), 500, 'INTERNAL'],
  ])('%s → %i %s', (error, status, code) => {
    const reply = errorReplyOf(error);
    expect([reply.status, reply.code]).toEqual([status, code]);
    if (status === 500) expect(reply.message).toBe('internal error');
  });
});

describe('API tokens', () => {
  it('are 256-bit, distinct, and compared by hash in constant time', () => {
    const a = generateApiToken();
    const b = generateApiToken();
    expect(a.token).not.toBe(b.token);
    expect(Buffer.from(a.token.slice('cra_op_'.length), 'base64url')).toHaveLength(32);
    expect(hashesEqual(hashApiToken(a.token), hashApiToken(a.token))).toBe(true);
    expect(hashesEqual(hashApiToken(a.token), hashApiToken(b.token))).toBe(false);
    expect(hashesEqual(hashApiToken(a.token), new Uint8Array(3))).toBe(false);
  });
});

describe('MQTT packet size guard', () => {
  // Reads the way Aedes does: `read()` on every 'readable', one chunk written at a time.
  const run = (chunks: Buffer[], max: number) =>
    new Promise<{ passed: number; error?: string }>((resolve) => {
      const socket = guardReads(new PassThrough(), max);
      let passed = 0;
      socket.on('readable', () => {
        let chunk: unknown;
        while ((chunk = socket.read()) !== null) passed += (chunk as Buffer).length;
      });
      socket.on('error', (e) => {
        resolve({ passed, error: e.message });
      });
      socket.on('end', () => {
        resolve({ passed });
      });
      const feed = (i: number) => {
        if (socket.destroyed) return;
        if (i === chunks.length) socket.end();
        else socket.write(chunks[i], () => setImmediate(feed, i + 1));
      };
      feed(0);
    });
  // PUBLISH with a remaining length of 200 (two length bytes: 0xc8 0x01), then a PINGREQ.
  const publish200 = Buffer.concat([Buffer.from([0x30, 0xc8, 0x01]), Buffer.alloc(200)]);
  const ping = Buffer.from([0xc0, 0x00]);

  it('passes packets within the limit, across arbitrary chunk boundaries', async () => {
    const all = Buffer.concat([publish200, ping, publish200]);
    const chunks = [
      all.subarray(0, 2),
      all.subarray(2, 3),
      all.subarray(3, 150),
      all.subarray(150),
    ];
    expect(await run(chunks, 200)).toEqual({ passed: all.length });
  });

  it('refuses a packet whose announced length is too large, before its body arrives', async () => {
    expect(await run([publish200.subarray(0, 3)], 199)).toEqual({
      passed: 0,
      error: 'MQTT packet too large',
    });
    expect(await run([Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff])], 1 << 30)).toMatchObject({
      error: 'MQTT packet too large',
    });
  });
});

describe('device messages', () => {
  const setup = () => {
    const db = openDatabase(':memory:');
    migrate(db, [{ owner: 'shell', migrations: SHELL_MIGRATIONS }], new Date());
    const clock = { now: () => new Date('2026-06-01T00:00:00Z') };
    const devices = createSqliteDeviceStore(db, clock, () => undefined);
    const telemetry = createSqliteTelemetryStore(db);
    const profile = parseProductProfile(parse(readFileSync(PROFILE, 'utf8')));
    const log = { warn: () => undefined, error: () => undefined } as unknown as FastifyBaseLogger;
    return {
      db,
      telemetry,
      handler: createDeviceMessageHandler({ profile, devices, telemetry, clock, log }),
    };
  };

  it('hands one device’s events to listeners in the order it sent them, even with slow listeners', async () => {
    const { handler } = setup();
    const seen: string[] = [];
    handler.onDeviceEvent(async (id, event) => {
      if (event.kind === 'update-progress') await new Promise((resolve) => setTimeout(resolve, 20));
      seen.push(`${id}:${event.kind}`);
    });
    const at = '2026-06-01T00:00:00Z';
    const progress = Buffer.from(
      JSON.stringify({ kind: 'update-progress', at, releaseId: 'r', phase: 'writing' }),
    );
    const result = Buffer.from(
      JSON.stringify({
        kind: 'update-result',
        at,
        releaseId: 'r',
        outcome: 'committed',
        version: '2',
      }),
    );
    await Promise.all([
      handler.handle('D1', 'devices/D1/events', progress),
      handler.handle('D1', 'devices/D1/events', result),
    ]);
    expect(seen).toEqual(['D1:update-progress', 'D1:update-result']);
  });

  it('bounds the refused-key counts per device', async () => {
    const { telemetry, handler } = setup();
    for (let i = 0; i < MAX_KEYS_PER_DEVICE + 20; i += 1) {
      await handler.handle(
        'D2',
        'devices/D2/telemetry',
        Buffer.from(JSON.stringify({ at: '2026-06-01T00:00:00Z', values: { [`k${i}`]: 1 } })),
      );
    }
    const rows = (await telemetry.stats()).rejections.filter((r) => r.deviceId === 'D2');
    expect(rows).toHaveLength(MAX_KEYS_PER_DEVICE + 1);
    expect(rows.find((r) => r.key === OVERFLOW_KEY)?.count).toBe(20);
  });
});

describe('garbage-collection tuning', () => {
  it('accepts 0–400 percent and refuses anything else with a typed error', () => {
    expect(() => {
      tuneGarbageCollection(0); // V8's own heuristics: nothing set
    }).not.toThrow();
    for (const bad of [-1, 401, 12.5, Number.NaN]) {
      expect(() => {
        tuneGarbageCollection(bad);
      }).toThrow(expect.objectContaining({ code: 'CLOUD_CONFIG_INVALID' }));
    }
  });

  it('is applied by default with 50 % and can be switched off in the config', () => {
    expect(resolveCloudConfig({ dataDir: '/tmp/x', productProfile: '/tmp/p.yaml', ca: {} }).runtime).toEqual({ heapGrowingPercent: 50 });
    expect(resolveCloudConfig({ dataDir: '/tmp/x', productProfile: '/tmp/p.yaml', ca: {}, runtime: { heapGrowingPercent: 0 } }).runtime.heapGrowingPercent).toBe(0);
  }); // prettier-ignore
});
