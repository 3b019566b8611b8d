import { CoreError, type PutOptions, type Storage, type StoredValue } from '@cra-kit/core';
import type { Pool } from 'pg';
import { inTransaction, query } from './transaction.js';

/**
 * core's {@link Storage} on PostgreSQL's `kv` table. `ifMatch` is a compare-and-set in one
 * statement, so two instances redeeming one bootstrap token cannot both win.
 */
export function createPostgresStorage(pool: Pool): Storage {
  const conflict = (key: string) => new CoreError('CORE_STORAGE_CONFLICT', `version of ${key} changed`);
  return {
    specificationVersion: 'v1',
    async get(key): Promise<StoredValue | undefined> {
      const row = (await query<{ value: Buffer; version: number }>(pool, 'SELECT value, version FROM kv WHERE key = $1', [key]))[0];
      return row && { value: new Uint8Array(row.value), version: String(row.version) };
    },
    async put(key, value, options: PutOptions = {}) {
      const bytes = Buffer.from(value);
      return inTransaction(pool, async (c) => {
        let rows: { version: number }[];
        if (options.ifMatch === null) {
          rows = (await c.query<{ version: number }>('INSERT INTO kv (key, value, version) VALUES ($1, $2, 1) ON CONFLICT (key) DO NOTHING RETURNING version', [key, bytes])).rows;
        } else if (options.ifMatch !== undefined) {
          const expected = Number(options.ifMatch);
          if (!Number.isSafeInteger(expected) || expected > 2 ** 31 - 1) throw conflict(key);
          rows = (await c.query<{ version: number }>('UPDATE kv SET value = $2, version = version + 1 WHERE key = $1 AND version = $3 RETURNING version', [key, bytes, expected])).rows;
        } else {
          rows = (await c.query<{ version: number }>('INSERT INTO kv (key, value, version) VALUES ($1, $2, 1) ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = kv.version + 1 RETURNING version', [key, bytes])).rows;
        }
        if (rows[0] === undefined) throw conflict(key);
        return String(rows[0].version);
      });
    },
    async delete(key) {
      await query(pool, 'DELETE FROM kv WHERE key = $1', [key]);
    },
    async *list(prefix) {
      const rows = await query<{ key: string }>(pool, 'SELECT key FROM kv WHERE left(key, length($1)) = $1 ORDER BY key COLLATE "C"', [prefix]);
      for (const { key } of rows) yield key;
    },
  };
} // prettier-ignore
