import { randomBytes } from 'node:crypto';
import { open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const isMissing = (e: unknown) => (e as { code?: unknown } | null)?.code === 'ENOENT';

/** fsync of a directory, so a rename or unlink in it survives a power cut. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `path` atomically: temp file beside it, fsync, rename, fsync of the directory. A power
 * cut leaves the old content or the new, never a torn file. `beforeRename` runs between the
 * fsync and the rename (the test hook that lands a kill inside a pointer switch).
 */
export async function writeAtomic(
  path: string,
  data: Uint8Array | string,
  options: { mode?: number; beforeRename?: () => Promise<void> } = {},
): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const file = await open(temp, 'wx', options.mode ?? 0o600);
  try {
    await file.writeFile(data);
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await options.beforeRename?.();
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncDir(dirname(path));
}

/** Reads a file, or `undefined` when it does not exist. */
export async function readIfExists(path: string): Promise<Buffer | undefined> {
  return readFile(path).catch((e: unknown) => {
    if (isMissing(e)) return undefined;
    throw e;
  });
}

/**
 * Overwrites a file's bytes in place with random data and fsyncs before unlinking it, so key
 * material does not linger in the freed blocks of a simple file system (Annex I Part I (2)(m)).
 * Flash translation layers may still keep old pages: a real device also wipes its key store.
 */
export async function secureErase(path: string): Promise<void> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (e) {
    if (isMissing(e)) return;
    throw e;
  }
  const file = await open(path, 'r+');
  try {
    for (let offset = 0; offset < size; offset += 65_536) {
      const chunk = randomBytes(Math.min(65_536, size - offset));
      await file.write(chunk, 0, chunk.length, offset);
    }
    await file.sync();
  } finally {
    await file.close();
  }
  await unlink(path);
  await syncDir(dirname(path));
}
