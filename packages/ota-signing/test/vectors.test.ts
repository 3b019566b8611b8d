import { copyFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fixedClock, memoryStorage } from '@cra-kit/testing';
import {
  addTarget,
  downloadTarget,
  fileFetcher,
  initRepository,
  Updater,
} from '@cra-kit/ota-signing';
import { describe, expect, it } from 'vitest';
import { generateAndRotate } from './interop-fixtures.js';
import { firmware, NOW, tempDir, writeImage } from './helpers.js';
import { writeTufJsRepository } from './tufjs-writer.js';

const VECTORS = new URL('./vectors/', import.meta.url).pathname;

// Files are stored byte for byte with a `.golden` suffix, so no formatter ever rewrites them.
async function copyTree(from: string, to: string, rename: (name: string) => string) {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (entry.isDirectory()) await copyTree(join(from, entry.name), join(to, entry.name), rename);
    else await copyFile(join(from, entry.name), join(to, rename(entry.name)));
  }
}
const store = (from: string, vector: string) =>
  copyTree(from, join(VECTORS, vector), (n) => `${n}.golden`);
const load = async (vector: string) => {
  const dir = await tempDir('vector-');
  await copyTree(join(VECTORS, vector), dir, (n) => n.replace(/\.golden$/, ''));
  return dir;
};

/** Regenerates the golden repositories (GENERATE_OTA_VECTORS=1); see vectors/PROVENANCE.md. */
async function generate() {
  for (const algorithm of ['ed25519', 'ecdsa-p256-sha256'] as const) {
    const vector = `cra-kit-0.1.0-${algorithm}`;
    const dir = await tempDir('gen-');
    await rm(join(VECTORS, vector), { recursive: true, force: true });
    const repo = await initRepository({ dir, clock: fixedClock(NOW), algorithm });
    const image = await writeImage(await tempDir('img-'), 'fw-1.2.0.bin', 4096);
    await addTarget(repo, { image, firmware: firmware({ sbom: { uri: 'sbom/fw-1.2.0.cdx.json', sha256: 'b'.repeat(64) }, advisories: [{ id: 'ADV-2027-001', uri: 'advisories/ADV-2027-001.json', sha256: 'c'.repeat(64) }] }) });
    await repo.publish();
    await generateAndRotate(repo, 'root', algorithm);
    await repo.publish();
    // Never commit private keys, not even development ones.
    await rm(join(dir, 'keys'), { recursive: true, force: true });
    await rm(join(dir, 'staged'), { recursive: true, force: true });
    await store(dir, vector);
  }
  await rm(join(VECTORS, 'tufjs-models-4.1.1'), { recursive: true, force: true });
  const tufjs = await tempDir('gen-');
  await writeTufJsRepository(tufjs);
  await store(tufjs, 'tufjs-models-4.1.1');
} // prettier-ignore

describe('golden repositories (devices in the field must keep accepting them)', async () => {
  if (process.env['GENERATE_OTA_VECTORS'] === '1') await generate();

  it.each([
    ['cra-kit-0.1.0-ed25519', 'fw-1.2.0.bin', 2],
    ['cra-kit-0.1.0-ecdsa-p256-sha256', 'fw-1.2.0.bin', 2],
    ['tufjs-models-4.1.1', 'vs-200-fw-1.0.0.bin', 1],
  ])('%s verifies and installs %s', async (vector, name, rootVersion) => {
    const dir = await load(vector);
    const updater = new Updater({
      fetcher: fileFetcher(dir),
      storage: memoryStorage(),
      initialRoot: new Uint8Array(await readFile(join(dir, 'metadata', '1.root.json'))),
      clock: fixedClock('2027-12-11T01:00:00Z'),
    });
    await updater.refresh();
    expect(updater.root.version).toBe(rootVersion);
    const slot = join(await tempDir('slot-'), 'slot.bin');
    const { firmware: fw } = await downloadTarget(updater, name, {
      out: slot,
      device: { hardwareId: 'vs-200-revB', installedCounter: 1 },
    });
    expect(fw.hardwareIds).toEqual(['vs-200-revB']);
  });
});
