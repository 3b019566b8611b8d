import { mkdir, open, readdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { PutOptions, Storage, StoredValue } from '@cra-kit/core';
import { writeFileAtomic } from '@cra-kit/core/node';
import { OtaSigningError } from '../errors.js';
import { sha256Hex } from '../hash/hasher.js';

const SAFE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const isMissing = (e: unknown) => (e as { code?: unknown } | null)?.code === 'ENOENT';
const versionOf = (value: Uint8Array) => sha256Hex(value);

/**
 * A core {@link Storage} in a directory, for a device's trusted metadata: every `put` is a
 * temp file, fsync, rename and directory fsync, so a power cut leaves the old metadata or the
 * new, never a torn file. Keys are single file names.
 * @example
 * ```ts
 * const storage = await fileStorage('/var/lib/ota/trusted');
 * ```
 */
export async function fileStorage(dir: string): Promise<Storage> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = (key: string) => {
    if (!SAFE_KEY.test(key)) throw new OtaSigningError('OTA_REPOSITORY_INVALID', `storage key ${JSON.stringify(key)} is not a file name`);
    return join(dir, key);
  };
  const get = async (key: string): Promise<StoredValue | undefined> => {
    const value = await readFile(path(key)).catch((e: unknown) => { if (isMissing(e)) return undefined; throw e; });
    return value === undefined ? undefined : { value: new Uint8Array(value), version: versionOf(value) };
  };
  return {
    specificationVersion: 'v1',
    get,
    async put(key: string, value: Uint8Array, options?: PutOptions): Promise<string> {
      if (options?.ifMatch === undefined) {
        await writeFileAtomic(path(key), value, { mode: 0o600 });
        return versionOf(value);
      }
      // Compare-and-set across processes: a lock file made with O_EXCL, so two writers never
      // both pass the comparison. A writer that finds it refuses (fail closed) rather than waits.
      const lock = `${path(key)}.lock`;
      const held = await open(lock, 'wx', 0o600).catch((cause: unknown) => {
        throw new OtaSigningError('OTA_REPOSITORY_INVALID', `${key} is being written by another writer (or ${lock} is stale)`, { cause });
      });
      try {
        const current = await get(key);
        if ((current?.version ?? null) !== options.ifMatch) throw new OtaSigningError('OTA_REPOSITORY_INVALID', `${key} changed concurrently`);
        await writeFileAtomic(path(key), value, { mode: 0o600 });
        return versionOf(value);
      } finally {
        await held.close();
        await unlink(lock);
      }
    },
    async delete(key: string): Promise<void> {
      await unlink(path(key)).catch((e: unknown) => { if (!isMissing(e)) throw e; });
    },
    async *list(prefix: string) {
      for (const name of (await readdir(dir)).sort()) if (name.startsWith(prefix) && SAFE_KEY.test(name) && !name.endsWith('.lock')) yield name;
    },
  };
} // prettier-ignore
