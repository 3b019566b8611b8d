import { createHash, timingSafeEqual } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeviceEventSchema,
  NoticeSchema,
  type DeviceEvent,
  type Notice,
} from '@cra-kit-examples/device-protocol';
import { parseProductProfile, type ProductProfile } from '@cra-kit/core';
import type { DeviceIdentity } from '@cra-kit/identity';
import { fixedClock, type FixedClock } from '@cra-kit/testing';
import Database from 'better-sqlite3';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { parse } from 'yaml';
import type {
  AuditEntry,
  CloudContext,
  CloudModule,
  DeviceRecord,
  Operator,
  Role,
} from '../../src/context.js';
import { CloudConfigSchema } from '../../src/config/schema.js';
import { migrate } from '../../src/db/migrations.js';
import { CloudError } from '../../src/errors.js';
import { errorReplyOf } from '../../src/http/error-reply.js';

/**
 * A {@link CloudContext} for feature-module tests, without the shell: a real SQLite file, two
 * real Fastify instances driven with `inject` (the device listener names the calling device in
 * a header instead of a client certificate: the mTLS path is the shell's to test), operator
 * tokens per role, and device events fed through the same validation the broker applies.
 */
export interface FeatureHarness {
  readonly ctx: CloudContext;
  readonly clock: FixedClock;
  readonly dataDir: string;
  readonly publicApp: FastifyInstance;
  readonly deviceApp: FastifyInstance;
  /** Notices published to devices, in order. */
  readonly notices: { deviceId: string; notice: Notice }[];
  /** API token of an operator holding exactly this role. */
  readonly tokens: Readonly<Record<Role, string>>;
  addDevice(device: Partial<DeviceRecord> & { id: string }): void;
  /** Feeds a device event (validated like the broker does) and waits for every listener. */
  emit(deviceId: string, event: DeviceEvent): Promise<void>;
  /** An operator request on the public listener; `role` picks the token, `undefined` sends none. */
  api(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, role: Role | undefined, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** A request on the device listener as device `deviceId`. */
  device(deviceId: string, url: string): Promise<LightMyRequestResponse>;
  auditEntries(): AuditEntry[];
  close(): Promise<void>;
} // prettier-ignore

export const PROFILE_PATH = new URL(
  '../../../products/vibration-sensor.cra.product.yaml',
  import.meta.url,
);

export async function loadProfile(): Promise<ProductProfile> {
  return parseProductProfile(parse(await readFile(PROFILE_PATH, 'utf8')));
}

const sha = (text: string) => createHash('sha256').update(text).digest();

function fastify(): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  app.setErrorHandler((error, _request, reply) => {
    const { status, code, message } = errorReplyOf(error);
    return reply.code(status).send({ error: { code, message } });
  });
  return app;
}

