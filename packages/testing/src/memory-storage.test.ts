import { describe, expect, it } from 'vitest';
import { CoreError, createMemoryStorage } from '@cra-kit/core';
import { memoryStorage } from '@cra-kit/testing';

// The contract itself is tested in core (packages/core/src/storage/memory-storage.test.ts).
describe('memoryStorage', () => {
  it('is core’s in-memory Storage, so tests and production share one implementation', () => {
    expect(memoryStorage).toBe(createMemoryStorage);
  });

  it('keeps the API tests rely on: Storage v1, size, compare-and-set conflicts', async () => {
    const storage = memoryStorage();
    expect(storage.specificationVersion).toBe('v1');
    const version = await storage.put('a', new Uint8Array([1]), { ifMatch: null });
    expect(storage.size).toBe(1);
    await expect(
      storage.put('a', new Uint8Array([2]), { ifMatch: null }),
    ).rejects.toBeErrorWithCode(CoreError, 'CORE_STORAGE_CONFLICT');
    expect(await storage.get('a')).toEqual({ value: new Uint8Array([1]), version });
  });
});
