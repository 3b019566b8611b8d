import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSigningKey, systemClock } from '@cra-kit/core';
import { memoryStorage } from '@cra-kit/testing';
import { Updater as TufJsUpdater } from 'tuf-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addTarget,
  generateAndRotate,
  httpFetcher,
  initRepository,
  downloadTarget,
  Updater,
} from './interop-fixtures.js';
import { addDelegation, addTargets } from '@cra-kit/ota-signing';
import { firmware, tempDir, writeImage } from './helpers.js';
import { serveDirectory } from './http-server.js';

describe.each(['ed25519', 'ecdsa-p256-sha256'] as const)(
  'tuf-js 5.0 reads a repository we wrote (%s)',
  (algorithm) => {
    let repoDir: string;
    let image: string;
    let server: Awaited<ReturnType<typeof serveDirectory>>;

    beforeAll(async () => {
      repoDir = await tempDir();
      const repo = await initRepository({ dir: repoDir, clock: systemClock, algorithm });
      image = await writeImage(await tempDir('img-'), 'fw-2.0.0.bin', 300_000);
      await addTarget(repo, {
        image,
        firmware: firmware({
          version: '2.0.0',
          securityCounter: 7,
          sbom: { uri: 'sbom/fw-2.0.0.cdx.json', sha256: 'a'.repeat(64) },
        }),
      });
      await repo.publish();
      // A root rotation, so tuf-js follows our N.root.json chain too.
      await generateAndRotate(repo, 'root', algorithm);
      await generateAndRotate(repo, 'targets', algorithm);
      // A per-model delegation with its own key, so tuf-js walks our delegations too.
      const { signer } = await generateSigningKey(algorithm);
      await addDelegation(repo, { name: 'vs-300', signers: [signer], paths: ['vs-300-*'] });
      const model = await writeImage(await tempDir('img-'), 'vs-300-fw-1.0.0.bin', 2000, 3);
      await addTargets(
        repo,
        [{ image: model, firmware: firmware({ hardwareIds: ['vs-300'], version: '1.0.0' }) }],
        { role: 'vs-300' },
      );
      await repo.publish();
      server = await serveDirectory(repoDir);
    });
    afterAll(() => server.close());

    it('refreshes, finds the target with its firmware custom fields, and downloads it', async () => {
      const metadataDir = await tempDir('tufjs-');
      await copyFile(join(repoDir, 'metadata', '1.root.json'), join(metadataDir, 'root.json'));
      const targetDir = await tempDir('tufjs-targets-');
      const client = new TufJsUpdater({
        metadataDir,
        metadataBaseUrl: `${server.url}/metadata`,
        targetDir,
        targetBaseUrl: `${server.url}/targets`,
      });
      await client.refresh();
      const delegated = await client.getTargetInfo('vs-300-fw-1.0.0.bin');
      expect(delegated?.custom).toMatchObject({ firmware: { hardwareIds: ['vs-300'] } });
      const info = await client.getTargetInfo('fw-2.0.0.bin');
      expect(info?.custom).toMatchObject({
        firmware: {
          version: '2.0.0',
          securityCounter: 7,
          releaseType: 'security',
          hardwareIds: ['vs-200-revB'],
        },
      });
      const path = await client.downloadTarget(info!, join(targetDir, 'fw.bin'));
      expect(await readFile(path)).toEqual(await readFile(image));
    });

    it('is also verified by our device over HTTP', async () => {
      const updater = new Updater({
        fetcher: httpFetcher(server.url),
        storage: memoryStorage(),
        initialRoot: new Uint8Array(await readFile(join(repoDir, 'metadata', '1.root.json'))),
      });
      await updater.refresh();
      expect(updater.root.version).toBe(3);
      const slot = join(await tempDir('slot-'), 'slot.bin');
      await mkdir(join(slot, '..'), { recursive: true });
      await downloadTarget(updater, 'fw-2.0.0.bin', {
        out: slot,
        device: { hardwareId: 'vs-200-revB', installedCounter: 7 },
      });
      expect(await readFile(slot)).toEqual(await readFile(image));
    });
  },
);
