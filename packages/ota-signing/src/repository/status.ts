import { TOP_LEVEL_ROLES, type TopLevelRole } from '../metadata/schema.js';
import { expiryState } from './expiry-policy.js';
import type { FileRepository } from './file-repository.js';

/** One role's state, as `cra ota status` prints it. */
export interface RoleStatus {
  readonly role: TopLevelRole;
  readonly version: number;
  readonly expires: string;
  readonly state: 'ok' | 'warning' | 'expired';
  readonly threshold: number;
  readonly keyids: readonly string[];
  /** A staged version waiting for signatures, if any. */
  readonly staged?: number;
}

/**
 * Versions, expiries (with warnings inside the policy's window), thresholds and staged roles
 * of a repository.
 */
export async function repositoryStatus(repo: FileRepository): Promise<{ roles: RoleStatus[]; targets: number }> {
  const root = (await repo.current('root', 'root')).signed;
  const now = repo.clock.now();
  const roles: RoleStatus[] = [];
  let targets = 0;
  for (const role of TOP_LEVEL_ROLES) {
    const { signed } = await repo.current(role, role);
    if (signed._type === 'targets') targets = Object.keys(signed.targets).length;
    const staged = await repo.staged(role);
    roles.push({
      role, version: signed.version, expires: signed.expires,
      state: expiryState(role, new Date(signed.expires), now, repo.policy),
      threshold: root.roles[role].threshold, keyids: root.roles[role].keyids,
      ...(staged === undefined ? {} : { staged: staged.signed.version }),
    });
  }
  return { roles, targets };
} // prettier-ignore
