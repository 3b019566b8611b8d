import { createHash } from 'node:crypto';
import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HTTP_PATHS } from '@cra-kit-examples/device-protocol';
import {
  OtaSigningError,
  Updater,
  assertDirectorMatch,
  fetchBytes,
  findTarget,
  verifyDirectorTargets,
  type Fetcher,
  type FirmwareCustomInput,
} from '@cra-kit/ota-signing';
import { createWebhookNotifier } from '@cra-kit/support-period';
import { fixedClock, memoryStorage } from '@cra-kit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updatesModule, type UpdatesModule } from '../src/updates/index.js';
import { createFeatureHarness, type FeatureHarness } from './helpers/feature-harness.js';
import {
  createOtaFixture,
  startWebhookReceiver,
  type OtaFixture,
  type WebhookReceiver,
} from './helpers/ota-fixture.js';

const FIRMWARE: FirmwareCustomInput = {
  schemaVersion: 1,
  hardwareIds: ['rev-b', 'rev-c'],
  version: '1.1.0',
  securityCounter: 2,
  releaseType: 'security',
};
const TARGET = 'vs300-1.1.0.bin';
const HOUR = 3_600_000;

let h: FeatureHarness;
let fx: OtaFixture;
let hook: WebhookReceiver;
let updates: UpdatesModule;

let tmp: string;

beforeEach(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'updates-test-'));
  const clock = fixedClock('2027-12-11T00:00:00Z');
  fx = await createOtaFixture(tmp, clock, [
    { name: TARGET, firmware: FIRMWARE },
    { name: 'vs300-2.0.0.bin', firmware: { ...FIRMWARE, version: '2.0.0', releaseType: 'feature', hardwareIds: ['rev-z'] } },
  ]);
  hook = await startWebhookReceiver(clock);
  const notifier = createWebhookNotifier({ url: hook.url, secret: hook.secret, maxAttempts: 1, clock });
  updates = updatesModule({ repositoryDir: fx.repositoryDir, directorKeyFile: fx.directorKeyFile, notifier, tickIntervalMs: 0 });
  h = await createFeatureHarness([updates], { clock });
  for (const id of ['c1', 'c2']) h.addDevice({ id, group: 'canary' });
  for (const id of ['r1', 'r2', 'r3']) h.addDevice({ id });
  h.addDevice({ id: 'odd1', hardwareId: 'rev-z' });
}); // prettier-ignore
afterEach(async () => {
  await h.close();
  await hook.close();
  await rm(tmp, { recursive: true, force: true });
});

/** The device side of TUF, fetching from the device listener as device `deviceId`. */
function deviceFetcher(deviceId: string): Fetcher {
  return {
    async *fetch(path: string) {
      const res = await h.device(deviceId, `${HTTP_PATHS.otaRepository}${path}`);
      if (res.statusCode === 404) throw new OtaSigningError('OTA_FETCH_FAILED', `${path}: not found`, { details: { path, notFound: true } });
      if (res.statusCode !== 200) throw new OtaSigningError('OTA_FETCH_FAILED', `${path}: HTTP ${res.statusCode}`);
      expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
      await Promise.resolve();
      yield new Uint8Array(res.rawPayload);
    },
  }; // prettier-ignore
}

