import { basename } from 'node:path';
import { parseWith, SdkError } from '@cra-kit/core';
import { OtaSigningError } from '../errors.js';
import { FirmwareCustomSchema, type FirmwareCustomInput } from '../metadata/firmware.js';
import type { Targets, TargetFile } from '../metadata/schema.js';
import { hashFile } from '../internal/hash-file.js';
import type { CommitResult, FileRepository } from './file-repository.js';
import { TARGET_NAME } from './layout.js';

/** Options of {@link addTarget}. */
export interface AddTargetOptions {
  /** Path of the image file. */
  readonly image: string;
  /** Target name; defaults to the image's file name. */
  readonly name?: string;
  readonly firmware: FirmwareCustomInput;
}

/**
 * Adds a firmware image to the repository's targets role with its firmware metadata in
 * `custom.firmware`, copies it under its consistent-snapshot name, and signs the new targets
 * version with the keys at hand (staged until its threshold is met). Run `publish` after.
 * @example
 * ```ts
 * await addTarget(repo, { image: 'fw-1.2.0.bin', firmware: { schemaVersion: 1, hardwareIds: ['vs-200'], version: '1.2.0', securityCounter: 3, releaseType: 'security' } });
 * ```
 * @throws {OtaSigningError} OTA_FIRMWARE_METADATA_INVALID, OTA_TARGET_EXISTS, OTA_REPOSITORY_INVALID
 */
export async function addTarget(repo: FileRepository, options: AddTargetOptions): Promise<CommitResult & { name: string; target: TargetFile }> {
  const result = await addTargets(repo, [options]);
  const [added] = result.added;
  if (added === undefined) throw new OtaSigningError('OTA_REPOSITORY_INVALID', 'no target added');
  return { ...result, ...added };
} // prettier-ignore

/**
 * Adds many images in one new version of `targets` or a delegated role (one signature for a
 * whole release train).
 * @throws {OtaSigningError} OTA_FIRMWARE_METADATA_INVALID, OTA_TARGET_EXISTS, OTA_REPOSITORY_INVALID
 */
export async function addTargets(repo: FileRepository, items: readonly AddTargetOptions[], options: { role?: string } = {}): Promise<CommitResult & { added: { name: string; target: TargetFile }[] }> {
  const role = options.role ?? 'targets';
  const targets = await repo.draft<Targets>(role, 'targets');
  const added: { name: string; target: TargetFile }[] = [];
  const seen = new Set<string>();
  // Images are hashed and copied a batch at a time: bulk adds are bound by file-system latency.
  for (let start = 0; start < items.length; start += IO_BATCH) {
    const batch = await Promise.all(items.slice(start, start + IO_BATCH).map((item) => prepare(repo, item)));
    for (const { name, target } of batch) {
      const existing = targets.targets[name];
      if (existing !== undefined && existing.hashes['sha256'] !== target.hashes['sha256']) throw new OtaSigningError('OTA_TARGET_EXISTS', `${name} exists with other content; use a new name`, { details: { name } });
      if (seen.has(name)) throw new OtaSigningError('OTA_TARGET_EXISTS', `${name} is added twice`, { details: { name } });
      seen.add(name);
      targets.targets[name] = target;
      added.push({ name, target });
    }
  }
  return { ...(await repo.stage(role, targets)), added };
} // prettier-ignore

const IO_BATCH = 32;

async function prepare(repo: FileRepository, options: AddTargetOptions): Promise<{ name: string; target: TargetFile }> {
  const name = options.name ?? basename(options.image);
  if (!TARGET_NAME.test(name)) throw new OtaSigningError('OTA_REPOSITORY_INVALID', `target name ${JSON.stringify(name)} is not one safe path segment`);
  let firmware;
  try {
    firmware = parseWith(FirmwareCustomSchema, options.firmware, 'firmware');
  } catch (cause) {
    if (!SdkError.isInstance(cause)) throw cause;
    throw new OtaSigningError('OTA_FIRMWARE_METADATA_INVALID', 'invalid firmware metadata', { cause });
  }
  const { length, sha256 } = await hashFile(options.image);
  // Stored under its hash: a file of the same name with other content never overwrites it.
  await repo.storeTarget(options.image, name, sha256);
  return { name, target: { length, hashes: { sha256 }, custom: { firmware } } };
} // prettier-ignore
