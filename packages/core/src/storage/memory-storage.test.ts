import { describe, expect, it } from 'vitest';
import { CoreError, ValidationError, createMemoryStorage, type Storage } from '@cra-kit/core';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (value: Uint8Array | undefined) =>
  value === undefined ? undefined : new TextDecoder().decode(value);

async function keys(storage: Storage, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const key of storage.list(prefix)) out.push(key);
  return out;
}

describe('createMemoryStorage', () => {
  it('implements Storage v1 and starts empty', async () => {
    const storage = createMemoryStorage();
    expect(storage.specificationVersion).toBe('v1');
    expect(storage.size).toBe(0);
    expect(await storage.get('a')).toBeUndefined();
    expect(await keys(storage, '')).toEqual([]);
  });

  it('stores a value and returns it with its version', async () => {
    const storage = createMemoryStorage();
    const version = await storage.put('cases/1', bytes('one'));
    const stored = await storage.get('cases/1');
    expect(text(stored?.value)).toBe('one');
    expect(stored?.version).toBe(version);
    expect(typeof version).toBe('string');
    expect(storage.size).toBe(1);
  });

  it('gives a new version on every write', async () => {
    const storage = createMemoryStorage();
    const v1 = await storage.put('a', bytes('1'));
    const v2 = await storage.put('a', bytes('2'));
    const v3 = await storage.put('b', bytes('3'));
    expect(new Set([v1, v2, v3]).size).toBe(3);
    expect((await storage.get('a'))?.version).toBe(v2);
  });

  describe('compare-and-set with ifMatch', () => {
    it('writes when the version matches', async () => {
      const storage = createMemoryStorage();
      const v1 = await storage.put('a', bytes('1'));
      const v2 = await storage.put('a', bytes('2'), { ifMatch: v1 });
      expect(text((await storage.get('a'))?.value)).toBe('2');
      expect((await storage.get('a'))?.version).toBe(v2);
    });

    it('rejects a stale version with CORE_STORAGE_CONFLICT and writes nothing', async () => {
      const storage = createMemoryStorage();
      const v1 = await storage.put('a', bytes('1'));
      const v2 = await storage.put('a', bytes('2'), { ifMatch: v1 });
      const rejected = storage.put('a', bytes('3'), { ifMatch: v1 });
      await expect(rejected).rejects.toBeErrorWithCode(CoreError, 'CORE_STORAGE_CONFLICT');
      await expect(rejected).rejects.toMatchObject({
        details: { key: 'a', expected: v1, actual: v2 },
      });
      expect(text((await storage.get('a'))?.value)).toBe('2');
      expect((await storage.get('a'))?.version).toBe(v2);
    });

    it('null means "only if the key does not exist"', async () => {
      const storage = createMemoryStorage();
      const created = await storage.put('a', bytes('1'), { ifMatch: null });
      await expect(storage.put('a', bytes('2'), { ifMatch: null })).rejects.toBeErrorWithCode(
        CoreError,
        'CORE_STORAGE_CONFLICT',
      );
      expect(text((await storage.get('a'))?.value)).toBe('1');
      expect((await storage.get('a'))?.version).toBe(created);
    });

    it('rejects a version for a key that does not exist, and creates nothing', async () => {
      const storage = createMemoryStorage();
      const rejected = storage.put('a', bytes('1'), { ifMatch: '1' });
      await expect(rejected).rejects.toBeErrorWithCode(CoreError, 'CORE_STORAGE_CONFLICT');
      await expect(rejected).rejects.toMatchObject({
        details: { key: 'a', expected: '1', actual: null },
      });
      expect(await storage.get('a')).toBeUndefined();
      expect(storage.size).toBe(0);
    });

    it('does not accept a version from before the key was deleted and written again', async () => {
      const storage = createMemoryStorage();
      const old = await storage.put('a', bytes('1'));
      await storage.delete('a');
      await storage.put('a', bytes('2'));
      await expect(storage.put('a', bytes('3'), { ifMatch: old })).rejects.toBeErrorWithCode(
        CoreError,
        'CORE_STORAGE_CONFLICT',
      );
    });

    it('lets exactly one of two writers with the same version win', async () => {
      const storage = createMemoryStorage();
      const v1 = await storage.put('a', bytes('0'));
      const results = await Promise.allSettled([
        storage.put('a', bytes('x'), { ifMatch: v1 }),
        storage.put('a', bytes('y'), { ifMatch: v1 }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    });

    it('writes unconditionally without ifMatch or with ifMatch undefined', async () => {
      const storage = createMemoryStorage();
      await storage.put('a', bytes('1'));
      await storage.put('a', bytes('2'), {});
      await storage.put('a', bytes('3'), { ifMatch: undefined });
      expect(text((await storage.get('a'))?.value)).toBe('3');
    });
  });

  it('copies values in: changing the written buffer changes nothing stored', async () => {
    const storage = createMemoryStorage();
    const value = bytes('abc');
    await storage.put('a', value);
    value[0] = 0x7a;
    expect(text((await storage.get('a'))?.value)).toBe('abc');
  });

  it('copies values out: changing a read buffer changes nothing stored', async () => {
    const storage = createMemoryStorage();
    await storage.put('a', bytes('abc'));
    const read = await storage.get('a');
    read?.value.fill(0);
    expect(text((await storage.get('a'))?.value)).toBe('abc');
    expect((await storage.get('a'))?.value).not.toBe((await storage.get('a'))?.value);
  });

  it('stores a view of a larger buffer as just its bytes', async () => {
    const storage = createMemoryStorage();
    const buffer = bytes('xxabcxx');
    await storage.put('a', buffer.subarray(2, 5));
    const stored = (await storage.get('a'))?.value;
    expect(text(stored)).toBe('abc');
    expect(stored?.byteLength).toBe(3);
  });

  it('lists keys with a prefix in lexical order', async () => {
    const storage = createMemoryStorage();
    for (const key of ['cases/2', 'advisories/1', 'cases/10', 'cases/1', 'case', 'cases/1/notes']) {
      await storage.put(key, bytes(key));
    }
    expect(await keys(storage, 'cases/')).toEqual([
      'cases/1',
      'cases/1/notes',
      'cases/10',
      'cases/2',
    ]);
    expect(await keys(storage, 'case')).toEqual([
      'case',
      'cases/1',
      'cases/1/notes',
      'cases/10',
      'cases/2',
    ]);
    expect(await keys(storage, '')).toHaveLength(6);
    expect(await keys(storage, 'devices/')).toEqual([]);
    expect(await keys(storage, 'Cases/')).toEqual([]);
  });

  it('deletes a key, and deleting a missing key is not an error', async () => {
    const storage = createMemoryStorage();
    await storage.put('a', bytes('1'));
    await storage.put('b', bytes('2'));
    await storage.delete('a');
    await expect(storage.delete('a')).resolves.toBeUndefined();
    await expect(storage.delete('never')).resolves.toBeUndefined();
    expect(await storage.get('a')).toBeUndefined();
    expect(await keys(storage, '')).toEqual(['b']);
    expect(storage.size).toBe(1);
  });

  it('keeps separate instances apart', async () => {
    const a = createMemoryStorage();
    const b = createMemoryStorage();
    await a.put('k', bytes('1'));
    expect(await b.get('k')).toBeUndefined();
  });

  it('copies a Buffer too (whose slice would share memory), and returns plain Uint8Arrays', async () => {
    const storage = createMemoryStorage();
    const buffer = Buffer.from('abc');
    await storage.put('a', buffer);
    buffer.fill(0x7a);
    const stored = (await storage.get('a'))?.value;
    expect(text(stored)).toBe('abc');
    expect(Buffer.isBuffer(stored)).toBe(false);
  });

  it('lists a snapshot: keys written during the iteration are not listed', async () => {
    const storage = createMemoryStorage();
    await storage.put('a/1', bytes('1'));
    const seen: string[] = [];
    for await (const key of storage.list('a/')) {
      seen.push(key);
      await storage.put('a/2', bytes('2'));
    }
    expect(seen).toEqual(['a/1']);
  });

  describe('rejects malformed arguments with CORE_VALIDATION_FAILED and changes nothing', () => {
    const invalid = (v: unknown) => v as never;

    it('put: a key that is not a string, a value that is not bytes, unknown options', async () => {
      const storage = createMemoryStorage();
      const attempts = [
        storage.put(invalid(1), bytes('1')),
        storage.put('a', invalid('text')),
        storage.put('a', bytes('1'), invalid({ ifMatch: 1 })),
        storage.put('a', bytes('1'), invalid({ ifmatch: '1' })),
      ];
      for (const attempt of attempts) {
        await expect(attempt).rejects.toBeErrorWithCode(ValidationError, 'CORE_VALIDATION_FAILED');
      }
      expect(storage.size).toBe(0);
    });

    it('get, delete and list: a key or prefix that is not a string', async () => {
      const storage = createMemoryStorage();
      await storage.put('a', bytes('1'));
      await expect(storage.get(invalid(undefined))).rejects.toBeErrorWithCode(
        ValidationError,
        'CORE_VALIDATION_FAILED',
      );
      await expect(storage.delete(invalid(null))).rejects.toBeErrorWithCode(
        ValidationError,
        'CORE_VALIDATION_FAILED',
      );
      await expect(keys(storage, invalid(1))).rejects.toBeErrorWithCode(
        ValidationError,
        'CORE_VALIDATION_FAILED',
      );
      expect(storage.size).toBe(1);
    });
  });
});
