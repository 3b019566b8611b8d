import { open, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { secureRandom } from '@cra-kit/core';
import { toHex } from './encoding.js';

/**
 * Writes `data` to `path` atomically: a temp file in the same directory, fsync, rename, fsync of
 * the directory. A crash leaves the old file or the new one, never half of one.
 * @internal
 */
export async function writeFileAtomic(path: string, data: Uint8Array, mode = 0o644): Promise<void> {
  const temp = join(dirname(path), `.${toHex(secureRandom.bytes(8))}.tmp`);
  const file = await open(temp, 'wx', mode);
  try {
    await file.writeFile(data);
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
