import {
  closeSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { OperatorStore } from './operator-store.js';

/**
 * First start only: creates the `admin` operator and writes its API token to `tokenFile` (0600,
 * never overwritten). Logs the file's path, never the token. The file is written inside the
 * database transaction, so either both exist or neither does; when another instance sharing the
 * database won the race, this one keeps no file.
 */
export async function bootstrapAdmin(store: OperatorStore, tokenFile: string, log: FastifyBaseLogger): Promise<void> {
  if ((await store.count()) > 0) return;
  mkdirSync(dirname(tokenFile), { recursive: true, mode: 0o700 });
  const fd = openSync(tokenFile, 'wx', 0o600);
  let created: boolean;
  try {
    created = await store.createFirstAdmin((token) => {
      // From the start of the file: a transaction retried after a lost connection writes again.
      ftruncateSync(fd, 0);
      writeSync(fd, `${token}\n`, 0);
      fsyncSync(fd);
    });
  } catch (error) {
    closeSync(fd);
    rmSync(tokenFile, { force: true });
    throw error;
  }
  closeSync(fd);
  if (!created) {
    rmSync(tokenFile, { force: true });
    return;
  }
  log.warn({ tokenFile }, 'created the admin operator; its API token is in this file (read it, then delete it)');
} // prettier-ignore
