import { readFile, rm, writeFile } from 'node:fs/promises';
import { generateSigningKey } from '@cra-kit/core';
import {
  addTarget,
  addTargets,
  downloadTarget,
  findTarget,
  OtaSigningError,
  signDirectorTargets,
  serializeEnvelope,
  tufKeyOf,
  verifyDirectorTargets,
  type RoleTrust,
} from '@cra-kit/ota-signing';
import { describe, expect, it } from 'vitest';
import { deviceOn, flipBit, imagePath, mirrorOf } from './attack-fixtures.js';
import { generateAndRotate } from './interop-fixtures.js';
import { firmware, NOW, publishedRepo, tempDir, writeImage } from './helpers.js';

const DEVICE = { hardwareId: 'vs-200-revB', installedCounter: 3, installedVersion: '1.1.0' };

async function director() {
  const { signer } = await generateSigningKey('ecdsa-p256-sha256');
  const { keyid, key } = await tufKeyOf(signer);
  const trust: RoleTrust = {
    role: 'director',
    keys: { [keyid]: key },
    roleKeys: { keyids: [keyid], threshold: 1 },
  };
  return { signer, trust };
}

describe('firmware attacks, each refused with its code and the install slot untouched', () => {
  it('security counter downgrade; a revert to the same counter is allowed', async () => {
    const { repo } = await publishedRepo();
    const d = await deviceOn(repo, repo.dir);
    await d.updater.refresh();
    await d.expectRefused(
      downloadTarget(d.updater, 'fw-1.2.0.bin', {
        out: d.slot,
        device: { ...DEVICE, installedCounter: 4 },
      }),
      'OTA_COUNTER_DOWNGRADE',
    );
    await downloadTarget(d.updater, 'fw-1.2.0.bin', { out: d.slot, device: DEVICE });
  });

  it('wrong hardware id: an image signed for sibling board revisions only', async () => {
    const { repo, image } = await publishedRepo();
    await addTarget(repo, {
      image,
      name: 'fw-1.2.0-revAC.bin',
      firmware: firmware({ hardwareIds: ['vs-200-revA', 'vs-200-revC'] }),
    });
    await repo.publish();
    const d = await deviceOn(repo, repo.dir);
    await d.updater.refresh();
    await d.expectRefused(
      downloadTarget(d.updater, 'fw-1.2.0-revAC.bin', { out: d.slot, device: DEVICE }),
      'OTA_HARDWARE_MISMATCH',
    );
  });

  it('an update path that skips a required intermediate version', async () => {
    const { repo, image } = await publishedRepo();
    await addTarget(repo, {
      image,
      name: 'fw-2.0.0.bin',
      firmware: firmware({ version: '2.0.0', minimumInstalledVersion: '1.2.0' }),
    });
    await repo.publish();
    const d = await deviceOn(repo, repo.dir);
    await d.updater.refresh();
    await d.expectRefused(
      downloadTarget(d.updater, 'fw-2.0.0.bin', { out: d.slot, device: DEVICE }),
      'OTA_UPDATE_PATH',
    );
    await downloadTarget(d.updater, 'fw-2.0.0.bin', {
      out: d.slot,
      device: { ...DEVICE, installedVersion: '1.2.0' },
    });
  });

  it('an image truncated or with one bit flipped', async () => {
    const { repo } = await publishedRepo();
    const mirror = await mirrorOf(repo);
    const path = await imagePath(mirror, 'fw-1.2.0.bin');
    const whole = await readFile(path);
    await writeFile(path, whole.subarray(0, whole.length - 1));
    const d = await deviceOn(repo, mirror);
    await d.updater.refresh();
    await d.expectRefused(
      downloadTarget(d.updater, 'fw-1.2.0.bin', { out: d.slot, device: DEVICE }),
      'OTA_TARGET_LENGTH_MISMATCH',
    );
    await writeFile(path, whole);
    await flipBit(path);
    await d.expectRefused(
      downloadTarget(d.updater, 'fw-1.2.0.bin', { out: d.slot, device: DEVICE }),
      'OTA_TARGET_HASH_MISMATCH',
    );
  });

  it('a same-length image swapped in from another release', async () => {
    const { repo } = await publishedRepo();
    const other = await writeImage(await tempDir('img-'), 'fw-0.9.0.bin', 70_000, 77);
    await addTarget(repo, {
      image: other,
      firmware: firmware({ version: '0.9.0', securityCounter: 1 }),
    });
    await repo.publish();
    const mirror = await mirrorOf(repo);
    await writeFile(await imagePath(mirror, 'fw-1.2.0.bin'), await readFile(other));
    const d = await deviceOn(repo, mirror);
    await d.updater.refresh();
    await d.expectRefused(
      downloadTarget(d.updater, 'fw-1.2.0.bin', { out: d.slot, device: DEVICE }),
      'OTA_TARGET_HASH_MISMATCH',
    );
  });

  it('director and image repository disagree (Uptane)', async () => {
    const { repo } = await publishedRepo();
    const { signer, trust } = await director();
    const d = await deviceOn(repo, repo.dir);
    await d.updater.refresh();
    const { target } = await findTarget(d.updater, 'fw-1.2.0.bin');
    const sign = async (t: typeof target, hardwareId = DEVICE.hardwareId, version = 1) =>
      serializeEnvelope(
        await signDirectorTargets({
          deviceId: 'dev-1',
          hardwareId,
          name: 'fw-1.2.0.bin',
          target: t,
          version,
          expires: new Date(Date.parse(NOW) + 3_600_000),
          signers: [signer],
        }),
      );
    const verify = (bytes: Uint8Array, trustedVersion?: number) =>
      verifyDirectorTargets(bytes, {
        trust,
        deviceId: 'dev-1',
        clock: repo.clock,
        ...(trustedVersion === undefined ? {} : { trustedVersion }),
      });
    const good = await verify(await sign(target));
    await downloadTarget(d.updater, 'fw-1.2.0.bin', {
      out: d.slot,
      device: DEVICE,
      director: good,
    });
    await rm(d.slot);
    const forged = await verify(await sign({ ...target, hashes: { sha256: 'e'.repeat(64) } }));
    await d.expectRefused(
      downloadTarget(d.updater, 'fw-1.2.0.bin', { out: d.slot, device: DEVICE, director: forged }),
      'OTA_DIRECTOR_MISMATCH',
    );
    const otherHardware = await verify(await sign(target, 'vs-100'));
    await d.expectRefused(
      downloadTarget(d.updater, 'fw-1.2.0.bin', {
        out: d.slot,
        device: DEVICE,
        director: otherHardware,
      }),
      'OTA_DIRECTOR_MISMATCH',
    );
    await expect(
      verifyDirectorTargets(await sign(target), { trust, deviceId: 'dev-2', clock: repo.clock }),
    ).rejects.toBeErrorWithCode(OtaSigningError, 'OTA_DIRECTOR_DEVICE_MISMATCH');
    await expect(verify(await sign(target, DEVICE.hardwareId, 1), 2)).rejects.toBeErrorWithCode(
      OtaSigningError,
      'OTA_ROLLBACK',
    );
    const stranger = await director();
    await expect(
      verifyDirectorTargets(await sign(target), {
        trust: stranger.trust,
        deviceId: 'dev-1',
        clock: repo.clock,
      }),
    ).rejects.toBeErrorWithCode(OtaSigningError, 'OTA_SIGNATURE_THRESHOLD');
  });

  it('an expired root is refused unless a rotation to a valid one is available', async () => {
    const { repo, clock } = await publishedRepo();
    clock.set(new Date(Date.parse(NOW) + 366 * 86_400_000));
    const stale = await deviceOn(repo, repo.dir, clock as never);
    await stale.expectRefused(stale.updater.refresh(), 'OTA_METADATA_EXPIRED');
    // The vendor signs root 2 (old and new keys), re-signs targets and publishes.
    await generateAndRotate(repo, 'root');
    await addTargets(repo, []);
    await repo.publish();
    await stale.updater.refresh();
    expect(stale.updater.root.version).toBe(2);
    await downloadTarget(stale.updater, 'fw-1.2.0.bin', { out: stale.slot, device: DEVICE });
  });
});
