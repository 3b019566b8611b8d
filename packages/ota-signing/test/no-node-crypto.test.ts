import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generateSigningKey } from '@cra-kit/core';
import {
  serializeEnvelope,
  signDirectorTargets,
  tufKeyOf,
  type TargetFile,
} from '@cra-kit/ota-signing';
import { build, type Plugin } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { flipBit, imagePath, mirrorOf } from './attack-fixtures.js';
import { NOW, publishedRepo, tempDir } from './helpers.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const packages = join(here, '..', '..');
const run = promisify(execFile);

/** Fails the build on any static import of `node:crypto` (or `crypto`), wherever it is. */
const noNodeCrypto: Plugin = {
  name: 'no-node-crypto',
  setup(b) {
    b.onResolve({ filter: /^(node:)?crypto$/ }, (args) => ({
      errors: [{ text: `${args.importer} imports ${args.path}` }],
    }));
  },
};

/** Bundles `entry` with the @cra-kit packages from source, Node built-ins left external. */
async function bundle(entry: string, outfile: string) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
    alias: {
      '@cra-kit/ota-signing': join(packages, 'ota-signing/src/index.ts'),
      '@cra-kit/core': join(packages, 'core/src/index.ts'),
      '@cra-kit/core/node': join(packages, 'core/src/node.ts'),
    },
    plugins: [noNodeCrypto],
  });
}

describe('the device-side verifier without node:crypto', () => {
  let out: string;
  beforeAll(async () => {
    out = await tempDir('bundle-');
  });

  it('the build guard catches a static node:crypto import', async () => {
    const entry = join(out, 'uses-crypto.ts');
    await writeFile(entry, "import { createHash } from 'node:crypto';\nexport const h = createHash;\n");
    await expect(bundle(entry, join(out, 'uses-crypto.mjs'))).rejects.toThrow(/imports node:crypto/);
  }); // prettier-ignore

  it('bundles from the public entry point and verifies a real repository and director', async () => {
    // The whole public entry point goes through the guard: no module of it, nor of core, may
    // import node:crypto statically.
    const device = join(out, 'device.mjs');
    await bundle(join(here, 'no-node-crypto', 'device.ts'), device);

    const { repo } = await publishedRepo();
    const { signer } = await generateSigningKey('ecdsa-p256-sha256');
    const { keyid, key } = await tufKeyOf(signer);
    const image = (await repo.current('targets', 'targets')).signed.targets['fw-1.2.0.bin'] as TargetFile;
    const director = join(out, 'director.json');
    await writeFile(director, serializeEnvelope(await signDirectorTargets({ deviceId: 'dev-1', hardwareId: 'vs-200-revB', name: 'fw-1.2.0.bin', target: image, version: 1, expires: new Date(Date.parse(NOW) + 3_600_000), signers: [signer] })));
    const mirror = await mirrorOf(repo);
    await flipBit(await imagePath(mirror, 'fw-1.2.0.bin'));
    const job = {
      repo: repo.dir, mirror, state: await tempDir('state-'), slotDir: await tempDir('slot-'), now: NOW, director,
      trust: { role: 'director', keys: { [keyid]: key }, roleKeys: { keyids: [keyid], threshold: 1 } },
    };
    const setup = join(here, 'no-node-crypto', 'setup.mjs');
    const { stdout } = await run(process.execPath, ['--import', setup, device, JSON.stringify(job)], { timeout: 60_000 });
    expect(JSON.parse(stdout)).toEqual({
      cryptoImport: 'refused',
      hasNodeCrypto: false,
      provider: '@noble/hashes',
      length: image.length,
      installed: '1.2.0',
      installedBytes: image.length,
      refused: 'OTA_TARGET_HASH_MISMATCH',
      slotUntouched: true,
      slotDir: ['slot.bin'],
    });
  }, 120_000); // prettier-ignore
});
