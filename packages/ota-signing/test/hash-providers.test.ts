import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  defaultHashProvider,
  downloadTarget,
  findTarget,
  hashFile,
  hasNodeCrypto,
  loadNobleHashProvider,
  nodeHashProvider,
  OtaSigningError,
  verifyImageFile,
  type HashAlgorithm,
  type HashProvider,
} from '@cra-kit/ota-signing';
import { afterEach, describe, expect, it } from 'vitest';
import { deviceOn, flipBit, imagePath, mirrorOf } from './attack-fixtures.js';
import { device, publishedRepo, tempDir, writeImage } from './helpers.js';

const DEVICE = { hardwareId: 'vs-200-revB', installedCounter: 0 };
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** Feeds `bytes` in irregular blocks (1 byte up to 1 MiB + 7) and returns the hex digest. */
function digestStream(provider: HashProvider, algorithm: HashAlgorithm, bytes: Uint8Array) {
  const hash = provider.create(algorithm);
  const sizes = [1, 63, 64, 65, 4096, 1024 * 1024 + 7];
  for (let offset = 0, i = 0; offset < bytes.length; i++) {
    const end = Math.min(bytes.length, offset + (sizes[i % sizes.length] ?? 1));
    hash.update(bytes.subarray(offset, end));
    offset = end;
  }
  return hex(hash.digest());
}

/** Runs `action` as if the runtime had no `node:crypto` (no `process.getBuiltinModule`). */
const processLike = process as unknown as { getBuiltinModule?: unknown };
const original = processLike.getBuiltinModule;
const withoutNodeCrypto = () => {
  processLike.getBuiltinModule = () => undefined;
};
afterEach(() => {
  processLike.getBuiltinModule = original;
});

describe('hash providers: node:crypto by default, @noble/hashes as the fallback', () => {
  const inputs: [string, Uint8Array][] = [
    ['empty', new Uint8Array(0)],
    ['abc', new TextEncoder().encode('abc')],
    ['one block edge', new Uint8Array(64).fill(0x5a)],
    ['3 MiB + 13', Uint8Array.from({ length: 3 * 1024 * 1024 + 13 }, (_, i) => (i * 31) & 0xff)],
  ];
  for (const [label, bytes] of inputs) {
    it(`gives identical sha256 and sha512 digests on the same stream: ${label}`, async () => {
      for (const algorithm of ['sha256', 'sha512'] as const) {
        const reference = createHash(algorithm).update(bytes).digest('hex');
        expect(digestStream(nodeHashProvider, algorithm, bytes)).toBe(reference);
        expect(digestStream(await loadNobleHashProvider(), algorithm, bytes)).toBe(reference);
      }
    });
  }

  it('hashes files the same way with both providers (empty and multi-MiB)', async () => {
    const dir = await tempDir('hash-');
    for (const [name, size] of [
      ['empty.bin', 0],
      ['big.bin', 5 * 1024 * 1024 + 3],
    ] as const) {
      const path = await writeImage(dir, name, size, 9);
      const reference = createHash('sha256')
        .update(await readFile(path))
        .digest('hex');
      expect(await hashFile(path, nodeHashProvider)).toEqual({ length: size, sha256: reference });
      expect(await hashFile(path, await loadNobleHashProvider())).toEqual({
        length: size,
        sha256: reference,
      });
    }
  });

  it('picks node:crypto where present and @noble/hashes where it is missing', async () => {
    expect(hasNodeCrypto()).toBe(true);
    expect(await defaultHashProvider()).toBe(nodeHashProvider);
    withoutNodeCrypto();
    expect(hasNodeCrypto()).toBe(false);
    expect(await defaultHashProvider()).toBe(await loadNobleHashProvider());
    expect((await defaultHashProvider()).name).toBe('@noble/hashes');
    expect(() => nodeHashProvider.create('sha256')).toThrowWithCode(
      OtaSigningError,
      'OTA_HASH_UNAVAILABLE',
    );
  });

  it('verifies an image with the fallback and refuses a bit flip with it', async () => {
    const { repo } = await publishedRepo();
    const mirror = await mirrorOf(repo);
    const d = await device(repo);
    await d.updater.refresh();
    const { target } = await findTarget(d.updater, 'fw-1.2.0.bin');
    const path = await imagePath(mirror, 'fw-1.2.0.bin');
    await verifyImageFile(path, 'fw-1.2.0.bin', target, {
      hashProvider: await loadNobleHashProvider(),
    });
    await flipBit(path);
    await expect(
      verifyImageFile(path, 'fw-1.2.0.bin', target, {
        hashProvider: await loadNobleHashProvider(),
      }),
    ).rejects.toBeErrorWithCode(OtaSigningError, 'OTA_TARGET_HASH_MISMATCH');
  });

  it('runs the whole device workflow without node:crypto hashing', async () => {
    const { repo, image } = await publishedRepo();
    const d = await device(repo);
    withoutNodeCrypto();
    await d.updater.refresh();
    await downloadTarget(d.updater, 'fw-1.2.0.bin', { out: d.slot, device: DEVICE });
    expect(await readFile(d.slot)).toEqual(await readFile(image));
    // A bit-flipped image on a mirror is still refused, and the slot is untouched.
    const mirror = await mirrorOf(repo);
    await flipBit(await imagePath(mirror, 'fw-1.2.0.bin'));
    const attacked = await deviceOn(repo, mirror);
    await attacked.updater.refresh();
    await attacked.expectRefused(
      downloadTarget(attacked.updater, 'fw-1.2.0.bin', {
        out: attacked.slot,
        device: DEVICE,
        hashProvider: await loadNobleHashProvider(),
      }),
      'OTA_TARGET_HASH_MISMATCH',
    );
  });
});
