import { readFile, writeFile } from 'node:fs/promises';
import { memoryStorage } from '@cra-kit/testing';
import { join } from 'node:path';
import { generateSigningKey } from '@cra-kit/core';
import {
  addDelegation,
  addTargets,
  downloadTarget,
  fileFetcher,
  findTarget,
  hashBinPrefixes,
  isDelegatedPath,
  OtaSigningError,
  Updater,
} from '@cra-kit/ota-signing';
import { describe, expect, it } from 'vitest';
import { mirrorOf } from './attack-fixtures.js';
import { generateAndRotate } from './interop-fixtures.js';
import { device, firmware, publishedRepo, tempDir, writeImage } from './helpers.js';

describe('device-side verifier', () => {
  it('finds targets in hash-bin delegations', async () => {
    const { repo } = await publishedRepo();
    const { signer } = await generateSigningKey('ed25519');
    for (const [i, prefixes] of hashBinPrefixes(16).entries()) {
      await addDelegation(repo, {
        name: `bin-${i}`,
        signers: [signer],
        pathHashPrefixes: prefixes,
      });
    }
    const images = await tempDir('img-');
    const names = ['a.bin', 'b.bin', 'c.bin'];
    for (const name of names) {
      const targets = (await repo.current('targets', 'targets')).signed;
      const bin = targets.delegations?.roles.find((r) => isDelegatedPath(r, name))?.name ?? '';
      await addTargets(
        repo,
        [{ image: await writeImage(images, name, 300, name.length), firmware: firmware() }],
        { role: bin },
      );
    }
    await repo.publish();
    const d = await device(repo);
    await d.updater.refresh();
    for (const name of names) expect((await findTarget(d.updater, name)).role).toMatch(/^bin-/);
    await downloadTarget(d.updater, 'b.bin', {
      out: d.slot,
      device: { hardwareId: 'vs-200-revB', installedCounter: 0 },
    });
    expect(hashBinPrefixes(256)[255]).toEqual(['ff']);
  });

  it('caps the delegation walk', async () => {
    const { repo } = await publishedRepo();
    const { signer } = await generateSigningKey('ed25519');
    for (let i = 0; i < 3; i++)
      await addDelegation(repo, {
        name: `r${i}`,
        signers: [signer],
        paths: ['*'],
        terminating: false,
      });
    await repo.publish();
    const updater = new Updater({
      fetcher: fileFetcher(repo.dir),
      storage: memoryStorage(),
      initialRoot: new Uint8Array(await readFile(join(repo.dir, 'metadata', '1.root.json'))),
      clock: repo.clock,
      config: { maxDelegations: 2 },
    });
    await updater.refresh();
    await expect(findTarget(updater, 'missing.bin')).rejects.toBeErrorWithCode(
      OtaSigningError,
      'OTA_DELEGATION_LIMIT',
    );
  });

  it('persists trusted metadata only after its checks pass', async () => {
    const { repo } = await publishedRepo();
    const d = await device(repo);
    await d.updater.refresh();
    const before = (await d.storage.get('timestamp.json'))?.value;
    await repo.publish();
    const mirror = await mirrorOf(repo);
    const tampered = JSON.parse(
      await readFile(join(mirror, 'metadata', 'timestamp.json'), 'utf8'),
    ) as { signed: { version: number } };
    tampered.signed.version += 10;
    await writeFile(join(mirror, 'metadata', 'timestamp.json'), JSON.stringify(tampered));
    const victim = new Updater({
      fetcher: fileFetcher(mirror),
      storage: d.storage,
      clock: repo.clock,
    });
    await expect(victim.refresh()).rejects.toBeErrorWithCode(
      OtaSigningError,
      'OTA_SIGNATURE_THRESHOLD',
    );
    expect((await d.storage.get('timestamp.json'))?.value).toEqual(before);
  });

  it('follows at most maxRootRotations root versions per refresh', async () => {
    const { repo } = await publishedRepo();
    for (let i = 0; i < 3; i++) await generateAndRotate(repo, 'root');
    await repo.publish();
    const initialRoot = new Uint8Array(await readFile(join(repo.dir, 'metadata', '1.root.json')));
    const storage = memoryStorage();
    const make = () =>
      new Updater({
        fetcher: fileFetcher(repo.dir),
        storage,
        initialRoot,
        clock: repo.clock,
        config: { maxRootRotations: 2 },
      });
    const first = make();
    await first.refresh();
    expect(first.root.version).toBe(3);
    const second = make();
    await second.refresh();
    expect(second.root.version).toBe(4);
  });
});
