import { createHash } from 'node:crypto';
import { mkdir, open, rm, unlink } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { SdkError } from '@cra-kit/core';
import { syncDirectory, writeFileAtomic } from '@cra-kit/core/node';
import { verifyImageFile, TargetFileSchema, type TargetFile } from '@cra-kit/ota-signing';
import { z } from 'zod';
import { readJsonFile } from './local-files.js';
import type { DataLayout, Slot } from './layout.js';

/**
 * What a slot holds. Written last, after the image is on disk and fsynced: a slot without a
 * manifest (or whose image does not match it) is never booted.
 */
export const SlotManifestSchema = z.strictObject({
  name: z.string().min(1).max(256),
  version: z.string().min(1).max(64),
  securityCounter: z.int().min(0),
  releaseType: z.enum(['security', 'feature', 'factory']),
  /** Length and hashes the image must match (from trusted TUF metadata, or the factory). */
  target: TargetFileSchema,
});
export type SlotManifest = z.infer<typeof SlotManifestSchema>;

/** Test-only: lets a kill land inside the write step. */
export type PauseHook = (point: PausePoint) => Promise<void>;
export type PausePoint = 'download' | 'verify' | 'write' | 'switch' | 'health-check';

const CHUNK = 64 * 1024;

/** The slot's manifest, or `undefined` when missing or unreadable. */
export async function readManifest(
  layout: DataLayout,
  slot: Slot,
): Promise<SlotManifest | undefined> {
  return readJsonFile(layout.slotManifest(slot), SlotManifestSchema, 'slot manifest');
}

/**
 * The slot's manifest if its image verifies against it (length and hashes), else `undefined`.
 * This is the check boot runs before it trusts a slot.
 */
export async function verifiedSlot(
  layout: DataLayout,
  slot: Slot,
): Promise<SlotManifest | undefined> {
  const manifest = await readManifest(layout, slot);
  if (manifest === undefined) return undefined;
  try {
    await verifyImageFile(layout.slotImage(slot), manifest.name, manifest.target);
    return manifest;
  } catch (error) {
    if (SdkError.isInstance(error) || (error as { code?: unknown }).code === 'ENOENT')
      return undefined;
    throw error;
  }
}

/**
 * Writes an image into a slot: the manifest goes first (so a half-written slot is recognisably
 * invalid), then the image is copied chunk by chunk and fsynced, then the manifest is written.
 */
export async function writeSlot(
  layout: DataLayout,
  slot: Slot,
  source: string,
  manifest: SlotManifest,
  pause?: PauseHook,
): Promise<void> {
  await mkdir(layout.slotDir(slot), { recursive: true, mode: 0o700 });
  await unlink(layout.slotManifest(slot)).catch(() => undefined);
  await syncDirectory(layout.slotDir(slot));
  const out = await open(layout.slotImage(slot), 'w', 0o600);
  try {
    let first = true;
    for await (const chunk of createReadStream(source, { highWaterMark: CHUNK }) as AsyncIterable<Buffer>) {
      await out.write(chunk);
      if (first && pause) {
        await out.sync();
        await pause('write');
      }
      first = false;
    }
    await out.sync();
  } finally {
    await out.close();
  }
  await writeFileAtomic(layout.slotManifest(slot), JSON.stringify(manifest));
} // prettier-ignore

/** Length and SHA-256 of a file, as a TUF target (for the factory image). */
export async function describeFile(path: string): Promise<TargetFile> {
  const hash = createHash('sha256');
  let length = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    length += chunk.length;
  }
  return { length, hashes: { sha256: hash.digest('hex') } };
}

/** Empties a slot (factory reset). */
export async function clearSlot(layout: DataLayout, slot: Slot): Promise<void> {
  await rm(layout.slotDir(slot), { recursive: true, force: true });
}