async function createRelease(targetName = TARGET): Promise<string> {
  const res = await h.api('POST', '/api/v1/releases', 'release-manager', { targetName });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

const CANARY_THEN_REST = {
  groups: [
    { name: 'canary', select: { deviceGroup: 'canary' }, successThreshold: 1, errorThreshold: 0.5 },
    { name: 'rest', select: { remaining: true }, successThreshold: 0.5, errorThreshold: 0.5 },
  ],
};

const noticesFor = (deviceId: string) => h.notices.filter((n) => n.deviceId === deviceId);

describe('releases', () => {
  it('records a release from the signed target, with its firmware metadata', async () => {
    const res = await h.api('POST', '/api/v1/releases', 'release-manager', { targetName: TARGET });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ targetName: TARGET, version: '1.1.0', releaseType: 'security', securityCounter: 2, hardwareIds: ['rev-b', 'rev-c'], length: 4096 });
    const again = await h.api('POST', '/api/v1/releases', 'release-manager', { targetName: TARGET });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'RELEASE_EXISTS' } });
    expect(h.auditEntries().filter((e) => e.action === 'release.create')).toHaveLength(1);
  }); // prettier-ignore

  it('refuses targets the offline-signed metadata does not list', async () => {
    const res = await h.api('POST', '/api/v1/releases', 'release-manager', {
      targetName: 'evil-9.9.9.bin',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: { code: 'TARGET_NOT_SIGNED' } });
  });

  it('refuses a target slipped into the metadata files without the offline keys', async () => {
    const metadata = join(fx.repositoryDir, 'metadata');
    const versioned = (await readdir(metadata)).filter((n) => /^\d+\.targets\.json$/.test(n));
    // Any change to the signed bytes breaks the snapshot's hash and the signature.
    for (const name of versioned) await appendFile(join(metadata, name), ' ');
    const res = await h.api('POST', '/api/v1/releases', 'release-manager', { targetName: TARGET });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: { code: 'TARGET_NOT_SIGNED' } });
  });

  it('checks roles and input', async () => {
    expect((await h.api('POST', '/api/v1/releases', 'auditor', { targetName: TARGET })).statusCode).toBe(403);
    expect((await h.api('POST', '/api/v1/releases', undefined, { targetName: TARGET })).statusCode).toBe(401);
    for (const body of [{}, { targetName: '../etc/passwd' }, { targetName: TARGET, extra: 1 }]) {
      const res = await h.api('POST', '/api/v1/releases', 'release-manager', body);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'INVALID_REQUEST' } });
    }
    const malformed = await h.api('POST', '/api/v1/releases', 'release-manager', '{"targetName":', { 'content-type': 'application/json' });
    expect(malformed.statusCode).toBe(400);
    const big = await h.api('POST', '/api/v1/releases', 'release-manager', JSON.stringify({ targetName: 'x'.repeat(40_000) }), { 'content-type': 'application/json' });
    expect(big.statusCode).toBe(413);
    expect((await h.api('GET', '/api/v1/releases/..%2f..', 'auditor')).statusCode).toBe(400);
    expect((await h.api('GET', '/api/v1/releases/nope', 'auditor')).statusCode).toBe(404);
  }); // prettier-ignore
});

