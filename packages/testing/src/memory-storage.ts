import { CoreError, type PutOptions, type Storage, type StoredValue } from '@cra-kit/core';

/**
 * An in-memory {@link Storage} with the same semantics as the real ones: compare-and-set via
 * `ifMatch`, copies in and out (a caller mutating its buffer never changes what is stored),
 * lexically ordered `list`.
 */
export function memoryStorage(): Storage & { readonly size: number } {
  const entries = new Map<string, { value: Uint8Array; version: number }>();
  let versions = 0;
  return {
    specificationVersion: 'v1',
    get size() {
      return entries.size;
    },
    get(key: string): Promise<StoredValue | undefined> {
      const entry = entries.get(key);
      return Promise.resolve(
        entry && { value: entry.value.slice(), version: String(entry.version) },
      );
    },
    put(key: string, value: Uint8Array, options: PutOptions = {}): Promise<string> {
      const current = entries.get(key);
      if (options.ifMatch !== undefined) {
        const actual = current === undefined ? null : String(current.version);
        if (actual !== options.ifMatch) {
          return Promise.reject(
            new CoreError('CORE_STORAGE_CONFLICT', `version conflict on ${key}`, {
              details: { key, expected: options.ifMatch, actual },
            }),
          );
        }
      }
      versions += 1;
      entries.set(key, { value: value.slice(), version: versions });
      return Promise.resolve(String(versions));
    },
    delete(key: string): Promise<void> {
      entries.delete(key);
      return Promise.resolve();
    },
    async *list(prefix: string): AsyncIterable<string> {
      const keys = [...entries.keys()].filter((k) => k.startsWith(prefix)).sort();
      for (const key of keys) yield await Promise.resolve(key);
    },
  };
}
