import { createReadStream } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyReply } from 'fastify';
import { CloudError } from '../errors.js';

/**
 * Streams `relative` (already checked against an allow-list of names by the caller) from `dir`
 * with its exact length. `lstat`, not `stat`: a symbolic link planted in the folder is not
 * followed, so nothing outside it is ever served.
 * @throws {CloudError} NOT_FOUND when it is not a regular file
 */
export async function sendStaticFile(reply: FastifyReply, dir: string, relative: string, headers: { type: string; cache: string }): Promise<FastifyReply> {
  const file = join(dir, relative);
  const info = await lstat(file).catch(() => undefined);
  if (info === undefined || !info.isFile()) throw new CloudError('NOT_FOUND', 'no such file');
  return reply.header('content-type', headers.type).header('content-length', info.size).header('cache-control', headers.cache).send(createReadStream(file));
} // prettier-ignore
