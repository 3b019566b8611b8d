import type { FirmwareCustomInput } from '@cra-kit/ota-signing';
import {
  addTarget,
  FileRepository,
  initRepository,
  rotateKeys,
  signStagedRole,
  type TargetFile,
} from '@cra-kit/ota-signing';
import { readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { DemoKeys } from './demo-keys.js';

/**
 * The demo's image repository: development keys for root, snapshot and timestamp (online, in
 * `<repo>/keys`), and targets moved to the three release managers' keys with threshold 2 — so
 * no single person can release firmware.
 */
export async function createImageRepository(dir: string, keys: DemoKeys): Promise<void> {
  const repo = await initRepository({ dir });
  const oldTargets = (await repo.current('root', 'root')).signed.roles.targets.keyids;
  const results = await rotateKeys(repo, {
    role: 'targets',
    add: keys.releaseManagers.map((m) => m.signer),
    remove: oldTargets,
    threshold: 2,
  });
  if (!results.every((r) => r.committed))
    throw new Error('demo: targets key rotation did not commit');
  // The generated targets key is retired: delete it, so only the release managers can sign.
  for (const file of await readdir(join(dir, 'keys'))) {
    if (file.startsWith('targets-')) await unlink(join(dir, 'keys', file));
  }
  await repo.publish();
}

/** What one release signing ceremony produced. */
export interface SignedRelease {
  readonly name: string;
  readonly target: TargetFile;
  /** Who signed, in order. */
  readonly signedBy: readonly string[];
}

/**
 * Adds an image as a target and has `signers` (names of release managers) sign the staged
 * targets role one after the other, as partial signatures from separate machines would be;
 * commits at the threshold and publishes snapshot and timestamp.
 */
export async function signRelease(
  dir: string,
  keys: DemoKeys,
  image: string,
  firmware: FirmwareCustomInput,
  signers: readonly string[],
): Promise<SignedRelease> {
  // Opened without the release managers' keys: staging signs nothing for targets.
  const repo = await FileRepository.open({ dir });
  const staged = await addTarget(repo, { image, firmware });
  if (staged.committed) throw new Error('demo: targets committed without the release managers');
  const pending = await repo.staged('targets');
  for (const name of signers) {
    const manager = keys.releaseManagers.find((m) => m.name === name);
    if (manager === undefined) throw new Error(`demo: no release manager ${name}`);
    await repo.addPartial(await signStagedRole(pending, manager.signer));
  }
  const result = await repo.commit('targets');
  if (!result.committed)
    throw new Error(`demo: ${result.signatures} of ${result.threshold} signatures`);
  await repo.publish();
  return { name: staged.name, target: staged.target, signedBy: signers };
}