export async function createFeatureHarness(
  modules: readonly CloudModule[],
  options: { clock?: FixedClock; shareDatabaseWith?: FeatureHarness } = {},
): Promise<FeatureHarness> {
  // A second "cloud instance" shares the first one's database file (and data directory).
  const shared = options.shareDatabaseWith;
  const dataDir = shared?.dataDir ?? (await mkdtemp(join(tmpdir(), 'cloud-feature-')));
  const db = new Database(join(dataDir, 'cloud.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(
    'CREATE TABLE IF NOT EXISTS harness_audit (seq INTEGER PRIMARY KEY, entry TEXT NOT NULL)',
  );
  const clock = options.clock ?? fixedClock('2027-12-11T00:00:00Z');
  const profile = await loadProfile();
  const devices = new Map<string, DeviceRecord>();
  const notices: { deviceId: string; notice: Notice }[] = [];
  const listeners: ((deviceId: string, event: DeviceEvent) => void | Promise<void>)[] = [];
  const roles: Role[] = ['admin', 'release-manager', 'security-officer', 'auditor'];
  const tokens = Object.fromEntries(
    roles.map((r) => [r, `token-${r}-${Math.random().toString(36).slice(2)}`]),
  ) as Record<Role, string>;
  const operators = roles.map((r) => ({
    hash: sha(tokens[r]),
    operator: { id: `op-${r}`, name: r, roles: [r] } satisfies Operator,
  }));
  const operatorOfRequest = new WeakMap<object, Operator>();
  const publicApp = fastify();
  const deviceApp = fastify();
  const insertAudit = db.prepare('INSERT INTO harness_audit (entry) VALUES (?)');

  const ctx: CloudContext = {
    config: CloudConfigSchema.parse({ dataDir, productProfile: PROFILE_PATH.pathname, ca: {} }),
    db, database: { kind: 'sqlite', sqlite: db, close: () => Promise.resolve() }, clock, dataDir, profile,
    publicUrl: 'https://localhost:8443', deviceUrl: 'https://localhost:8444',
    log: publicApp.log,
    devices: { list: () => Promise.resolve([...devices.values()]), get: (id) => Promise.resolve(devices.get(id)) },
    audit: (entry) => { insertAudit.run(JSON.stringify(entry)); },
    requireRole: (...needed) => async (request, reply) => {
      await Promise.resolve();
      const token = /^Bearer (\S{1,200})$/.exec(request.headers.authorization ?? '')?.[1];
      const hash = token === undefined ? undefined : sha(token);
      const found = hash === undefined ? undefined : operators.find((o) => timingSafeEqual(o.hash, hash));
      if (found === undefined) return reply.code(401).send({ error: { code: 'AUTH_REQUIRED', message: 'no valid API token' } });
      if (!found.operator.roles.some((r) => r === 'admin' || needed.includes(r))) return reply.code(403).send({ error: { code: 'FORBIDDEN', message: 'role missing' } });
      operatorOfRequest.set(request, found.operator);
    },
    operatorOf: (request) => {
      const op = operatorOfRequest.get(request);
      if (op === undefined) throw new CloudError('AUTH_REQUIRED', 'not authenticated');
      return op;
    },
    deviceOf: (request): DeviceIdentity => {
      const id = request.headers['x-harness-device'];
      const device = typeof id === 'string' ? devices.get(id) : undefined;
      if (device?.status !== 'active') throw new CloudError('DEVICE_NOT_AUTHORIZED', 'unknown or revoked device');
      return { serial: device.id, commonName: device.id, organization: undefined, product: undefined, profile: 'device-operational' as DeviceIdentity['profile'], certificateSerial: device.certificateSerial, notBefore: new Date(0), notAfter: new Date(device.certificateNotAfter), hardwareModule: undefined };
    },
    publishToDevice: (deviceId, notice) => {
      notices.push({ deviceId, notice: NoticeSchema.parse(notice) });
      return Promise.resolve();
    },
    onDeviceEvent: (listener) => { listeners.push(listener); },
  }; // prettier-ignore

  migrate(
    db,
    modules
      .filter((m) => m.migrations !== undefined)
      .map((m) => ({ owner: m.name, migrations: m.migrations ?? [] })),
    clock.now(),
  );
  for (const m of modules) {
    await m.registerPublic?.(publicApp, ctx);
    await m.registerDevice?.(deviceApp, ctx);
  }
  await publicApp.ready();
  await deviceApp.ready();
  for (const m of modules) await m.start?.(ctx);

  return {
    ctx, clock, dataDir, publicApp, deviceApp, notices, tokens,
    addDevice: (d) => {
      devices.set(d.id, { hardwareId: 'rev-b', certificateSerial: createHash('sha256').update(d.id).digest('hex').slice(0, 32), certificateNotAfter: '2030-01-01T00:00:00Z', status: 'active', enrolledAt: clock.now().toISOString(), lastSeenAt: undefined, firmwareVersion: '1.0.0', group: undefined, ...d });
    },
    emit: async (deviceId, event) => {
      const parsed = DeviceEventSchema.parse(event);
      for (const l of listeners) await l(deviceId, parsed);
    },
    api: (method, url, role, body, headers = {}) =>
      publicApp.inject({ method, url, headers: { ...(role === undefined ? {} : { authorization: `Bearer ${tokens[role]}` }), ...headers }, ...(body === undefined ? {} : typeof body === 'string' ? { payload: body } : { payload: body as object }) }),
    device: (deviceId, url) => deviceApp.inject({ method: 'GET', url, headers: { 'x-harness-device': deviceId } }),
    auditEntries: () => db.prepare<[], { entry: string }>('SELECT entry FROM harness_audit ORDER BY seq').all().map((r) => JSON.parse(r.entry) as AuditEntry),
    close: async () => {
      for (const m of modules) await m.close?.();
      await publicApp.close();
      await deviceApp.close();
      db.close();
      if (shared === undefined) await rm(dataDir, { recursive: true, force: true });
    },
  }; // prettier-ignore
}
