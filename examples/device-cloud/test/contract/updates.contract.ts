import { describe, expect, it } from 'vitest';
import type { Release, Rollout, RolloutMember } from '../../src/updates/model.js';
import type { UpdateStore } from '../../src/updates/store.js';
import type { Backend } from './backends.js';
import { lastActions, useFreshStores } from './context.js';

const T0 = '2027-01-01T00:00:00.000Z';
const sys = (action: string, subject = 'x') => ({ actor: 'system', action, subject });
const release = (id: string, targetName: string): Release => ({
  id, targetName, version: '2.0.0', releaseType: 'security', securityCounter: 2, hardwareIds: ['hw-1'],
  target: { length: 4, hashes: { sha256: 'ab'.repeat(32) } }, createdAt: T0, createdBy: 'operator:rm',
}); // prettier-ignore
const rollout = (id: string, releaseId: string, groups = 2): Rollout => ({
  id, releaseId, state: 'running', currentGroup: 0, pausedReason: undefined, errorsResetAt: T0, createdAt: T0, createdBy: 'operator:rm', updatedAt: T0,
  groups: Array.from({ length: groups }, (_, i) => ({ name: `g${i}`, successThreshold: 1, errorThreshold: 0.5 })),
}); // prettier-ignore
const rolloutOf = async (u: UpdateStore, id: string): Promise<Rollout> => {
  const found = await u.getRollout(id);
  if (found === undefined) throw new Error(`no rollout ${id}`);
  return found;
};
const member = (rolloutId: string, deviceId: string, group: number): RolloutMember => ({
  rolloutId,
  deviceId,
  group,
  status: 'pending',
  until: undefined,
  updatedAt: T0,
});

