import { closeSync, fsyncSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import type { FastifyBaseLogger } from 'fastify';
import type { OperatorStore } from './operator-store.js';

/**
 * First start only: creates the `admin` operator and writes its API token to `tokenFile` (0600,
 * never overwritten). Logs the file's path, never the token. The file is written inside the
 * database transaction (synchronously), so either both exist or neither does.
 */
export function bootstrapAdmin(db: Database.Database, store: OperatorStore, tokenFile: string, log: FastifyBaseLogger): void {
  if (store.count() > 0) return;
  mkdirSync(dirname(tokenFile), { recursive: true, mode: 0o700 });
  const fd = openSync(tokenFile, 'wx', 0o600);
  try {
    db.transaction(() => {
      const admin = store.create({ name: 'admin', roles: ['admin'] }, 'system');
      const { token } = store.issueToken(admin.id, 'bootstrap', 'system');
      writeSync(fd, `${token}\n`);
      fsyncSync(fd);
    })();
  } catch (error) {
    closeSync(fd);
    rmSync(tokenFile, { force: true });
    throw error;
  }
  closeSync(fd);
  log.warn({ tokenFile }, 'created the admin operator; its API token is in this file (read it, then delete it)');
} // prettier-ignore
