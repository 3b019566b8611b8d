import { OtaSigningError } from '../errors.js';
import { sha256Hex } from '../hash/hasher.js';
import type { DelegatedRole, TargetFile } from '../metadata/schema.js';
import type { RoleTrust } from '../keys/verify-threshold.js';
import { topLevelTrust } from './trusted-metadata.js';
import type { Updater } from './updater.js';

/** A target found in trusted metadata, and the role that lists it. */
export interface FoundTarget {
  readonly name: string;
  readonly role: string;
  readonly target: TargetFile;
}

const globToRegExp = (segment: string) =>
  new RegExp(
    `^${segment
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]')}$`,
  );

/** Whether a delegated role is trusted for `name` (spec §5.7.3: paths or hash prefixes). */
export function isDelegatedPath(role: DelegatedRole, name: string): boolean {
  if (role.path_hash_prefixes !== undefined) {
    const hash = sha256Hex(name);
    return role.path_hash_prefixes.some((prefix) => hash.startsWith(prefix));
  }
  const parts = name.split('/');
  return (role.paths ?? []).some((pattern) => {
    const segments = pattern.split('/');
    return (
      segments.length === parts.length &&
      segments.every((s, i) => globToRegExp(s).test(parts[i] ?? ''))
    );
  });
}

/**
 * Looks a target up by a pre-order depth-first walk of the delegation graph (spec §5.7),
 * with a visited set (no cycles) and a cap on roles visited. A role only counts for the paths
 * its delegator gave it (extraneous dependencies attack).
 * @throws {OtaSigningError} OTA_TARGET_NOT_FOUND, OTA_DELEGATION_LIMIT, and the refresh errors for delegated roles
 */
export async function findTarget(updater: Updater, name: string): Promise<FoundTarget> {
  const stack: { role: string; trust: RoleTrust }[] = [{ role: 'targets', trust: topLevelTrust(updater.root, 'targets') }];
  const visited = new Set<string>();
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { role, trust } = next;
    if (visited.has(role)) continue;
    visited.add(role);
    if (visited.size > updater.config.maxDelegations) throw new OtaSigningError('OTA_DELEGATION_LIMIT', `more than ${updater.config.maxDelegations} roles visited`);
    const targets = await updater.loadTargets(role, trust);
    const target = Object.hasOwn(targets.targets, name) ? targets.targets[name] : undefined;
    if (target !== undefined) return { name, role, target };
    const delegations = targets.delegations;
    if (delegations === undefined) continue;
    const children: { role: string; trust: RoleTrust }[] = [];
    for (const child of delegations.roles) {
      if (!isDelegatedPath(child, name)) continue;
      children.push({ role: child.name, trust: { role: child.name, keys: delegations.keys, roleKeys: child } });
      if (child.terminating) {
        stack.length = 0;
        break;
      }
    }
    stack.push(...children.reverse());
  }
  throw new OtaSigningError('OTA_TARGET_NOT_FOUND', `no trusted role lists ${name}`, { details: { name } });
} // prettier-ignore
