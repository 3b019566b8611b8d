import { OtaSigningError } from '../errors.js';
import { tufKeyOf } from '../keys/tuf-key.js';
import type { Root, TopLevelRole, Targets } from '../metadata/schema.js';
import type { Signer } from '@cra-kit/core';
import type { CommitResult, FileRepository } from './file-repository.js';

/** Options of {@link rotateKeys}. */
export interface RotateOptions {
  readonly role: TopLevelRole;
  /** New keys for the role (their signers; for root they co-sign root N+1). */
  readonly add?: readonly Signer[];
  /** Key ids to remove from the role (a retired or compromised key). */
  readonly remove?: readonly string[];
  readonly threshold?: number;
}

/**
 * Rotates a role's keys in one step: writes root N+1 with the role's new key set, signed by the
 * old root's keys and the new ones (spec §5.3), so devices follow the chain. When targets,
 * snapshot or timestamp keys change, that role is re-signed with its new keys right away
 * (a compromised key's signatures stop counting). Publish afterwards.
 * @throws {OtaSigningError} OTA_THRESHOLD_NOT_MET when fewer keys than the threshold remain
 */
export async function rotateKeys(repo: FileRepository, options: RotateOptions): Promise<CommitResult[]> {
  const root = await repo.draft<Root>('root', 'root');
  const role = root.roles[options.role];
  const removed = new Set(options.remove ?? []);
  let keyids = role.keyids.filter((k) => !removed.has(k));
  for (const signer of options.add ?? []) {
    const { keyid, key } = await tufKeyOf(signer);
    root.keys[keyid] = key;
    if (!keyids.includes(keyid)) keyids.push(keyid);
    await repo.addSigner(signer);
  }
  keyids = keyids.sort();
  const threshold = options.threshold ?? role.threshold;
  if (keyids.length < threshold) throw new OtaSigningError('OTA_THRESHOLD_NOT_MET', `${options.role} would have ${keyids.length} keys for threshold ${threshold}`);
  root.roles[options.role] = { ...role, keyids, threshold };
  // Keys no role uses any more leave the root.
  const used = new Set((['root', 'targets', 'snapshot', 'timestamp'] as const).flatMap((r) => root.roles[r].keyids));
  root.keys = Object.fromEntries(Object.entries(root.keys).filter(([keyid]) => used.has(keyid)));
  const results = [await repo.stage('root', root)];
  if (results[0]?.committed === true && options.role === 'targets') {
    results.push(await repo.stage('targets', await repo.draft<Targets>('targets', 'targets')));
  }
  return results;
} // prettier-ignore
