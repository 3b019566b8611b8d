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

/** A device reading from `mirror`, with a helper that asserts a refused install left no trace. */
export async function deviceOn(repo: FileRepository, mirror: string, clock = repo.clock as never) {
  const d = await device(repo, { fetcher: fileFetcher(mirror), clock });
  return {
    ...d,
    async expectRefused(action: Promise<unknown>, code: string) {
      await expect(action).rejects.toBeErrorWithCode(OtaSigningError, code);
      expect(await filesIn(d.slotDir)).toEqual([]);
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
