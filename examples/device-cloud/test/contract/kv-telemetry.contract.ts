import { describe, expect, it } from 'vitest';
import { MAX_KEYS_PER_DEVICE, OVERFLOW_KEY } from '../../src/telemetry/telemetry-store.js';
import type { Backend } from './backends.js';
import { useFreshStores } from './context.js';

const enc = (t: string) => new TextEncoder().encode(t);
const dec = (b: Uint8Array | undefined) =>
  b === undefined ? undefined : new TextDecoder().decode(b);

/** core's Storage (bootstrap tokens) and the telemetry store. */
export function describeKvTelemetryContract(backend: Backend): void {
  describe(`${backend.name}: core Storage (bootstrap tokens)`, () => {
    const s = useFreshStores(backend);
    it('does compare-and-set: create-only, update-if-version; conflicts write nothing', async () => {
      const kv = s().stores.storage;
      const v1 = await kv.put('a/1', enc('one'), { ifMatch: null });
      await expect(kv.put('a/1', enc('again'), { ifMatch: null })).rejects.toMatchObject({ code: 'CORE_STORAGE_CONFLICT' });
      const v2 = await kv.put('a/1', enc('two'), { ifMatch: v1 });
      expect(v2).not.toBe(v1);
      await expect(kv.put('a/1', enc('stale'), { ifMatch: v1 })).rejects.toMatchObject({ code: 'CORE_STORAGE_CONFLICT' });
      await expect(kv.put('a/1', enc('junk'), { ifMatch: 'x' })).rejects.toMatchObject({ code: 'CORE_STORAGE_CONFLICT' });
      await expect(kv.put('a/none', enc('x'), { ifMatch: '1' })).rejects.toMatchObject({ code: 'CORE_STORAGE_CONFLICT' });
      const got = await kv.get('a/1');
      expect({ value: dec(got?.value), version: got?.version }).toEqual({ value: 'two', version: v2 });
      const v3 = await kv.put('a/1', enc('three'));
      expect(Number(v3)).toBe(Number(v2) + 1);
      await kv.put('a/2', new Uint8Array([0, 255, 1]));
      expect([...((await kv.get('a/2'))?.value ?? [])]).toEqual([0, 255, 1]);
      await kv.put('b/1', enc('other'));
      const keys: string[] = [];
      for await (const k of kv.list('a/')) keys.push(k);
      expect(keys).toEqual(['a/1', 'a/2']);
      await kv.delete('a/1');
      await kv.delete('a/1');
      expect(await kv.get('a/1')).toBeUndefined();
    });
    it('lets exactly one of many racing redeemers win a version', async () => {
      const kv = s().stores.storage;
      const v = await kv.put('token/x', enc('unused'), { ifMatch: null });
      const outcomes = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => kv.put('token/x', enc(`used by ${i}`), { ifMatch: v })));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as { code: string }).code] : []))).toEqual(Array.from({ length: 7 }, () => 'CORE_STORAGE_CONFLICT'));
    });
  });

  describe(`${backend.name}: telemetry`, () => {
    const s = useFreshStores(backend);
    it('keeps the latest accepted values per device and key', async () => {
      const t = s().stores.telemetry;
      await t.storeAccepted('dev-1', new Map<string, number | string | boolean>([['temp', 21.5], ['mode', 'eco']]), new Date('2027-01-01T00:00:00Z'));
      await t.storeAccepted('dev-1', new Map<string, number | string | boolean>([['temp', 22], ['door', true]]), new Date('2027-01-01T00:01:00Z'));
      await t.storeAccepted('dev-1', new Map(), new Date('2027-01-01T00:02:00Z'));
      expect(await t.latest('dev-1')).toEqual({
        temp: { value: 22, at: '2027-01-01T00:01:00.000Z' },
        mode: { value: 'eco', at: '2027-01-01T00:00:00.000Z' },
        door: { value: true, at: '2027-01-01T00:01:00.000Z' },
      });
      expect(await t.latest('dev-2')).toEqual({});
    });
    it('never lets an older message replace a newer value (messages arrive out of order)', async () => {
      const t = s().stores.telemetry;
      await t.storeAccepted('dev-3', new Map<string, number | string | boolean>([['temp', 30]]), new Date('2027-01-01T00:10:00Z'));
      await t.storeAccepted('dev-3', new Map<string, number | string | boolean>([['temp', 10], ['mode', 'eco']]), new Date('2027-01-01T00:05:00Z'));
      expect(await t.latest('dev-3')).toEqual({
        temp: { value: 30, at: '2027-01-01T00:10:00.000Z' },
        mode: { value: 'eco', at: '2027-01-01T00:05:00.000Z' },
      });
    }); // prettier-ignore
    it('counts rejected fields per key and reason, bounded per device', async () => {
      const t = s().stores.telemetry;
      await t.countRejected('dev-1', [{ key: 'gps', reason: 'undeclared' }, { key: 'gps', reason: 'undeclared' }], new Date('2027-01-01T00:00:00Z'));
      await t.countRejected('dev-1', [{ key: 'temp', reason: 'wrong-type' }], new Date('2027-01-01T00:05:00Z'));
      expect((await t.stats()).rejections).toEqual([
        { deviceId: 'dev-1', key: 'gps', reason: 'undeclared', count: 2, lastAt: '2027-01-01T00:00:00.000Z' },
        { deviceId: 'dev-1', key: 'temp', reason: 'wrong-type', count: 1, lastAt: '2027-01-01T00:05:00.000Z' },
      ]);
      const many = Array.from({ length: MAX_KEYS_PER_DEVICE + 5 }, (_, i) => ({ key: `k${String(i).padStart(3, '0')}`, reason: 'undeclared' as const }));
      await t.countRejected('dev-2', many, new Date('2027-01-01T00:00:00Z'));
      const dev2 = (await t.stats()).rejections.filter((r) => r.deviceId === 'dev-2');
      expect(dev2).toHaveLength(MAX_KEYS_PER_DEVICE + 1);
      expect(dev2.find((r) => r.key === OVERFLOW_KEY)?.count).toBe(5);
    });
  });
} // prettier-ignore
