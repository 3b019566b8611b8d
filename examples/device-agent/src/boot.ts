import { mkdir, rm } from 'node:fs/promises';
import { writeFileAtomic } from '@cra-kit/core/node';
import { z } from 'zod';
import { AgentError } from './errors.js';
import { readJsonFile } from './local-files.js';
import { SLOTS, otherSlot, type DataLayout, type Slot } from './layout.js';
import {
  describeFile,
  verifiedSlot,
  writeSlot,
  type PauseHook,
  type SlotManifest,
} from './slots.js';

/**
 * The boot pointer. `committed` is the slot that passed its health check last; `trial` is an
 * uncommitted switch to the other slot. `counter` is the security-counter high-water mark:
 * it moves only on commit, in the same atomic write.
 */
export const BootPointerSchema = z.strictObject({
  committed: z.enum(SLOTS),
  counter: z.int().min(0),
  trial: z.strictObject({ slot: z.enum(SLOTS), releaseId: z.string().min(1).max(128) }).optional(),
});
export type BootPointer = z.infer<typeof BootPointerSchema>;

/** The firmware the agent runs after a boot. */
export interface RunningFirmware {
  readonly slot: Slot;
  readonly manifest: SlotManifest;
  /** Whether this boot is an uncommitted trial of a new image. */
  readonly trial: boolean;
}

/** What boot did besides choosing a slot; each is a security event. */
export interface BootReport {
  readonly firmware: RunningFirmware;
  readonly pointer: BootPointer;
  /** A pending switch whose health check never passed was reverted. */
  readonly revertedTrial?: { slot: Slot; releaseId: string };
  /** The committed slot failed verification and the other one was booted. */
  readonly fellBack?: Slot;
  readonly firstBoot: boolean;
}

/** The factory image every device ships with (and returns to on factory reset). */
export interface FactoryImage {
  readonly path: string;
  readonly version: string;
  readonly securityCounter: number;
}

export async function readPointer(layout: DataLayout): Promise<BootPointer | undefined> {
  // Unreadable only after tampering: treated as missing, and the slots are verified again.
  return readJsonFile(layout.boot, BootPointerSchema, 'boot pointer');
}

export async function writePointer(
  layout: DataLayout,
  pointer: BootPointer,
  pause?: PauseHook,
): Promise<void> {
  await writeFileAtomic(layout.boot, JSON.stringify(pointer), {
    ...(pause ? { beforeRename: () => pause('switch') } : {}),
  });
}

/** Writes the factory image into slot `a` and points at it. */
export async function installFactory(layout: DataLayout, factory: FactoryImage): Promise<BootPointer> {
  await mkdir(layout.slots, { recursive: true, mode: 0o700 });
  const target = await describeFile(factory.path);
  await writeSlot(layout, 'a', factory.path, { name: 'factory.bin', version: factory.version, securityCounter: factory.securityCounter, releaseType: 'factory', target });
  const pointer: BootPointer = { committed: 'a', counter: factory.securityCounter };
  await writePointer(layout, pointer);
  return pointer;
} // prettier-ignore

/**
 * Boots from the pointer. A pending trial (the process died before its health check passed)
 * reverts to the committed slot; a committed slot that no longer verifies falls back to the
 * other slot if that one verifies and is not below the counter; leftovers of an interrupted
 * download are removed. Whatever runs afterwards is a fully verified image.
 * @throws {AgentError} AGENT_NO_BOOTABLE_IMAGE
 */
export async function bootFromPointer(layout: DataLayout, factory: FactoryImage): Promise<BootReport> {
  await rm(layout.staging, { recursive: true, force: true });
  let pointer = await readPointer(layout);
  const firstBoot = pointer === undefined;
  if (pointer === undefined) {
    const factoryOk = await verifiedSlot(layout, 'a');
    pointer = factoryOk?.releaseType === 'factory' ? { committed: 'a', counter: factoryOk.securityCounter } : await installFactory(layout, factory);
    await writePointer(layout, pointer);
  }
  let revertedTrial: BootReport['revertedTrial'];
  if (pointer.trial !== undefined) {
    revertedTrial = pointer.trial;
    pointer = { committed: pointer.committed, counter: pointer.counter };
    await writePointer(layout, pointer);
  }
  const committed = await verifiedSlot(layout, pointer.committed);
  if (committed !== undefined) {
    return { firmware: { slot: pointer.committed, manifest: committed, trial: false }, pointer, firstBoot, ...(revertedTrial ? { revertedTrial } : {}) };
  }
  const other = otherSlot(pointer.committed);
  const fallback = await verifiedSlot(layout, other);
  if (fallback === undefined || fallback.securityCounter < pointer.counter) {
    throw new AgentError('AGENT_NO_BOOTABLE_IMAGE', 'neither slot holds a verified image', { details: { committed: pointer.committed } });
  }
  pointer = { committed: other, counter: pointer.counter };
  await writePointer(layout, pointer);
  return { firmware: { slot: other, manifest: fallback, trial: false }, pointer, firstBoot, fellBack: other, ...(revertedTrial ? { revertedTrial } : {}) };
} // prettier-ignore

/**
 * The "reboot" into a trial slot after the pointer switch: the image is verified again from
 * disk before it runs.
 * @throws {AgentError} AGENT_SLOT_INVALID
 */
export async function bootTrial(layout: DataLayout, slot: Slot): Promise<RunningFirmware> {
  const manifest = await verifiedSlot(layout, slot);
  if (manifest === undefined)
    throw new AgentError('AGENT_SLOT_INVALID', `slot ${slot} does not verify`, {
      details: { slot },
    });
  return { slot, manifest, trial: true };
}