describe('rollouts', () => {
  it('pauses itself when the canary fails past its error threshold; nobody else gets the release', async () => {
    const releaseId = await createRelease();
    expect((await h.api('POST', `/api/v1/releases/${releaseId}/rollouts`, 'auditor', CANARY_THEN_REST)).statusCode).toBe(403);
    const created = await h.api('POST', `/api/v1/releases/${releaseId}/rollouts`, 'release-manager', CANARY_THEN_REST);
    expect(created.statusCode, created.body).toBe(201);
    const rollout = created.json<{ id: string; groups: { started: boolean; counts: { notified: number } }[]; ineligible: { deviceId: string }[] }>();
    expect(rollout.groups.map((g) => g.started)).toEqual([true, false]);
    expect(rollout.groups[0]?.counts.notified).toBe(2);
    expect(rollout.ineligible.map((i) => i.deviceId)).toEqual(['odd1']);
    expect(h.notices.map((n) => n.deviceId).sort()).toEqual(['c1', 'c2']);
    expect(h.notices[0]?.notice).toMatchObject({ kind: 'update-available', releaseId, targetName: TARGET, version: '1.1.0', releaseType: 'security' });

    // The canary device verifies what the director says against the image repository.
    const updater = new Updater({ fetcher: deviceFetcher('c1'), storage: memoryStorage(), initialRoot: fx.trustedRoot, clock: h.clock });
    await updater.refresh();
    const image = await findTarget(updater, TARGET);
    const directorRes = await h.device('c1', HTTP_PATHS.otaDirectorTargets);
    expect(directorRes.statusCode).toBe(200);
    const director = await verifyDirectorTargets(new Uint8Array(directorRes.rawPayload), { trust: fx.directorTrust, deviceId: 'c1', clock: h.clock });
    expect(Object.keys(director.targets)).toEqual([TARGET]);
    assertDirectorMatch(director, TARGET, image.target, 'rev-b');
    const bytes = await fetchBytes(deviceFetcher('c1'), `targets/${image.target.hashes['sha256'] ?? ''}.${TARGET}`, image.target.length);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(image.target.hashes['sha256']);
    // Another device cannot use c1's metadata: it names c1.
    await expect(verifyDirectorTargets(new Uint8Array(directorRes.rawPayload), { trust: fx.directorTrust, deviceId: 'c2', clock: h.clock })).rejects.toMatchObject({ code: 'OTA_DIRECTOR_DEVICE_MISMATCH' });

    await h.emit('c1', { kind: 'update-progress', at: h.clock.now().toISOString(), releaseId, phase: 'downloading' });
    await h.emit('c1', { kind: 'update-result', at: h.clock.now().toISOString(), releaseId, outcome: 'rejected', version: '1.0.0', error: { code: 'OTA_HASH_MISMATCH', message: 'image hash differs' } });
    const paused = (await h.api('GET', `/api/v1/rollouts/${rollout.id}`, 'auditor')).json<{ state: string; pausedReason: string; currentGroup: number; groups: { counts: { failed: number } }[] }>();
    expect(paused).toMatchObject({ state: 'paused', currentGroup: 0 });
    expect(paused.pausedReason).toMatch(/canary/);
    expect(paused.groups[0]?.counts.failed).toBe(1);
    expect(h.auditEntries().map((e) => e.action)).toContain('rollout.auto-pause');

    // c2 commits while paused: recorded, but the rollout does not move on.
    await h.emit('c2', { kind: 'update-result', at: h.clock.now().toISOString(), releaseId, outcome: 'committed', version: '1.1.0' });
    await updates.tick();
    h.clock.advance(48 * HOUR);
    await updates.tick();
    for (const id of ['r1', 'r2', 'r3', 'odd1']) {
      expect(noticesFor(id)).toEqual([]);
      const res = await h.device(id, HTTP_PATHS.otaDirectorTargets);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'NO_UPDATE' } });
    }
    // Paused: not even the canary gets director metadata now.
    expect((await h.device('c2', HTTP_PATHS.otaDirectorTargets)).statusCode).toBe(404);
    await updates.idle();
    expect(hook.events.map((e) => e.serial).sort()).toEqual(['c1', 'c2']);
    expect(hook.events.every((e) => e.kind === 'update-available' && e.availableVersion === '1.1.0')).toBe(true);
    expect(hook.rejected).toBe(0);
  }); // prettier-ignore

  it('moves group by group, honours postpone and decline, and never updates a device twice', async () => {
    const releaseId = await createRelease();
    const { id } = (await h.api('POST', `/api/v1/releases/${releaseId}/rollouts`, 'release-manager', CANARY_THEN_REST)).json<{ id: string }>();
    const at = () => h.clock.now().toISOString();
    // Director versions only increase.
    const v1 = await verifyDirectorTargets(new Uint8Array((await h.device('c1', HTTP_PATHS.otaDirectorTargets)).rawPayload), { trust: fx.directorTrust, deviceId: 'c1', clock: h.clock });
    const v2 = await verifyDirectorTargets(new Uint8Array((await h.device('c1', HTTP_PATHS.otaDirectorTargets)).rawPayload), { trust: fx.directorTrust, deviceId: 'c1', clock: h.clock, trustedVersion: v1.version });
    expect(v2.version).toBeGreaterThan(v1.version);

    await h.emit('c1', { kind: 'update-result', at: at(), releaseId, outcome: 'committed', version: '1.1.0' });
    expect(noticesFor('r1')).toEqual([]);
    await h.emit('c2', { kind: 'update-result', at: at(), releaseId, outcome: 'committed', version: '1.1.0' });
    // Canary passed: the rest is notified.
    expect(['r1', 'r2', 'r3'].map((d) => noticesFor(d).length)).toEqual([1, 1, 1]);
    expect((await h.device('r1', HTTP_PATHS.otaDirectorTargets)).statusCode).toBe(200);

    await h.emit('r1', { kind: 'update-result', at: at(), releaseId, outcome: 'postponed', version: '1.0.0', until: new Date(h.clock.now().getTime() + 2 * HOUR).toISOString() });
    await h.emit('r2', { kind: 'update-result', at: at(), releaseId, outcome: 'declined', version: '1.0.0' });
    await updates.idle();
    expect(hook.events.filter((e) => e.serial === 'r2').map((e) => e.kind)).toEqual(['update-available', 'security-update-pending']);
    h.clock.advance(HOUR);
    await updates.tick();
    expect(noticesFor('r1')).toHaveLength(1);
    h.clock.advance(2 * HOUR);
    await updates.tick();
    expect(noticesFor('r1')).toHaveLength(2);

    await h.emit('r1', { kind: 'update-result', at: at(), releaseId, outcome: 'committed', version: '1.1.0' });
    await h.emit('r3', { kind: 'update-result', at: at(), releaseId, outcome: 'committed', version: '1.1.0' });
    const done = (await h.api('GET', `/api/v1/rollouts/${id}`, 'release-manager')).json<{ state: string }>();
    expect(done.state).toBe('completed');
    const abort = await h.api('POST', `/api/v1/rollouts/${id}/abort`, 'release-manager');
    expect(abort.statusCode).toBe(409);
    expect(abort.json()).toMatchObject({ error: { code: 'ROLLOUT_STATE' } });

    // A second rollout of the same release: committed devices join as committed, unnotified.
    const before = h.notices.length;
    const second = await h.api('POST', `/api/v1/releases/${releaseId}/rollouts`, 'release-manager', { groups: [{ name: 'all', select: { deviceIds: ['c1', 'r1', 'r2'] }, successThreshold: 1, errorThreshold: 0.5 }] });
    expect(second.statusCode, second.body).toBe(201);
    expect(h.notices.slice(before).map((n) => n.deviceId)).toEqual(['r2']);
    expect((await h.device('c1', HTTP_PATHS.otaDirectorTargets)).statusCode).toBe(404);
  }); // prettier-ignore

  it('pause, resume and abort are the release manager’s, and checked against the state', async () => {
    const releaseId = await createRelease();
    const { id } = (await h.api('POST', `/api/v1/releases/${releaseId}/rollouts`, 'release-manager', CANARY_THEN_REST)).json<{ id: string }>();
    expect((await h.api('POST', `/api/v1/rollouts/${id}/pause`, 'auditor')).statusCode).toBe(403);
    expect((await h.api('POST', `/api/v1/rollouts/${id}/pause`, 'release-manager')).json()).toMatchObject({ state: 'paused' });
    expect((await h.api('POST', `/api/v1/rollouts/${id}/pause`, 'release-manager')).statusCode).toBe(409);
    expect((await h.api('POST', `/api/v1/rollouts/${id}/resume`, 'release-manager')).json()).toMatchObject({ state: 'running' });
    // A device already in a running rollout cannot join another one.
    const clash = await h.api('POST', `/api/v1/releases/${releaseId}/rollouts`, 'release-manager', { groups: [{ name: 'x', select: { deviceIds: ['c1'] } }] });
    expect(clash.statusCode).toBe(409);
    expect((await h.api('POST', `/api/v1/rollouts/${id}/abort`, 'admin')).json()).toMatchObject({ state: 'aborted' });
    expect((await h.device('c1', HTTP_PATHS.otaDirectorTargets)).statusCode).toBe(404);
    expect((await h.api('POST', '/api/v1/rollouts/ro-nope/resume', 'release-manager')).statusCode).toBe(404);
    const actions = h.auditEntries().map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['rollout.create', 'rollout.pause', 'rollout.resume', 'rollout.abort']));
  }); // prettier-ignore

  it('answers malformed rollout requests with 4xx codes', async () => {
    const releaseId = await createRelease();
    const url = `/api/v1/releases/${releaseId}/rollouts`;
    for (const body of [{}, { groups: [] }, { groups: [{ name: 'a', select: {} }] }, { groups: [{ name: 'a', select: { remaining: true }, errorThreshold: 0 }] }, { groups: [{ name: 'a', select: { remaining: true } }, { name: 'a', select: { remaining: true } }] }]) {
      const res = await h.api('POST', url, 'release-manager', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'INVALID_REQUEST' } });
    }
    expect((await h.api('POST', url, 'release-manager', { groups: [{ name: 'a', select: { deviceIds: ['ghost'] } }] })).statusCode).toBe(400);
    expect((await h.api('POST', url, 'release-manager', JSON.stringify({ groups: [{ name: 'a', select: { deviceIds: Array.from({ length: 60_000 }, (_, i) => `d${i}`) } }] }), { 'content-type': 'application/json' })).statusCode).toBe(413);
    expect((await h.api('POST', url, 'release-manager', 'groups=1', { 'content-type': 'application/x-www-form-urlencoded' })).statusCode).toBe(415);
    expect((await h.api('POST', '/api/v1/releases/rel-none/rollouts', 'release-manager', CANARY_THEN_REST)).statusCode).toBe(404);
  }); // prettier-ignore
});

