import {
  generateSigningKey,
  systemClock,
  type Clock,
  type SignatureAlgorithm,
} from '@cra-kit/core';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { OtaSigningError } from '../errors.js';
import { tufKeyOf } from '../keys/tuf-key.js';
import { tufTime } from '../metadata/parse.js';
import { TOP_LEVEL_ROLES, type Root, type TopLevelRole, type TufKey } from '../metadata/schema.js';
import { defaultExpiryPolicy, expiryFor, type ExpiryPolicy } from './expiry-policy.js';
import { FileRepository } from './file-repository.js';
import { prepareDevKeyDirectory, writeKeyFile } from './key-files.js';
import { layout } from './layout.js';

/** Options of {@link initRepository}. */
export interface InitOptions {
  readonly dir: string;
  readonly clock?: Clock;
  readonly policy?: ExpiryPolicy;
  /** Key type of the generated development keys. Default `ed25519`. */
  readonly algorithm?: Extract<SignatureAlgorithm, 'ed25519' | 'ecdsa-p256-sha256'>;
  /** Signature thresholds per role; each role gets as many keys as its threshold. Default 1. */
  readonly thresholds?: Partial<Record<TopLevelRole, number>>;
}

/**
 * Creates a repository that verifies at once: root, targets, snapshot and timestamp version 1,
 * consistent snapshots, signed by freshly generated **development keys** written 0600 into
 * `<dir>/keys/` next to a warning file. Rotate real (offline, KMS) keys in before shipping.
 * @example
 * ```ts
 * const repo = await initRepository({ dir: 'ota-repo' });
 * ```
 * @throws {OtaSigningError} OTA_REPOSITORY_INVALID when `dir/metadata` is not empty
 */
export async function initRepository(options: InitOptions): Promise<FileRepository> {
  const paths = layout(options.dir);
  const existing = await readdir(paths.metadata).catch(() => []);
  if (existing.length > 0) throw new OtaSigningError('OTA_REPOSITORY_INVALID', `${paths.metadata} exists already`);
  const clock = options.clock ?? systemClock;
  const policy = options.policy ?? defaultExpiryPolicy;
  const algorithm = options.algorithm ?? 'ed25519';
  // Arguments first: nothing is written for a call that cannot succeed.
  for (const role of TOP_LEVEL_ROLES) {
    const threshold = options.thresholds?.[role] ?? 1;
    if (!Number.isInteger(threshold) || threshold < 1 || threshold > 16) throw new RangeError(`threshold of ${role} must be 1..16`);
  }
  await mkdir(paths.metadata, { recursive: true });
  await mkdir(paths.targets, { recursive: true });
  await prepareDevKeyDirectory(paths.keys);
  const keys: Record<string, TufKey> = {};
  const roles = {} as Root['roles'];
  for (const role of TOP_LEVEL_ROLES) {
    const threshold = options.thresholds?.[role] ?? 1;
    const keyids: string[] = [];
    for (let i = 0; i < threshold; i++) {
      const generated = await generateSigningKey(algorithm);
      const { keyid, key } = await tufKeyOf(generated.signer);
      await writeKeyFile(join(paths.keys, `${role}-${keyid.slice(0, 16)}.key.json`), { algorithm, privateKeyPkcs8: generated.privateKeyPkcs8, development: true });
      keys[keyid] = key;
      keyids.push(keyid);
    }
    roles[role] = { keyids: keyids.sort(), threshold };
  }
  const repo = await FileRepository.open({ dir: options.dir, clock, policy });
  const now = clock.now();
  const common = (role: TopLevelRole) => ({ spec_version: '1.0.31', version: 1, expires: tufTime(expiryFor(role, now, policy)) });
  await mustCommit(repo.stage('root', { _type: 'root', ...common('root'), consistent_snapshot: true, keys, roles }));
  await mustCommit(repo.stage('targets', { _type: 'targets', ...common('targets'), targets: {} }));
  await repo.publish();
  return repo;
} // prettier-ignore

async function mustCommit(result: Promise<{ committed: boolean; role: string }>): Promise<void> {
  const r = await result;
  if (!r.committed)
    throw new OtaSigningError('OTA_THRESHOLD_NOT_MET', `${r.role} could not be signed`);
}
