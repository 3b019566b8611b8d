import type { DeviceEvent } from '@cra-kit-examples/device-protocol';
import type { CloudContext } from '../context.js';
import { deviceEventTime } from '../devices/event-time.js';
import type { MemberStatus, Release, Rollout } from './model.js';
import type { OwnerNotices } from './owner-notices.js';
import type { UpdateStore } from './store.js';

/** What the engine needs besides the context. */
export interface EngineOptions {
  readonly store: UpdateStore;
  readonly owners: OwnerNotices;
  /** How long a `postponed` device waits when it names no `until`. */
  readonly postponeDefaultHours: number;
}

const SYSTEM = 'system';

/**
 * Drives rollouts from device reports. All state lives in the store and every step is a
 * compare-and-set there, so two cloud instances fed the same events agree: only the one whose
 * step wins notifies. Thresholds are checked per group: failures at or above the error
 * threshold pause the rollout; commits at or above the success threshold start the next group.
 */
export function createRolloutEngine(ctx: CloudContext, options: EngineOptions) {
  const { store, owners } = options;
  const now = () => ctx.clock.now().toISOString();

  /** Tells each device of a started group (and its owner) that the release is there for it. */
  async function notifyDevices(release: Release, deviceIds: readonly string[]): Promise<void> {
    for (const deviceId of deviceIds) {
      try {
        await ctx.publishToDevice(deviceId, { kind: 'update-available', releaseId: release.id, targetName: release.targetName, version: release.version, releaseType: release.releaseType });
      } catch (error) {
        // An offline device finds its assignment at the director when it comes back.
        ctx.log.warn({ err: error, deviceId, releaseId: release.id }, 'update notice not published');
      }
      owners.notify('rollout', deviceId, await ctx.devices.get(deviceId), release);
    }
  } // prettier-ignore

  async function startGroup(rollout: Rollout, group: number): Promise<void> {
    const release = await store.getRelease(rollout.releaseId);
    if (release === undefined) return;
    await notifyDevices(release, await store.startGroup(rollout.id, group, now()));
  }

  /** Applies the thresholds of the current group until the rollout has nothing left to do. */
  async function evaluate(rolloutId: string): Promise<void> {
    for (;;) {
      const rollout = await store.getRollout(rolloutId);
      if (rollout?.state !== 'running') return;
      const group = rollout.groups[rollout.currentGroup];
      if (group === undefined) return;
      const counts = await store.groupCounts(rollout, rollout.currentGroup);
      const subject = `rollout:${rollout.id}`;
      if (counts.total > 0 && counts.recentFailed / counts.total >= group.errorThreshold) {
        await store.setState(rollout.id, ['running'], 'paused', { pausedReason: `error threshold of group ${group.name} reached`, at: now() }, { actor: SYSTEM, action: 'rollout.auto-pause', subject, detail: { group: group.name, failed: counts.recentFailed, total: counts.total, errorThreshold: group.errorThreshold } });
        return;
      }
      if (counts.total > 0 && counts.committed / counts.total < group.successThreshold) return;
      const moved = await store.advanceGroup(rollout.id, rollout.currentGroup, now(), { actor: SYSTEM, action: 'rollout.advance', subject, detail: { passed: group.name, committed: counts.committed, total: counts.total } });
      if (!moved) return;
      if (rollout.currentGroup + 1 < rollout.groups.length) await startGroup(rollout, rollout.currentGroup + 1);
    }
  } // prettier-ignore

  const OUTCOME_STATUS: Readonly<Record<string, MemberStatus>> = {
    committed: 'committed',
    'rolled-back': 'failed',
    rejected: 'failed',
    postponed: 'postponed',
    declined: 'declined',
  };

  /** Feeds one validated device event into the rollouts. */
  async function onDeviceEvent(deviceId: string, event: DeviceEvent): Promise<void> {
    if (event.kind !== 'update-progress' && event.kind !== 'update-result') return;
    const at = now();
    const status = event.kind === 'update-progress' ? 'in-progress' : OUTCOME_STATUS[event.outcome];
    if (status === undefined) return;
    let until: string | undefined;
    if (status === 'postponed') {
      const latest = ctx.clock.now().getTime() + 30 * 24 * 3_600_000;
      const asked = event.kind === 'update-result' && event.until !== undefined ? Date.parse(event.until) : ctx.clock.now().getTime() + options.postponeDefaultHours * 3_600_000;
      // A device cannot park itself for ever: at most 30 days, then it is asked again.
      until = new Date(Math.min(asked, latest)).toISOString();
    }
    const detail = event.kind === 'update-result' ? { outcome: event.outcome, version: event.version, ...(event.error === undefined ? {} : { error: event.error.code }) } : { phase: event.phase };
    // Ordered by the device's time: reports reach instances in any order, and again after a crash.
    const eventAt = deviceEventTime(event.at, ctx.clock.now()).toISOString();
    const member = await store.recordStatus(deviceId, event.releaseId, status, until, at, { actor: `device:${deviceId}`, action: event.kind === 'update-result' ? 'update.result' : 'update.progress', subject: `release:${event.releaseId}`, detail }, eventAt);
    if (member === undefined) return;
    if (status === 'declined') {
      const release = await store.getRelease(event.releaseId);
      if (release !== undefined) owners.notify('declined', deviceId, await ctx.devices.get(deviceId), release);
    }
    await evaluate(member.rolloutId);
  } // prettier-ignore

  /** Periodic work: postponed devices whose time has come are notified again. */
  async function tick(): Promise<void> {
    const due = await store.takeDuePostponed(now());
    for (const { rolloutId, deviceId } of due) {
      const rollout = await store.getRollout(rolloutId);
      const release = rollout === undefined ? undefined : await store.getRelease(rollout.releaseId);
      if (release !== undefined) await notifyDevices(release, [deviceId]);
    }
  }

  return { startGroup, evaluate, onDeviceEvent, tick };
}

export type RolloutEngine = ReturnType<typeof createRolloutEngine>;