describe('several cloud instances on one database', () => {
  it('advance a rollout once: the next group is notified by exactly one instance', async () => {
    const twin = updatesModule({ repositoryDir: fx.repositoryDir, directorKeyFile: fx.directorKeyFile, tickIntervalMs: 0 });
    const b = await createFeatureHarness([twin], { clock: h.clock, shareDatabaseWith: h });
    try {
      for (const d of ['c1', 'c2', 'r1', 'r2', 'r3']) b.addDevice({ id: d, group: d.startsWith('c') ? 'canary' : undefined });
      const releaseId = await createRelease();
      const { id } = (await h.api('POST', `/api/v1/releases/${releaseId}/rollouts`, 'release-manager', CANARY_THEN_REST)).json<{ id: string }>();
      // Instance B sees the rollout instance A created.
      expect((await b.api('GET', `/api/v1/rollouts/${id}`, 'auditor')).json<{ state: string }>().state).toBe('running');
      const at = h.clock.now().toISOString();
      await h.emit('c1', { kind: 'update-result', at, releaseId, outcome: 'committed', version: '1.1.0' });
      // The same report reaches both instances at once (e.g. a shared subscription redelivers).
      const last = { kind: 'update-result', at, releaseId, outcome: 'committed', version: '1.1.0' } as const;
      await Promise.all([h.emit('c2', last), b.emit('c2', last)]);
      const rest = [...h.notices, ...b.notices].filter((n) => n.deviceId.startsWith('r'));
      expect(rest.map((n) => n.deviceId).sort()).toEqual(['r1', 'r2', 'r3']);
      expect(h.auditEntries().filter((e) => e.action === 'rollout.advance')).toHaveLength(1);
      expect(h.auditEntries().filter((e) => e.action === 'update.result' && e.subject === `release:${releaseId}`)).toHaveLength(2);
    } finally {
      await b.close();
    }
  }); // prettier-ignore
});

