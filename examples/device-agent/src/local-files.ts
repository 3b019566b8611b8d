import { randomBytes } from 'node:crypto';
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseWith, SdkError } from '@cra-kit/core';
import { syncDirectory } from '@cra-kit/core/node';
import type { z } from 'zod';

// Reading and erasing the agent's local files (writes go through core's writeFileAtomic).

const isMissing = (e: unknown) => (e as { code?: unknown } | null)?.code === 'ENOENT';

/** Reads a file, or `undefined` when it does not exist. */
export async function readIfExists(path: string): Promise<Buffer | undefined> {
  return readFile(path).catch((e: unknown) => {
    if (isMissing(e)) return undefined;
    throw e;
  });
}

/**
 * A JSON file the agent wrote atomically, checked against `schema`; `undefined` when it does not
 * exist, is not JSON or does not match. Written atomically, so only tampering makes a file
 * unreadable: callers fall back to their safe state (and boot re-verifies slots).
 */
export async function readJsonFile<S extends z.ZodType>(path: string, schema: S, subject: string): Promise<z.output<S> | undefined> {
  const bytes = await readIfExists(path);
  if (bytes === undefined) return undefined;
  try {
    return parseWith(schema, JSON.parse(bytes.toString('utf8')), subject);
  } catch (error) {
    if (error instanceof SyntaxError || SdkError.isInstance(error)) return undefined;
    throw error;
  }
} // prettier-ignore

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
  await syncDirectory(dirname(path));
}
