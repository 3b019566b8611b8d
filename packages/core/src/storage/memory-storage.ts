import { z } from 'zod';
import { CoreError } from '../errors/core-error.js';
import type { PutOptions, Storage, StoredValue } from '../interfaces/storage.js';
import { parseWith, safeParseWith } from '../validation/parse.js';

/** A {@link Storage} held in memory, with the number of keys it holds. */
export interface MemoryStorage extends Storage {
  readonly size: number;
}

const KeySchema = z.string();
const PutSchema = z.strictObject({
  key: KeySchema,
  value: z.instanceof(Uint8Array),
  options: z.strictObject({ ifMatch: z.string().nullable().optional() }),
});

/**
 * An in-memory {@link Storage} with the contract of the durable ones: a new opaque version on
 * every write (never reused, not even after a delete), compare-and-set through `ifMatch`
 * (`null`: only if absent), copies in and out (a caller changing its buffer never changes what
 * is stored), and `list` in lexical order. For caches that must not outlive the process, such as
 * TUF metadata verified for one lookup, and for tests. Invalid arguments reject with a
 * `ValidationError` (CORE_VALIDATION_FAILED); a lost compare-and-set with CORE_STORAGE_CONFLICT.
 * @example
 * ```ts
 * const storage = createMemoryStorage();
 * const version = await storage.put('cases/1', bytes, { ifMatch: null });
 * ```
 */
export function createMemoryStorage(): MemoryStorage {
  const entries = new Map<string, { value: Uint8Array; version: string }>();
  let versions = 0;
  return {
    specificationVersion: 'v1',
    get size() {
      return entries.size;
    },
    get(key: string): Promise<StoredValue | undefined> {
      return Promise.resolve().then(() => {
        const entry = entries.get(parseWith(KeySchema, key, 'storage key'));
        return entry && { value: new Uint8Array(entry.value), version: entry.version };
      });
    },
    put(key: string, value: Uint8Array, options: PutOptions = {}): Promise<string> {
      // Checked and written in one synchronous step: two racing writers cannot both match.
      const parsed = safeParseWith(PutSchema, { key, value, options }, 'storage put');
      if (!parsed.success) return Promise.reject(parsed.error);
      const { ifMatch } = parsed.data.options;
      const actual = entries.get(key)?.version ?? null;
      if (ifMatch !== undefined && actual !== ifMatch) {
        return Promise.reject(
          new CoreError('CORE_STORAGE_CONFLICT', `version conflict on ${key}`, {
            details: { key, expected: ifMatch, actual },
          }),
        );
      }
      versions += 1;
      const version = String(versions);
      entries.set(key, { value: new Uint8Array(value), version }); // a copy, even of a Buffer
      return Promise.resolve(version);
    },
    delete(key: string): Promise<void> {
      return Promise.resolve().then(() => {
        entries.delete(parseWith(KeySchema, key, 'storage key'));
      });
    },
    async *list(prefix: string): AsyncIterable<string> {
      const from = parseWith(KeySchema, prefix, 'storage prefix');
      // A snapshot: keys written while the caller iterates are not listed.
      const keys = [...entries.keys()].filter((k) => k.startsWith(from)).sort();
      for (const key of keys) yield await Promise.resolve(key);
    },
  };
}
