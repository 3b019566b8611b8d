import { rename, rm, writeFile } from 'node:fs/promises';

/** Writes `data` to `path` atomically (temp file + rename), so a crash never half-writes. @internal */
export async function writeAtomic(path: string, data: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, data);
  await rename(temp, path);
}

/** Removes a directory tree; used to clean up a partial output. @internal */
export const removeTree = (path: string) => rm(path, { recursive: true, force: true });
