import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readKeyFile, tufKeyOf, type FileRepository } from '@cra-kit/ota-signing';
import type { Signer } from '@cra-kit/core';

/** The first development key file of `role` in the repository (what an attacker would steal). */
export async function signerFor(
  repo: FileRepository,
  role: 'root' | 'targets' | 'snapshot' | 'timestamp',
): Promise<Signer> {
  const root = (await repo.current('root', 'root')).signed;
  for (const name of await readdir(join(repo.dir, 'keys'))) {
    if (!name.endsWith('.key.json')) continue;
    const signer = await readKeyFile(join(repo.dir, 'keys', name));
    if (root.roles[role].keyids.includes((await tufKeyOf(signer)).keyid)) return signer;
  }
  throw new Error(`no ${role} key`);
}

export async function hashFileForTest(path: string) {
  const bytes = await readFile(path);
  return {
    length: bytes.length,
    hashes: { sha256: createHash('sha256').update(bytes).digest('hex') },
  };
}