/** The updates module's store: releases, rollouts, device reports, director versions. */
export function describeUpdateContract(backend: Backend): void {
  describe(`${backend.name}: update store`, () => {
    const s = useFreshStores(backend);
    it('keeps one release per target, audited', async () => {
      const { stores } = s();
      await stores.updates.createRelease(release('r1', 'fw-2.0.0.bin'), sys('release.create', 'release:r1'));
      await expect(stores.updates.createRelease(release('r1b', 'fw-2.0.0.bin'), sys('release.create'))).rejects.toMatchObject({ code: 'RELEASE_EXISTS' });
      await stores.updates.createRelease(release('r2', 'fw-2.1.0.bin'), sys('release.create', 'release:r2'));
      expect(await stores.updates.getRelease('r1')).toEqual(release('r1', 'fw-2.0.0.bin'));
      expect(await stores.updates.getRelease('none')).toBeUndefined();
      expect((await stores.updates.listReleases()).map((r) => r.id)).toEqual(['r1', 'r2']);
      expect(await lastActions(stores, 3)).toEqual(['release.create', 'release.create']);
    });
    it('creates rollouts, refusing devices busy in another one', async () => {
      const { stores } = s();
      const u = stores.updates;
      await u.createRollout(rollout('ro1', 'r1'), [member('ro1', 'd1', 0), member('ro1', 'd2', 1), member('ro1', 'd3', 1)], sys('rollout.create', 'rollout:ro1'));
      await expect(u.createRollout(rollout('ro2', 'r2'), [member('ro2', 'd4', 0), member('ro2', 'd2', 0)], sys('rollout.create'))).rejects.toMatchObject({ code: 'CONFLICT', details: { devices: ['d2'] } });
      expect(await u.getRollout('ro2')).toBeUndefined();
      expect(await u.getRollout('ro1')).toEqual(rollout('ro1', 'r1'));
      expect((await u.members('ro1')).map((m) => `${m.group}:${m.deviceId}:${m.status}`)).toEqual(['0:d1:pending', '1:d2:pending', '1:d3:pending']);
      expect((await u.listRollouts(['running'])).map((r) => r.id)).toEqual(['ro1']);
      expect(await u.listRollouts(['paused'])).toEqual([]);
    });
    it('starts a group once, even when two instances start it together', async () => {
      const u = s().stores.updates;
      const [a, b] = await Promise.all([u.startGroup('ro1', 0, T0), u.startGroup('ro1', 0, T0)]);
      expect([...a, ...b]).toEqual(['d1']);
      expect(await u.startGroup('ro1', 0, T0)).toEqual([]);
      expect(await u.assignmentOf('d1')).toMatchObject({ release: { id: 'r1' }, rollout: { id: 'ro1' }, member: { status: 'notified' } });
      // Group 1 has not started: its devices have no assignment yet.
      expect(await u.assignmentOf('d2')).toBeUndefined();
    });
    it('applies only allowed status moves from device reports, audited', async () => {
      const { stores } = s();
      const u = stores.updates;
      expect(await u.recordStatus('d2', 'r1', 'in-progress', undefined, T0, sys('update.progress'))).toBeUndefined(); // pending ignores reports
      expect(await u.recordStatus('d1', 'r1', 'in-progress', undefined, T0, sys('update.progress'))).toMatchObject({ status: 'in-progress', rolloutId: 'ro1' });
      expect(await u.recordStatus('d1', 'r1', 'committed', undefined, '2027-01-01T00:01:00.000Z', sys('update.result'))).toMatchObject({ status: 'committed', updatedAt: '2027-01-01T00:01:00.000Z' });
      expect(await u.recordStatus('d1', 'r1', 'failed', undefined, T0, sys('update.result'))).toBeUndefined(); // committed is final
      expect(await u.recordStatus('d1', 'r2', 'committed', undefined, T0, sys('update.result'))).toBeUndefined();
      const entry = (await stores.audit.page({ limit: 1 })).entries[0];
      expect(entry).toMatchObject({ action: 'update.result', detail: { rollout: 'ro1', from: 'in-progress' } });
      const counts = await u.groupCounts(await rolloutOf(u, 'ro1'), 0);
      expect(counts).toMatchObject({ committed: 1, total: 1, recentFailed: 0, pending: 0 });
      expect(await u.assignmentOf('d1')).toBeUndefined();
    });
    it('advances a group once when two instances race, then completes', async () => {
      const u = s().stores.updates;
      const moved = await Promise.all([u.advanceGroup('ro1', 0, T0, sys('rollout.advance')), u.advanceGroup('ro1', 0, T0, sys('rollout.advance'))]);
      expect(moved.filter(Boolean)).toHaveLength(1);
      expect(await u.getRollout('ro1')).toMatchObject({ currentGroup: 1, state: 'running' });
      expect(await u.startGroup('ro1', 1, T0)).toEqual(['d2', 'd3']);
      await u.recordStatus('d2', 'r1', 'failed', undefined, '2027-01-01T00:02:00.000Z', sys('update.result'));
      await u.recordStatus('d3', 'r1', 'postponed', '2027-01-02T00:00:00.000Z', '2027-01-01T00:02:00.000Z', sys('update.result'));
      expect(await u.groupCounts(await rolloutOf(u, 'ro1'), 1)).toMatchObject({ failed: 1, postponed: 1, total: 2, recentFailed: 1 });
      expect(await u.takeDuePostponed('2027-01-01T12:00:00.000Z')).toEqual([]);
      const due = await Promise.all([u.takeDuePostponed('2027-01-02T00:00:00.000Z'), u.takeDuePostponed('2027-01-02T00:00:00.000Z')]);
      expect(due.flat()).toEqual([{ rolloutId: 'ro1', deviceId: 'd3' }]);
      expect(await u.advanceGroup('ro1', 0, T0, sys('rollout.advance'))).toBe(false);
      expect(await u.advanceGroup('ro1', 1, T0, sys('rollout.advance'))).toBe(true);
      expect(await u.getRollout('ro1')).toMatchObject({ currentGroup: 2, state: 'completed' });
    });
    it('moves rollout state only from the states named, and resets error counting', async () => {
      const u = s().stores.updates;
      await u.createRollout(rollout('ro3', 'r1', 1), [member('ro3', 'd1', 0), member('ro3', 'd5', 0)], sys('rollout.create'));
      // d1 committed r1 in ro1: it joins as committed and is never notified again.
      expect((await u.members('ro3')).map((m) => `${m.deviceId}:${m.status}`)).toEqual(['d1:committed', 'd5:pending']);
      expect(await u.setState('ro3', ['paused'], 'running', { at: T0 }, sys('rollout.resume'))).toBeUndefined();
      const paused = await Promise.all([u.setState('ro3', ['running'], 'paused', { pausedReason: 'why', at: T0 }, sys('rollout.pause')), u.setState('ro3', ['running'], 'paused', { pausedReason: 'why', at: T0 }, sys('rollout.pause'))]);
      expect(paused.filter((r) => r !== undefined)).toHaveLength(1);
      expect(await u.getRollout('ro3')).toMatchObject({ state: 'paused', pausedReason: 'why' });
      expect(await u.setState('ro3', ['paused'], 'running', { errorsResetAt: '2027-01-05T00:00:00.000Z', at: '2027-01-05T00:00:00.000Z' }, sys('rollout.resume'))).toMatchObject({ state: 'running', pausedReason: undefined, errorsResetAt: '2027-01-05T00:00:00.000Z', updatedAt: '2027-01-05T00:00:00.000Z' });
      expect(await u.setState('ro3', ['running', 'paused'], 'aborted', { at: T0 }, sys('rollout.abort'))).toMatchObject({ state: 'aborted' });
      expect((await u.listRollouts()).map((r) => r.id)).toEqual(['ro1', 'ro3']);
    });
    it('orders device reports by the device time: late progress never undoes a result, a repeat never counts twice', async () => {
      const { stores } = s();
      const u = stores.updates;
      const t = (minute: number) => new Date(Date.parse('2027-01-06T00:00:00.000Z') + minute * 60_000).toISOString();
      const dev = (id: string, action: string) => ({ actor: `device:${id}`, action, subject: 'release:r2' });
      await u.createRollout(rollout('ro4', 'r2', 1), [member('ro4', 'd6', 0), member('ro4', 'd7', 0)], sys('rollout.create'));
      expect(await u.startGroup('ro4', 0, T0)).toEqual(['d6', 'd7']);
      // d6: its result reaches one instance before its progress reaches the other.
      expect(await u.recordStatus('d6', 'r2', 'committed', undefined, t(10), dev('d6', 'update.result'), t(2))).toMatchObject({ status: 'committed' });
      expect(await u.recordStatus('d6', 'r2', 'in-progress', undefined, t(11), dev('d6', 'update.progress'), t(1))).toBeUndefined();
      expect(await u.recordStatus('d6', 'r2', 'committed', undefined, t(12), dev('d6', 'update.result'), t(2))).toBeUndefined();
      // d7 declines; its earlier progress arrives late and must not make it look busy again.
      expect(await u.recordStatus('d7', 'r2', 'declined', undefined, t(10), dev('d7', 'update.result'), t(2))).toMatchObject({ status: 'declined' });
      expect(await u.recordStatus('d7', 'r2', 'in-progress', undefined, t(11), dev('d7', 'update.progress'), t(1))).toBeUndefined();
      expect((await u.members('ro4')).map((m) => `${m.deviceId}:${m.status}`)).toEqual(['d6:committed', 'd7:declined']);
      // A later report still moves on; at one instant a result beats a progress report.
      expect(await u.recordStatus('d7', 'r2', 'in-progress', undefined, t(12), dev('d7', 'update.progress'), t(3))).toMatchObject({ status: 'in-progress' });
      expect(await u.recordStatus('d7', 'r2', 'failed', undefined, t(13), dev('d7', 'update.result'), t(4))).toMatchObject({ status: 'failed' });
      expect(await u.recordStatus('d7', 'r2', 'in-progress', undefined, t(14), dev('d7', 'update.progress'), t(4))).toBeUndefined();
      expect(await u.groupCounts(await rolloutOf(u, 'ro4'), 0)).toMatchObject({ committed: 1, failed: 1, total: 2 });
      await stores.audit.flush();
      const trail = (await stores.audit.page({ limit: 30 })).entries.filter((e) => e.subject === 'release:r2').map((e) => `${e.actor}:${e.action}`);
      expect(trail.filter((e) => e === 'device:d6:update.result')).toHaveLength(1);
      expect(trail.filter((e) => e.startsWith('device:d6:'))).toHaveLength(1);
      expect(trail.filter((e) => e.startsWith('device:d7:'))).toHaveLength(3);
    });
    it('hands out strictly increasing director versions under concurrency', async () => {
      const u = s().stores.updates;
      const versions = await Promise.all(Array.from({ length: 10 }, () => u.nextDirectorVersion('d9')));
      expect([...versions].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(await u.nextDirectorVersion('d8')).toBe(1);
    });
  });
} // prettier-ignore
