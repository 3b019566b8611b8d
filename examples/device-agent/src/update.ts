import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SdkError, type Clock } from '@cra-kit/core';
import {
  Updater,
  assertDirectorMatch,
  assertFirmwarePolicy,
  downloadTarget,
  fileStorage,
  findTarget,
  firmwareOf,
  verifyDirectorTargets,
  verifyImageFile,
  type Fetcher,
  type RoleTrust,
} from '@cra-kit/ota-signing';
import type { DeviceEvent, Notice } from '@cra-kit-examples/device-protocol';
import { bootTrial, readPointer, writePointer, type RunningFirmware } from './boot.js';
import { AgentError } from './errors.js';
import { otherSlot, type DataLayout } from './layout.js';
import { readOtaState, writeOtaState } from './ota-state.js';
import { writeSlot, type PauseHook } from './slots.js';

export type UpdateNotice = Extract<Notice, { kind: 'update-available' }>;
export type UpdateOutcome = Extract<DeviceEvent, { kind: 'update-result' }>;
type SecurityType = Extract<DeviceEvent, { kind: 'security-event' }>['type'];

/** Health check of a freshly booted image: true when the device works with it. */
export type HealthCheck = (firmware: RunningFirmware) => boolean | Promise<boolean>;

/** Everything one update needs from the agent. */
export interface UpdateContext {
  readonly layout: DataLayout;
  readonly serial: string;
  readonly hardwareId: string;
  readonly clock: Clock;
  /** The image repository over mutual TLS. */
  readonly fetcher: Fetcher;
  /** The TUF root shipped with the device. */
  readonly initialRoot: Uint8Array;
  readonly directorTrust: RoleTrust;
  readonly fetchDirector: () => Promise<Uint8Array>;
  readonly healthCheck: HealthCheck;
  readonly running: () => RunningFirmware;
  /** "Reboot": the agent now runs `firmware`. */
  readonly setRunning: (firmware: RunningFirmware) => void;
  readonly emit: (event: DeviceEvent) => Promise<void>;
  readonly security: (type: SecurityType, detail: string) => Promise<void>;
  readonly pause?: PauseHook;
}

const codeOf = (error: unknown) => (SdkError.isInstance(error) ? error.code : 'AGENT_INTERNAL');

/**
 * One update, phase by phase: TUF refresh and director check, download into staging (verified
 * while streaming), re-verification from disk, write to the inactive slot, pointer switch with
 * a trial, "reboot" into the trial, health check, then commit or automatic rollback.
 * Verification failures end as `rejected` with the old image still running.
 */
export async function runUpdate(ctx: UpdateContext, notice: UpdateNotice): Promise<UpdateOutcome> {
  const now = () => ctx.clock.now().toISOString();
  const phase = (name: Extract<DeviceEvent, { kind: 'update-progress' }>['phase']) => ctx.emit({ kind: 'update-progress', at: now(), releaseId: notice.releaseId, phase: name });
  const result = (outcome: UpdateOutcome['outcome'], error?: unknown): UpdateOutcome => ({
    kind: 'update-result', at: now(), releaseId: notice.releaseId, outcome, version: ctx.running().manifest.version,
    ...(error === undefined ? {} : { error: { code: codeOf(error), message: (error instanceof Error ? error.message : 'update failed').slice(0, 500) } }),
  });
  const before = ctx.running();
  const pointer = await readPointer(ctx.layout);
  if (pointer === undefined || pointer.committed !== before.slot) throw new AgentError('AGENT_NO_BOOTABLE_IMAGE', 'boot pointer does not match the running slot');
  const target = otherSlot(before.slot);
  const staged = join(ctx.layout.staging, 'image.bin');
  const device = { hardwareId: ctx.hardwareId, installedCounter: pointer.counter, installedVersion: before.manifest.version };

  let found: Awaited<ReturnType<typeof findTarget>>;
  try {
    await phase('downloading');
    const updater = new Updater({ fetcher: ctx.fetcher, storage: await fileStorage(ctx.layout.tuf), initialRoot: ctx.initialRoot, clock: ctx.clock });
    await updater.refresh();
    const state = await readOtaState(ctx.layout.otaState);
    const director = await verifyDirectorTargets(await ctx.fetchDirector(), { trust: ctx.directorTrust, deviceId: ctx.serial, clock: ctx.clock, ...(state.directorVersion === undefined ? {} : { trustedVersion: state.directorVersion }) });
    await writeOtaState(ctx.layout.otaState, { directorVersion: director.version });
    found = await findTarget(updater, notice.targetName);
    const firmware = firmwareOf(found.target);
    // The notice only triggers; what installs is what the signed metadata says.
    if (firmware.version !== notice.version || firmware.releaseType !== notice.releaseType) throw new AgentError('AGENT_NOTICE_MISMATCH', 'the notice does not match the signed release', { details: { version: firmware.version, releaseType: firmware.releaseType } });
    await mkdir(ctx.layout.staging, { recursive: true, mode: 0o700 });
    await downloadTarget(updater, notice.targetName, { out: staged, device, director });

    await phase('verifying');
    await ctx.pause?.('verify');
    assertFirmwarePolicy(found.target, device);
    assertDirectorMatch(director, notice.targetName, found.target, ctx.hardwareId);
    await verifyImageFile(staged, notice.targetName, found.target);
  } catch (error) {
    await ctx.security('update-rejected', `${notice.releaseId}: ${codeOf(error)}`);
    return result('rejected', error);
  }

  const firmware = firmwareOf(found.target);
  await phase('writing');
  await writeSlot(ctx.layout, target, staged, { name: notice.targetName, version: firmware.version, securityCounter: firmware.securityCounter, releaseType: firmware.releaseType, target: { length: found.target.length, hashes: found.target.hashes } }, ctx.pause);

  await phase('switching');
  await writePointer(ctx.layout, { ...pointer, trial: { slot: target, releaseId: notice.releaseId } }, ctx.pause);
  let healthy = false;
  let failure: unknown;
  try {
    ctx.setRunning(await bootTrial(ctx.layout, target));
    await phase('health-check');
    await ctx.pause?.('health-check');
    // The device's own check, then the image's: it must still verify after running.
    healthy = await ctx.healthCheck(ctx.running());
    if (healthy) await bootTrial(ctx.layout, target);
  } catch (error) {
    failure = error;
  }
  if (healthy) {
    await writePointer(ctx.layout, { committed: target, counter: Math.max(pointer.counter, firmware.securityCounter) });
    ctx.setRunning({ ...ctx.running(), trial: false });
    return result('committed');
  }
  await writePointer(ctx.layout, { committed: before.slot, counter: pointer.counter });
  ctx.setRunning(before);
  await ctx.security('rollback', `${notice.releaseId}: health check failed on ${firmware.version}, back on ${before.manifest.version}`);
  return result('rolled-back', failure ?? new AgentError('AGENT_SLOT_INVALID', 'health check failed'));
} // prettier-ignore

/** Wraps the repository fetcher so a test can stop the process in the middle of an image download. */
export function pausing(fetcher: Fetcher, pause: PauseHook | undefined): Fetcher {
  if (pause === undefined) return fetcher;
  return {
    async *fetch(path: string) {
      let first = true;
      for await (const chunk of fetcher.fetch(path)) {
        yield chunk;
        if (first && path.startsWith('targets/')) await pause('download');
        first = false;
      }
    },
  };
}
