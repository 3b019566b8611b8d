import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSigningKey } from '@cra-kit/core';
import {
  addDelegation,
  addTarget,
  addTargets,
  downloadTarget,
  fetchBytes,
  fileFetcher,
  initRepository,
  OtaSigningError,
  parsePartial,
  readKeyFile,
  rotateKeys,
  signStagedRole,
} from '@cra-kit/ota-signing';
import { describe, expect, it } from 'vitest';
import { deviceOn, imagePath, mirrorOf } from './attack-fixtures.js';
import { firmware, publishedRepo, tempDir } from './helpers.js';

describe('bad input to the repository writer: a typed error, nothing changed', () => {
  it('refuses invalid firmware metadata, unsafe names and a reused name', async () => {
    const { repo, image } = await publishedRepo();
    const before = (await repo.current('targets', 'targets')).signed.version;
    await expect(addTarget(repo, { image, firmware: firmware({ securityCounter: -1 }) })).rejects.toBeErrorWithCode(OtaSigningError, 'OTA_FIRMWARE_METADATA_INVALID');
    await expect(addTarget(repo, { image, name: '../evil.bin', firmware: firmware() })).rejects.toBeErrorWithCode(OtaSigningError, 'OTA_REPOSITORY_INVALID');
    const other = join(await tempDir('img-'), 'fw-1.2.0.bin');
    await writeFile(other, 'other content');
    await expect(addTarget(repo, { image: other, firmware: firmware() })).rejects.toBeErrorWithCode(OtaSigningError, 'OTA_TARGET_EXISTS');
    await expect(addTargets(repo, [{ image, name: 'twice.bin', firmware: firmware() }, { image: other, name: 'twice.bin', firmware: firmware() }])).rejects.toBeErrorWithCode(OtaSigningError, 'OTA_TARGET_EXISTS');
    expect((await repo.current('targets', 'targets')).signed.version).toBe(before);
    expect(await repo.staged('targets')).toBeUndefined();
  }); // prettier-ignore

  it('refuses to initialise over an existing repository and to commit what is not staged', async () => {
    const { repo } = await publishedRepo();
    await expect(initRepository({ dir: repo.dir })).rejects.toBeErrorWithCode(
      OtaSigningError,
      'OTA_REPOSITORY_INVALID',
    );
    await expect(repo.commit('targets')).rejects.toBeErrorWithCode(
      OtaSigningError,
      'OTA_REPOSITORY_INVALID',
    );
    const empty = await tempDir();
    await expect(initRepository({ dir: empty, thresholds: { root: 0 } })).rejects.toThrow(
      RangeError,
    );
    expect(await readdir(empty)).toEqual([]);
  });

  it('refuses a threshold above the number of keys and a duplicate delegation', async () => {
    const { repo } = await publishedRepo();
    await expect(rotateKeys(repo, { role: 'targets', threshold: 2 })).rejects.toBeErrorWithCode(OtaSigningError, 'OTA_THRESHOLD_NOT_MET');
    const { signer } = await generateSigningKey('ed25519');
    await addDelegation(repo, { name: 'vs-300', signers: [signer], paths: ['vs-300-*'] });
    await expect(addDelegation(repo, { name: 'vs-300', signers: [signer], paths: ['*'] })).rejects.toBeErrorWithCode(OtaSigningError, 'OTA_REPOSITORY_INVALID');
    await expect(addDelegation(repo, { name: 'root', signers: [signer], paths: ['*'] })).rejects.toBeErrorWithCode(OtaSigningError, 'OTA_REPOSITORY_INVALID');
  }); // prettier-ignore

  it('refuses malformed staged roles, partial signatures and key files', async () => {
    const { signer } = await generateSigningKey('ed25519');
    await expect(signStagedRole({ role: 'root' }, signer)).rejects.toBeErrorWithCode(OtaSigningError, 'OTA_REPOSITORY_INVALID');
    expect(() => parsePartial({ role: '../root', version: 1, signature: { keyid: 'ab', sig: '' } })).toThrowWithCode(OtaSigningError, 'OTA_REPOSITORY_INVALID');
    const bad = join(await tempDir(), 'bad.key.json');
    await writeFile(bad, JSON.stringify({ schemaVersion: 1, algorithm: 'ed25519', privateKeyPkcs8: 'AAAA', development: false }));
    await expect(readKeyFile(bad)).rejects.toBeErrorWithCode(OtaSigningError, 'OTA_KEY_INVALID');
  }); // prettier-ignore
});

describe('fetchers', () => {
  it('report missing files and refuse paths outside the repository', async () => {
    const { repo } = await publishedRepo();
    const fetcher = fileFetcher(repo.dir);
    await expect(fetchBytes(fetcher, 'metadata/99.root.json', 100)).rejects.toBeErrorWithCode(OtaSigningError, 'OTA_FETCH_FAILED');
    await expect(fetchBytes(fetcher, '../../etc/passwd', 100)).rejects.toBeErrorWithCode(OtaSigningError, 'OTA_FETCH_FAILED');
    const mirror = await mirrorOf(repo);
    await rm(await imagePath(mirror, 'fw-1.2.0.bin'));
    const d = await deviceOn(repo, mirror);
    await d.updater.refresh();
    await d.expectRefused(downloadTarget(d.updater, 'fw-1.2.0.bin', { out: d.slot, device: { hardwareId: 'vs-200-revB', installedCounter: 0 } }), 'OTA_FETCH_FAILED');
  }); // prettier-ignore
});
