import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  addTarget,
  fileFetcher,
  serializeEnvelope,
  signMetadata,
  type FileRepository,
  type Snapshot,
  type Timestamp,
  Updater,
} from '@cra-kit/ota-signing';
import { describe, it } from 'vitest';
import { deviceOn, mirrorOf } from './attack-fixtures.js';
import { hashFileForTest, signerFor } from './key-of.js';
import { firmware, publishedRepo } from './helpers.js';

/**
 * Writes into `mirror` a snapshot (signed with the repository's snapshot key) and a timestamp
 * naming it (signed with the timestamp key): what an attacker holding those online keys, or a
 * repository that lists versions without hashes, serves.
 */
async function serve(
  repo: FileRepository,
  mirror: string,
  snapshot: Snapshot,
  timestampOf: (t: Timestamp, meta: Timestamp['meta']['snapshot.json']) => Timestamp,
) {
  const snapshotPath = join(mirror, 'metadata', `${snapshot.version}.snapshot.json`);
  const signedSnapshot = await signMetadata(snapshot, [await signerFor(repo, 'snapshot')]);
  await writeFile(snapshotPath, serializeEnvelope(signedSnapshot));
  const current = (await repo.current('timestamp', 'timestamp')).signed;
  const meta = { version: snapshot.version, ...(await hashFileForTest(snapshotPath)) };
  const timestamp = await signMetadata(timestampOf(current, meta), [
    await signerFor(repo, 'timestamp'),
  ]);
  await writeFile(join(mirror, 'metadata', 'timestamp.json'), serializeEnvelope(timestamp));
}

/** A repository whose targets role is at version 3 (two publishes), with its mirror. */
async function twoReleases() {
  const { repo, image } = await publishedRepo();
  await addTarget(repo, { image, name: 'fw-1.2.0-copy.bin', firmware: firmware() });
  await repo.publish();
  const snapshot = (await repo.current('snapshot', 'snapshot')).signed;
  return { repo, snapshot, mirror: await mirrorOf(repo) };
}

// Spec §5.5.4 / §5.6.4: a role's version must equal the one its parent names (mix-and-match),
// checked on its own, without relying on the hash pin (TUF lets snapshot omit hashes).
describe('mix-and-match by version, refused with OTA_VERSION_MISMATCH', () => {
  it('an older targets file served as the version snapshot names (no hash pin)', async () => {
    const { repo, snapshot, mirror } = await twoReleases();
    const version = snapshot.meta['targets.json']?.version ?? 0;
    await writeFile(
      join(mirror, 'metadata', `${version}.targets.json`),
      await readFile(join(mirror, 'metadata', `${version - 1}.targets.json`)),
    );
    // The snapshot lists targets by version only, so only the version check can catch it.
    await serve(
      repo,
      mirror,
      { ...snapshot, meta: { ...snapshot.meta, 'targets.json': { version } } },
      (t, meta) => ({ ...t, meta: { 'snapshot.json': meta } }),
    );
    const d = await deviceOn(repo, mirror);
    await d.expectRefused(d.updater.refresh(), 'OTA_VERSION_MISMATCH');
  });

  it('an older snapshot served as the version timestamp names (no hash pin)', async () => {
    const { repo, snapshot, mirror } = await twoReleases();
    const older = await readFile(join(mirror, 'metadata', `${snapshot.version - 1}.snapshot.json`));
    await writeFile(join(mirror, 'metadata', `${snapshot.version}.snapshot.json`), older);
    const timestamp = (await repo.current('timestamp', 'timestamp')).signed;
    const signed = await signMetadata(
      { ...timestamp, meta: { 'snapshot.json': { version: snapshot.version } } },
      [await signerFor(repo, 'timestamp')],
    );
    await writeFile(join(mirror, 'metadata', 'timestamp.json'), serializeEnvelope(signed));
    const d = await deviceOn(repo, mirror);
    await d.expectRefused(d.updater.refresh(), 'OTA_VERSION_MISMATCH');
  });
});

// Spec §5.4.3 and §5.5.5: versions lower than trusted are a rollback; after a fast-forward the
// device keeps refusing the vendor's lower versions until the key is rotated (§5.3.11).
describe('fast-forward and rollback by version, refused with OTA_ROLLBACK', () => {
  it('fast-forward: after a stolen timestamp key published version 999, lower ones are refused', async () => {
    const { repo } = await publishedRepo();
    const mirror = await mirrorOf(repo);
    const d = await deviceOn(repo, mirror);
    const stolen = (await repo.current('timestamp', 'timestamp')).signed;
    const forged = await signMetadata({ ...stolen, version: 999 }, [
      await signerFor(repo, 'timestamp'),
    ]);
    await writeFile(join(mirror, 'metadata', 'timestamp.json'), serializeEnvelope(forged));
    await d.updater.refresh();
    // The vendor publishes as usual, without rotating the timestamp key; the device reads it.
    await repo.publish();
    const vendor = new Updater({
      fetcher: fileFetcher(repo.dir),
      storage: d.storage,
      clock: repo.clock,
    });
    await d.expectRefused(vendor.refresh(), 'OTA_ROLLBACK');
  });

  it('a validly signed timestamp naming a snapshot older than the trusted one', async () => {
    const { repo, snapshot, mirror } = await twoReleases();
    const d = await deviceOn(repo, mirror);
    await d.updater.refresh();
    const old = join(mirror, 'metadata', `${snapshot.version - 1}.snapshot.json`);
    const timestamp = (await repo.current('timestamp', 'timestamp')).signed;
    const signed = await signMetadata(
      {
        ...timestamp,
        version: timestamp.version + 1,
        meta: {
          'snapshot.json': { version: snapshot.version - 1, ...(await hashFileForTest(old)) },
        },
      },
      [await signerFor(repo, 'timestamp')],
    );
    await writeFile(join(mirror, 'metadata', 'timestamp.json'), serializeEnvelope(signed));
    await d.expectRefused(d.updater.refresh(), 'OTA_ROLLBACK');
  });

  it('a validly signed snapshot listing a targets version older than the trusted one', async () => {
    const { repo, snapshot, mirror } = await twoReleases();
    const d = await deviceOn(repo, mirror);
    await d.updater.refresh();
    const version = snapshot.meta['targets.json']?.version ?? 0;
    const old = join(mirror, 'metadata', `${version - 1}.targets.json`);
    await serve(
      repo,
      mirror,
      {
        ...snapshot,
        version: snapshot.version + 1,
        meta: {
          ...snapshot.meta,
          'targets.json': { version: version - 1, ...(await hashFileForTest(old)) },
        },
      },
      (t, meta) => ({ ...t, version: t.version + 1, meta: { 'snapshot.json': meta } }),
    );
    await d.expectRefused(d.updater.refresh(), 'OTA_ROLLBACK');
  });
});
