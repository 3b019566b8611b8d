import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { CoreError } from '../errors/core-error.js';
import { secureRandom } from '../interfaces/random-source.js';
import { parseWith } from '../validation/parse.js';
import { FilePathSchema, syncDirectory } from './sync-directory.js';

const WriteFileAtomicOptionsSchema = z.strictObject({
  /** Permission bits of the file, applied exactly (the umask does not narrow them). */
  mode: z.int().min(0).max(0o777).default(0o600),
  /** Runs once the temporary file is complete and flushed, just before it replaces `path`. */
  beforeRename: z
    .custom<() => Promise<void>>((value) => typeof value === 'function', 'must be a function')
    .optional(),
});

const WriteRequestSchema = z.strictObject({
  path: FilePathSchema,
  data: z.union([z.string(), z.instanceof(Uint8Array)]),
  options: WriteFileAtomicOptionsSchema,
});

/** Options of {@link writeFileAtomic}. */
export type WriteFileAtomicOptions = z.input<typeof WriteFileAtomicOptionsSchema>;

const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Replaces `path` with `data` (bytes, or a string written as UTF-8) so that a reader or a power
 * cut sees the old content or the new, never part of either:
 *
 * 1. a temporary file `.<name>.<random>.tmp` in the same directory, created exclusively (`wx`)
 *    with `mode`, so it never exists with wider permissions than the final file;
 * 2. the data written and fsynced; 3. renamed over `path`; 4. the directory fsynced.
 *
 * On any failure before the rename the temporary file is removed and `path` is untouched.
 * `mode` defaults to 0600: pass 0644 for files other users (a web server, Mosquitto) must read.
 * @throws {ValidationError} CORE_VALIDATION_FAILED for a bad path, data or options
 * @throws {CoreError} CORE_FILE_WRITE_FAILED when the file cannot be written; `details.leftover`
 *   names a temporary file that could not be removed, if any
 * @example
 * ```ts
 * await writeFileAtomic('/etc/mosquitto/certs/server.key', keyPem); // 0600
 * await writeFileAtomic('/var/www/crl.pem', crlPem, { mode: 0o644 });
 * ```
 */
export async function writeFileAtomic(
  path: string,
  data: Uint8Array | string,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const request = parseWith(WriteRequestSchema, { path, data, options }, 'writeFileAtomic input');
  const { mode, beforeRename } = request.options;
  const dir = dirname(request.path);
  // Unguessable, so another local user cannot plant a file or symlink under the name first.
  const temp = join(dir, `.${basename(request.path)}.${hex(secureRandom.bytes(8))}.tmp`);
  let created = false;
  try {
    const file = await open(temp, 'wx', mode);
    created = true;
    try {
      await file.chmod(mode); // open() applies the umask; the caller asked for exactly `mode`
      await file.writeFile(request.data);
      await file.sync();
    } finally {
      await file.close();
    }
    await beforeRename?.();
    await rename(temp, request.path);
    created = false;
    await syncDirectory(dir);
  } catch (cause) {
    const leftover = created
      ? await rm(temp, { force: true }).then(
          () => undefined,
          () => temp,
        )
      : undefined;
    throw new CoreError('CORE_FILE_WRITE_FAILED', `cannot write ${request.path}`, {
      cause,
      details: { path: request.path, ...(leftover === undefined ? {} : { leftover }) },
    });
  }
}