describe('owner notices', () => {
  it('never hold up a rollout when the receiver hangs', async () => {
    const hanging = updatesModule({ repositoryDir: fx.repositoryDir, directorKeyFile: fx.directorKeyFile, notifier: { notify: () => new Promise<void>(() => undefined) }, tickIntervalMs: 0, closeDrainMs: 50 });
    const other = await createFeatureHarness([hanging], { clock: h.clock });
    try {
      for (const id of ['c1', 'c2']) other.addDevice({ id, group: 'canary' });
      const release = await other.api('POST', '/api/v1/releases', 'release-manager', { targetName: TARGET });
      const rollout = await other.api('POST', `/api/v1/releases/${release.json<{ id: string }>().id}/rollouts`, 'release-manager', CANARY_THEN_REST);
      expect(rollout.statusCode).toBe(201);
      expect(other.notices.map((n) => n.deviceId).sort()).toEqual(['c1', 'c2']);
    } finally {
      await other.close();
    }
  }, 20_000); // prettier-ignore
});

describe('repository and director on the device listener', () => {
  it('serves only published files, with lengths, and refuses unknown devices', async () => {
    const ok = await h.device('c1', `${HTTP_PATHS.otaRepository}metadata/timestamp.json`);
    expect(ok.statusCode).toBe(200);
    expect(Number(ok.headers['content-length'])).toBe(ok.rawPayload.length);
    const keys = await readdir(join(fx.repositoryDir, 'keys'));
    for (const path of [`keys/${keys[0] ?? 'x'}`, 'metadata/../keys/x.key.json', 'metadata/..%2fkeys%2fx', 'staged/targets.json', '', 'targets/abc']) {
      const res = await h.device('c1', `${HTTP_PATHS.otaRepository}${path}`);
      expect(res.statusCode, path).toBe(404);
    }
    expect((await h.device('ghost', `${HTTP_PATHS.otaRepository}metadata/timestamp.json`)).statusCode).toBe(403);
    expect((await h.device('ghost', HTTP_PATHS.otaDirectorTargets)).statusCode).toBe(403);
  }); // prettier-ignore
});
