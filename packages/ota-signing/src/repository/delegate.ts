import type { Signer } from '@cra-kit/core';
import { OtaSigningError } from '../errors.js';
import { tufKeyOf } from '../keys/tuf-key.js';
import type { DelegatedRole, Targets } from '../metadata/schema.js';
import type { CommitResult, FileRepository } from './file-repository.js';

/** Options of {@link addDelegation}. */
export interface DelegationOptions {
  /** Role name, e.g. the hardware model `vs-200`. */
  readonly name: string;
  /** The role's keys (its signers; offline ones can be replaced by their public keys later). */
  readonly signers: readonly Signer[];
  readonly threshold?: number;
  /** Target name globs the role is trusted for, e.g. `vs-200-*`. */
  readonly paths?: readonly string[];
  /** Or hash-bin delegation: SHA-256 prefixes of target names (see {@link hashBinPrefixes}). */
  readonly pathHashPrefixes?: readonly string[];
  /** Stop the lookup here for matching names. Default true. */
  readonly terminating?: boolean;
}

/**
 * Delegates part of the target namespace from `targets` to a new role (by hardware model or
 * product line with `paths`, or a hash bin with `pathHashPrefixes`), and creates the role's
 * empty metadata. Targets are then added with `addTargets(repo, items, { role })`.
 * @throws {OtaSigningError} OTA_REPOSITORY_INVALID when the role exists already
 */
export async function addDelegation(repo: FileRepository, options: DelegationOptions): Promise<CommitResult[]> {
  const targets = await repo.draft<Targets>('targets', 'targets');
  const delegations = targets.delegations ?? { keys: {}, roles: [] };
  if (['root', 'targets', 'snapshot', 'timestamp'].includes(options.name) || delegations.roles.some((r) => r.name === options.name)) throw new OtaSigningError('OTA_REPOSITORY_INVALID', `role ${options.name} exists already`);
  const keyids: string[] = [];
  for (const signer of options.signers) {
    const { keyid, key } = await tufKeyOf(signer);
    delegations.keys[keyid] = key;
    keyids.push(keyid);
    await repo.addSigner(signer);
  }
  const role: DelegatedRole = {
    name: options.name, keyids: keyids.sort(), threshold: options.threshold ?? 1, terminating: options.terminating ?? true,
    ...(options.pathHashPrefixes ? { path_hash_prefixes: [...options.pathHashPrefixes] } : { paths: [...(options.paths ?? [])] }),
  };
  delegations.roles.push(role);
  targets.delegations = delegations;
  const results = [await repo.stage('targets', targets)];
  results.push(await repo.stage(options.name, { _type: 'targets', spec_version: '1.0.31', version: 1, expires: '', targets: {} }));
  return results;
} // prettier-ignore

/**
 * The hex prefixes of `bins` hash bins (a power of 16 up to 4096), each covering an equal share
 * of SHA-256 space: bin `i` of 16 is prefix `i.toString(16)`. For repositories with very many
 * targets, so a device downloads one small bin instead of one huge targets file.
 */
export function hashBinPrefixes(bins: 16 | 256 | 4096): string[][] {
  const digits = Math.log(bins) / Math.log(16);
  return Array.from({ length: bins }, (_, i) => [i.toString(16).padStart(digits, '0')]);
}
