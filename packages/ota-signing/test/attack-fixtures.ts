import { readdirSync, readFileSync } from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSigningKey } from '@cra-kit/core';
import { fileFetcher, OtaSigningError, type FileRepository } from '@cra-kit/ota-signing';
import { expect } from 'vitest';
import { device, filesIn, tempDir } from './helpers.js';

/** A copy of the repository an attacker controls (a malicious mirror). */
export async function mirrorOf(repo: FileRepository): Promise<string> {
  const dir = await tempDir('mirror-');
  await cp(join(repo.dir, 'metadata'), join(dir, 'metadata'), { recursive: true });
  await cp(join(repo.dir, 'targets'), join(dir, 'targets'), { recursive: true });
  return dir;
}

/** The firmware a device runs before the attack, in its install slot. */
export const INSTALLED_FIRMWARE = new TextEncoder().encode('installed firmware 1.1.0\n');

/** Every file of `dir` with its bytes, read synchronously (see expectRefused). */
const snapshotOf = (dir: string) =>
  Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name))]));

/**
 * A device reading from `mirror`, its install slot holding {@link INSTALLED_FIRMWARE}, with a
 * helper that asserts a refused install left no trace.
 */
export async function deviceOn(repo: FileRepository, mirror: string, clock = repo.clock as never) {
  const d = await device(repo, { fetcher: fileFetcher(mirror), clock });
  await writeFile(d.slot, INSTALLED_FIRMWARE);
  return {
    ...d,
    /**
     * `action` is refused with `code`, and the slot's directory is byte for byte what it was:
     * the installed image unchanged, no partial download left. The snapshot is taken
     * synchronously, before `action` gets past its first await.
     */
    async expectRefused(action: Promise<unknown>, code: string) {
      const before = snapshotOf(d.slotDir);
      await expect(action).rejects.toBeErrorWithCode(OtaSigningError, code);
      expect(snapshotOf(d.slotDir)).toEqual(before);
      expect(await filesIn(d.slotDir)).toEqual(Object.keys(before));
    },
  };
}

/** The consistent-snapshot path of the only image of `name` in `mirror`. */
export async function imagePath(mirror: string, name: string): Promise<string> {
  const files = await filesIn(join(mirror, 'targets'));
  const file = files.find((f) => f.endsWith(`.${name}`));
  if (file === undefined) throw new Error(`no ${name}`);
  return join(mirror, 'targets', file);
}

export async function flipBit(path: string, offset = 1000): Promise<void> {
  const bytes = await readFile(path);
  bytes[offset] = (bytes[offset] ?? 0) ^ 0x01;
  await writeFile(path, bytes);
}

export const attackerKey = () => generateSigningKey('ed25519');
