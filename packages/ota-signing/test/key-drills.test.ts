import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSigningKey } from '@cra-kit/core';
import {
  addTarget,
  downloadTarget,
  FileRepository,
  initRepository,
  OtaSigningError,
  readKeyFile,
  rotateKeys,
  serializeEnvelope,
  signMetadata,
  signStagedRole,
} from '@cra-kit/ota-signing';
import { fixedClock } from '@cra-kit/testing';
import { describe, expect, it } from 'vitest';
import { deviceOn } from './attack-fixtures.js';
import { generateAndRotate } from './interop-fixtures.js';
import { signerFor } from './key-of.js';
import { firmware, NOW, publishedRepo, tempDir, writeImage } from './helpers.js';

const DEVICE = { hardwareId: 'vs-200-revB', installedCounter: 0 };

async function release(repo: FileRepository, version: string, seed: number) {
  const image = await writeImage(await tempDir('img-'), `fw-${version}.bin`, 5000, seed);
  await addTarget(repo, { image, firmware: firmware({ version }) });
  await repo.publish();
  return `fw-${version}.bin`;
}

describe('key management drills: devices keep updating across each', () => {
  it('rotates the root keys (root N+1 signed by old and new keys)', async () => {
    const { repo } = await publishedRepo();
    const d = await deviceOn(repo, repo.dir);
    await d.updater.refresh();
    const [result] = (await generateAndRotate(repo, 'root')).results;
    expect(result).toMatchObject({ role: 'root', version: 2, committed: true });
    const name = await release(repo, '1.3.0', 2);
    await d.updater.refresh();
    expect(d.updater.root.version).toBe(2);
    await downloadTarget(d.updater, name, { out: d.slot, device: DEVICE });
  });

  it('rotates the targets keys and revokes a compromised one', async () => {
    const { repo } = await publishedRepo();
    const compromised = await signerFor(repo, 'targets');
    const d = await deviceOn(repo, repo.dir);
    await d.updater.refresh();
    await generateAndRotate(repo, 'targets');
    const name = await release(repo, '1.3.0', 3);
    await d.updater.refresh();
    await downloadTarget(d.updater, name, { out: d.slot, device: DEVICE });
    // The revoked key signs a new targets version: its signature no longer counts.
    const targets = (await repo.current('targets', 'targets')).signed;
    const forged = serializeEnvelope(
      await signMetadata({ ...targets, version: targets.version + 1 }, [compromised]),
    );
    await writeFile(join(repo.dir, 'metadata', 'targets.json'), forged);
    await writeFile(join(repo.dir, 'metadata', `${targets.version + 1}.targets.json`), forged);
    await repo.publish();
    await expect(d.updater.refresh()).rejects.toBeErrorWithCode(
      OtaSigningError,
      'OTA_SIGNATURE_THRESHOLD',
    );
  });

  it('recovers from a compromised timestamp key', async () => {
    const { repo } = await publishedRepo();
    const d = await deviceOn(repo, repo.dir);
    await d.updater.refresh();
    await generateAndRotate(repo, 'timestamp');
    const name = await release(repo, '1.3.0', 4);
    await d.updater.refresh();
    await downloadTarget(d.updater, name, { out: d.slot, device: DEVICE });
  });

  it('holds an offline ceremony: 2-of-2 root, partial signatures from separate key holders', async () => {
    const clock = fixedClock(NOW);
    const dir = await tempDir();
    await initRepository({ dir, clock, thresholds: { root: 2 } });
    // The root keys go offline: each holder keeps one, the repository has none.
    const keyFiles = (await readdir(join(dir, 'keys'))).filter((n) => n.startsWith('root-'));
    const holders = await Promise.all(keyFiles.map((n) => readKeyFile(join(dir, 'keys', n))));
    for (const n of keyFiles) await rm(join(dir, 'keys', n));
    const repo = await FileRepository.open({ dir, clock });
    const [staged] = await rotateKeys(repo, { role: 'root' });
    expect(staged).toMatchObject({ committed: false, signatures: 0, threshold: 2 });
    await expect(repo.publish()).rejects.toBeErrorWithCode(
      OtaSigningError,
      'OTA_THRESHOLD_NOT_MET',
    );
    // Carried to each holder's machine; only the partial signature comes back.
    const stagedFile = JSON.parse(
      await readFile(join(dir, 'staged', 'root.json'), 'utf8'),
    ) as unknown;
    const stranger = (await generateSigningKey('ed25519')).signer;
    await repo.addPartial(await signStagedRole(stagedFile, stranger));
    await repo.addPartial(await signStagedRole(stagedFile, holders[0]!));
    expect(await repo.commit('root')).toMatchObject({ committed: false, signatures: 1 });
    await repo.addPartial(await signStagedRole(stagedFile, holders[1]!));
    expect(await repo.commit('root')).toMatchObject({ committed: true, version: 2 });
    await repo.publish();
    const d = await deviceOn(repo, repo.dir);
    await d.updater.refresh();
    expect(d.updater.root.version).toBe(2);
  });
});
