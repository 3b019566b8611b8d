import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { secureRandom } from '@cra-kit/core';
import { OtaSigningError } from '../errors.js';
import type { FirmwareCustom } from '../metadata/firmware.js';
import type { TargetFile } from '../metadata/schema.js';
import { assertDirectorMatch, type VerifiedDirector } from '../director/director.js';
import { readBlocks } from '../internal/read-blocks.js';
import { constantTimeEqual, defaultHashProvider, type HashProvider } from '../hash/hasher.js';
import { fromHex, toHex } from '../internal/encoding.js';
import { streamCapped } from './fetcher.js';
import { findTarget } from './find-target.js';
import { assertFirmwarePolicy, type DeviceState } from './firmware-policy.js';
import type { Updater } from './updater.js';

const SUPPORTED = ['sha256', 'sha512'] as const;

/** Options of {@link downloadTarget}. */
export interface DownloadOptions {
  /** The install slot: written only after the whole image is verified. */
  readonly out: string;
  readonly device: DeviceState;
  /** Director metadata the image must match (Uptane). */
  readonly director?: VerifiedDirector;
  /** Image hashing; {@link defaultHashProvider} (`node:crypto`, else `@noble/hashes`) by default. */
  readonly hashProvider?: HashProvider;
}

/** Options of {@link verifyImageFile}. */
export interface VerifyImageOptions {
  /** Image hashing; {@link defaultHashProvider} (`node:crypto`, else `@noble/hashes`) by default. */
  readonly hashProvider?: HashProvider;
}

/**
 * Checks streamed bytes against a target's length and hashes as they arrive.
 * @internal
 */
export function targetVerifier(name: string, target: TargetFile, provider: HashProvider) {
  const algorithms = SUPPORTED.filter((a) => target.hashes[a] !== undefined);
  if (algorithms.length === 0) throw new OtaSigningError('OTA_METADATA_INVALID', `${name} lists no sha256/sha512 hash`);
  const hashes = algorithms.map((a) => provider.create(a));
  return {
    update(block: Uint8Array) { for (const h of hashes) h.update(block); },
    finish(length: number) {
      if (length !== target.length) throw new OtaSigningError('OTA_TARGET_LENGTH_MISMATCH', `${name} is ${length} bytes, expected ${target.length}`, { details: { name, length, expected: target.length } });
      hashes.forEach((hash, i) => {
        const a = algorithms[i] ?? 'sha256';
        const actual = hash.digest();
        const expected = fromHex(target.hashes[a] ?? '');
        if (expected === undefined || !constantTimeEqual(actual, expected)) throw new OtaSigningError('OTA_TARGET_HASH_MISMATCH', `${name} does not match its ${a}`, { details: { name, algorithm: a } });
      });
    },
  };
} // prettier-ignore

/**
 * Finds `name` in trusted metadata, applies the firmware policy and the director cross-check,
 * downloads the image (capped at its trusted length) into a temporary file beside `out` while
 * hashing it, and renames it into `out` only after length and hashes match. On any failure
 * the temporary file is removed and `out` is untouched.
 * @throws {OtaSigningError} OTA_TARGET_NOT_FOUND, OTA_HARDWARE_MISMATCH, OTA_COUNTER_DOWNGRADE, OTA_UPDATE_PATH, OTA_DIRECTOR_MISMATCH, OTA_LENGTH_EXCEEDED, OTA_TARGET_LENGTH_MISMATCH, OTA_TARGET_HASH_MISMATCH, OTA_FETCH_FAILED
 */
export async function downloadTarget(updater: Updater, name: string, options: DownloadOptions): Promise<{ name: string; target: TargetFile; firmware: FirmwareCustom }> {
  const { target } = await findTarget(updater, name);
  const firmware = assertFirmwarePolicy(target, options.device);
  if (options.director !== undefined) assertDirectorMatch(options.director, name, target, options.device.hardwareId);
  const verifier = targetVerifier(name, target, options.hashProvider ?? (await defaultHashProvider()));
  const sha256 = target.hashes['sha256'];
  const path = targetPath(name, updater.root.consistent_snapshot ? sha256 : undefined);
  const temp = join(dirname(options.out), `.${basename(options.out)}.${toHex(secureRandom.bytes(6))}.partial`);
  const file = await open(temp, 'wx', 0o600);
  try {
    try {
      const length = await streamCapped(updater.fetcher, path, target.length, async (chunk) => {
        verifier.update(chunk);
        await file.write(chunk);
      });
      verifier.finish(length);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, options.out);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  return { name, target, firmware };
} // prettier-ignore

/**
 * Verifies an image file already on the device against a trusted target: one reused 1 MiB
 * buffer, `node:crypto` hashing (or `options.hashProvider`), bounded memory.
 * @throws {OtaSigningError} OTA_TARGET_LENGTH_MISMATCH, OTA_TARGET_HASH_MISMATCH, OTA_LENGTH_EXCEEDED
 */
export async function verifyImageFile(
  path: string,
  name: string,
  target: TargetFile,
  options: VerifyImageOptions = {},
): Promise<void> {
  const verifier = targetVerifier(
    name,
    target,
    options.hashProvider ?? (await defaultHashProvider()),
  );
  let length = 0;
  for await (const block of readBlocks(path)) {
    length += block.length;
    if (length > target.length)
      throw new OtaSigningError(
        'OTA_LENGTH_EXCEEDED',
        `${name} is longer than ${target.length} bytes`,
      );
    verifier.update(block);
  }
  verifier.finish(length);
}

/**
 * Where an image lives in the repository: `targets/<dirs>/<sha256>.<file>` with consistent
 * snapshots (spec §5.7.3). Names with empty, `.` or `..` segments are refused.
 * @throws {OtaSigningError} OTA_METADATA_INVALID
 */
export function targetPath(name: string, sha256: string | undefined): string {
  const segments = name.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..')) throw new OtaSigningError('OTA_METADATA_INVALID', `target name ${JSON.stringify(name)} is not a relative path`);
  const file = segments.pop() ?? name;
  return ['targets', ...segments, sha256 === undefined ? file : `${sha256}.${file}`].join('/');
} // prettier-ignore
