import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  addDelegation,
  addTarget,
  addTargets,
  downloadTarget,
  fileFetcher,
  initRepository,
  Updater,
  signMetadata,
  serializeEnvelope,
  TOP_LEVEL_ROLES,
  tufKeyOf,
  type Root,
  type Targets,
} from '@cra-kit/ota-signing';
import { fixedClock } from '@cra-kit/testing';
import { describe, expect, it } from 'vitest';
import { generateAndRotate } from './interop-fixtures.js';
import { hashFileForTest, signerFor } from './key-of.js';
import { attackerKey, deviceOn, imagePath, mirrorOf } from './attack-fixtures.js';
import { firmware, NOW, publishedRepo, tempDir, writeImage } from './helpers.js';

const DEVICE = { hardwareId: 'vs-200-revB', installedCounter: 0 };

// One test per TUF attack class (spec §1.5.2), modelled on tuf-conformance's scenarios.
describe('TUF attack classes, each refused with its code and the install slot untouched', () => {
  it('arbitrary installation: an image the repository never released', async () => {
    const { repo } = await publishedRepo();
    const mirror = await mirrorOf(repo);
    const path = await imagePath(mirror, 'fw-1.2.0.bin');
    const evil = new Uint8Array((await readFile(path)).length).fill(0x90);
    await writeFile(path, evil);
    const d = await deviceOn(repo, mirror);
    await d.updater.refresh();
    await d.expectRefused(
      downloadTarget(d.updater, 'fw-1.2.0.bin', { out: d.slot, device: DEVICE }),
      'OTA_TARGET_HASH_MISMATCH',
    );
  });

  it('endless data: metadata and images longer than their caps', async () => {
    const { repo } = await publishedRepo();
    const mirror = await mirrorOf(repo);
    await writeFile(join(mirror, 'metadata', 'timestamp.json'), ' '.repeat(20 * 1024));
    await (
      await deviceOn(repo, mirror)
    ).expectRefused((await deviceOn(repo, mirror)).updater.refresh(), 'OTA_LENGTH_EXCEEDED');
    const mirror2 = await mirrorOf(repo);
    const path = await imagePath(mirror2, 'fw-1.2.0.bin');
    await writeFile(path, Buffer.concat([await readFile(path), Buffer.alloc(5_000_000)]));
    const d = await deviceOn(repo, mirror2);
    await d.updater.refresh();
    await d.expectRefused(
      downloadTarget(d.updater, 'fw-1.2.0.bin', { out: d.slot, device: DEVICE }),
      'OTA_LENGTH_EXCEEDED',
    );
  });

  it('extraneous dependencies: a delegated role listing names outside its paths', async () => {
    const { repo } = await publishedRepo();
    const { signer } = await attackerKey();
    await addDelegation(repo, { name: 'vs-300', signers: [signer], paths: ['vs-300-*'] });
    const image = await writeImage(await tempDir('img-'), 'fw-evil.bin', 1000, 9);
    await addTargets(
      repo,
      [{ image, name: 'vs-200-fw-9.9.9.bin', firmware: firmware({ securityCounter: 99 }) }],
      { role: 'vs-300' },
    );
    await repo.publish();
    const d = await deviceOn(repo, repo.dir);
    await d.updater.refresh();
    await d.expectRefused(
      downloadTarget(d.updater, 'vs-200-fw-9.9.9.bin', { out: d.slot, device: DEVICE }),
      'OTA_TARGET_NOT_FOUND',
    );
  });

  it('fast-forward: refused until the compromised timestamp key is rotated, then recovered', async () => {
    const { repo } = await publishedRepo();
    const d = await deviceOn(repo, repo.dir);
    await d.updater.refresh();
    // The attacker holds the timestamp key and has the device see version 999 from a mirror.
    const mirror = await mirrorOf(repo);
    const stolen = await repo.current('timestamp', 'timestamp');
    const timestampSigner = await signerFor(repo, 'timestamp');
    await writeFile(
      join(mirror, 'metadata', 'timestamp.json'),
      serializeEnvelope(await signMetadata({ ...stolen.signed, version: 999 }, [timestampSigner])),
    );
    await new Updater({ fetcher: fileFetcher(mirror), storage: d.storage, clock: repo.clock }).refresh();
    // The vendor's next genuine timestamp is now a rollback to the device: updates are frozen.
    await repo.publish();
    await d.expectRefused(d.updater.refresh(), 'OTA_ROLLBACK');
    // The vendor rotates the timestamp key; the device forgets version 999 and follows.
    await generateAndRotate(repo, 'timestamp');
    await repo.publish();
    await d.updater.refresh();
    await downloadTarget(d.updater, 'fw-1.2.0.bin', { out: d.slot, device: DEVICE });
  }); // prettier-ignore

  it('indefinite freeze: a mirror replaying metadata past its expiry', async () => {
    const { repo, clock } = await publishedRepo();
    const mirror = await mirrorOf(repo);
    const later = fixedClock(new Date(clock.now().getTime() + 2 * 86_400_000));
    const d = await deviceOn(repo, mirror, later as never);
    await d.expectRefused(d.updater.refresh(), 'OTA_METADATA_EXPIRED');
  });

  it('malicious mirror: a look-alike repository signed with other keys', async () => {
    const { repo } = await publishedRepo();
    const fake = await initRepository({ dir: await tempDir(), clock: repo.clock });
    await addTarget(fake, {
      image: await writeImage(await tempDir('img-'), 'fw-1.2.0.bin', 500, 5),
      firmware: firmware(),
    });
    await fake.publish();
    const d = await deviceOn(repo, fake.dir);
    await d.expectRefused(d.updater.refresh(), 'OTA_SIGNATURE_THRESHOLD');
  });

  it('mix-and-match: an older targets file served under the current name', async () => {
    const { repo, image } = await publishedRepo();
    await addTarget(repo, { image, name: 'fw-1.2.0-copy.bin', firmware: firmware() });
    await repo.publish();
    const mirror = await mirrorOf(repo);
    await writeFile(
      join(mirror, 'metadata', '3.targets.json'),
      await readFile(join(mirror, 'metadata', '2.targets.json')),
    );
    const d = await deviceOn(repo, mirror);
    await d.expectRefused(d.updater.refresh(), 'OTA_METADATA_HASH_MISMATCH');
  });

  it('rollback: a mirror serving an older timestamp than the device trusts', async () => {
    const { repo } = await publishedRepo();
    const old = await readFile(join(repo.dir, 'metadata', 'timestamp.json'));
    await repo.publish();
    const d = await deviceOn(repo, repo.dir);
    await d.updater.refresh();
    const mirror = await mirrorOf(repo);
    await writeFile(join(mirror, 'metadata', 'timestamp.json'), old);
    const replay = new Updater({
      fetcher: fileFetcher(mirror),
      storage: d.storage,
      clock: repo.clock,
    });
    await d.expectRefused(replay.refresh(), 'OTA_ROLLBACK');
  });

  it('key compromise below threshold: one of two targets keys signs an image', async () => {
    const clock = fixedClock(NOW);
    const repo = await initRepository({ dir: await tempDir(), clock, thresholds: { targets: 2 } });
    await repo.publish();
    const d = await deviceOn(repo, repo.dir);
    await d.updater.refresh();
    const one = await signerFor(repo, 'targets');
    const targets = (await repo.current('targets', 'targets')).signed;
    const image = await writeImage(await tempDir('img-'), 'evil.bin', 100, 3);
    const evil: Targets = {
      ...targets,
      version: targets.version + 1,
      targets: {
        'evil.bin': { ...(await hashFileForTest(image)), custom: { firmware: firmware() } },
      },
    };
    await writeFile(
      join(repo.dir, 'metadata', 'targets.json'),
      serializeEnvelope(await signMetadata(evil, [one])),
    );
    await writeFile(
      join(repo.dir, 'metadata', `${evil.version}.targets.json`),
      serializeEnvelope(await signMetadata(evil, [one])),
    );
    await repo.publish();
    await d.expectRefused(d.updater.refresh(), 'OTA_SIGNATURE_THRESHOLD');
    expect((await repo.current('targets', 'targets')).signed.version).toBe(evil.version);
  });

  it('key compromise below threshold: one of two root keys signs a new root', async () => {
    const clock = fixedClock(NOW);
    const repo = await initRepository({ dir: await tempDir(), clock, thresholds: { root: 2 } });
    await addTarget(repo, { image: await writeImage(await tempDir('img-'), 'fw-1.2.0.bin'), firmware: firmware() });
    await repo.publish();
    const d = await deviceOn(repo, repo.dir);
    await d.updater.refresh();
    // The attacker holds one root key and makes root 2 trust only keys of their own.
    const stolen = await signerFor(repo, 'root');
    const { signer: own } = await attackerKey();
    const { keyid, key } = await tufKeyOf(own);
    const root = (await repo.current('root', 'root')).signed;
    const roles = Object.fromEntries(TOP_LEVEL_ROLES.map((r) => [r, { keyids: [keyid], threshold: 1 }]));
    const evil: Root = { ...root, version: 2, keys: { [keyid]: key }, roles: roles as Root['roles'] };
    await writeFile(join(repo.dir, 'metadata', '2.root.json'), serializeEnvelope(await signMetadata(evil, [stolen, own])));
    await d.expectRefused(d.updater.refresh(), 'OTA_SIGNATURE_THRESHOLD');
    expect(d.updater.root.version).toBe(1);
  }); // prettier-ignore

  it('wrong software: an image for another hardware model', async () => {
    const { repo } = await publishedRepo();
    const d = await deviceOn(repo, repo.dir);
    await d.updater.refresh();
    await d.expectRefused(
      downloadTarget(d.updater, 'fw-1.2.0.bin', {
        out: d.slot,
        device: { ...DEVICE, hardwareId: 'vs-100' },
      }),
      'OTA_HARDWARE_MISMATCH',
    );
  });
});
