import { open } from 'node:fs/promises';
import { z } from 'zod';
import { CoreError } from '../errors/core-error.js';
import { parseWith } from '../validation/parse.js';

/** A file system path as Node takes it: non-empty, no NUL byte. */
export const FilePathSchema = z
  .string()
  .min(1)
  .refine((path) => !path.includes('\0'), 'must not contain a NUL byte');

/**
 * Flushes a directory's entries to disk (fsync on the directory), so a rename, create or unlink
 * in it survives a power cut. A rename alone is atomic but not durable until its directory is
 * flushed.
 * @throws {ValidationError} CORE_VALIDATION_FAILED when `dir` is not a path
 * @throws {CoreError} CORE_FILE_WRITE_FAILED when the directory cannot be opened or flushed
 */
export async function syncDirectory(dir: string): Promise<void> {
  const path = parseWith(FilePathSchema, dir, 'directory path');
  try {
    const handle = await open(path, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (cause) {
    throw new CoreError('CORE_FILE_WRITE_FAILED', `cannot flush directory ${path}`, {
      cause,
      details: { path, step: 'sync-directory' },
    });
  }
}
