import { CoreError, type PutOptions, type Storage, type StoredValue } from '@cra-kit/core';
import type Database from 'better-sqlite3';

interface Row {
  value: Buffer;
  version: number;
}

/**
 * core's {@link Storage} on the `kv` table: versions are integers, and `ifMatch` is a
 * compare-and-set in one SQL statement, so two redeemers of one bootstrap token cannot both win.
 */
export function createSqliteStorage(db: Database.Database): Storage {
  const q = {
    get: db.prepare<[string], Row>('SELECT value, version FROM kv WHERE key = ?'),
    insertNew: db.prepare('INSERT INTO kv (key, value, version) VALUES (?, ?, 1) ON CONFLICT(key) DO NOTHING'),
    updateIf: db.prepare('UPDATE kv SET value = ?, version = version + 1 WHERE key = ? AND version = ?'),
    upsert: db.prepare('INSERT INTO kv (key, value, version) VALUES (?, ?, 1) ON CONFLICT(key) DO UPDATE SET value = excluded.value, version = kv.version + 1'),
    delete: db.prepare('DELETE FROM kv WHERE key = ?'),
    list: db.prepare<[string, string], { key: string }>('SELECT key FROM kv WHERE substr(key, 1, length(?)) = ? ORDER BY key'),
  };
  const conflict = (key: string) => new CoreError('CORE_STORAGE_CONFLICT', `version of ${key} changed`);
  const versionOf = (key: string) => String(q.get.get(key)?.version ?? '');
  return {
    specificationVersion: 'v1',
    async get(key): Promise<StoredValue | undefined> {
      const row = q.get.get(key);
      return Promise.resolve(row && { value: new Uint8Array(row.value), version: String(row.version) });
    },
    async put(key, value, options: PutOptions = {}) {
      const bytes = Buffer.from(value);
      const write = db.transaction(() => {
        if (options.ifMatch === null) {
          if (q.insertNew.run(key, bytes).changes === 0) throw conflict(key);
        } else if (options.ifMatch !== undefined) {
          const expected = Number(options.ifMatch);
          if (!Number.isSafeInteger(expected) || q.updateIf.run(bytes, key, expected).changes === 0) throw conflict(key);
        } else q.upsert.run(key, bytes);
        return versionOf(key);
      });
      return Promise.resolve(write());
    },
    async delete(key) {
      q.delete.run(key);
      return Promise.resolve();
    },
    async *list(prefix) {
      for (const { key } of q.list.all(prefix, prefix)) yield await Promise.resolve(key);
    },
  };
} // prettier-ignore
