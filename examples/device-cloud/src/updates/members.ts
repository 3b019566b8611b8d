import type { DeviceRecord } from '../context.js';
import { CloudError } from '../errors.js';
import type { CreateRollout, Release, RolloutMember } from './model.js';

/** The members of a new rollout, and the devices left out with the reason. */
export interface ResolvedMembers {
  readonly members: RolloutMember[];
  readonly ineligible: { readonly deviceId: string; readonly reason: string }[];
}

/**
 * Resolves the groups of a rollout request against the registry at this moment: each active
 * device joins the first group that selects it, if the image fits its hardware id. Later
 * registry changes do not move devices between groups (the rollout stays auditable).
 * @throws {CloudError} INVALID_REQUEST when explicit device ids are not in the registry
 */
export function resolveMembers(request: CreateRollout, devices: readonly DeviceRecord[], release: Release, rolloutId: string, at: string): ResolvedMembers {
  const byId = new Map(devices.map((d) => [d.id, d]));
  const unknown = request.groups.flatMap((g) => ('deviceIds' in g.select ? g.select.deviceIds : [])).filter((id) => !byId.has(id));
  if (unknown.length > 0) throw new CloudError('INVALID_REQUEST', `${unknown.length} device id(s) are not in the registry`, { details: { unknown: unknown.slice(0, 50) } });
  const taken = new Set<string>();
  const members: RolloutMember[] = [];
  const ineligible: { deviceId: string; reason: string }[] = [];
  request.groups.forEach((group, index) => {
    const { select } = group;
    const chosen = 'deviceIds' in select ? select.deviceIds.map((id) => byId.get(id)).filter((d) => d !== undefined)
      : 'deviceGroup' in select ? devices.filter((d) => d.group === select.deviceGroup) : devices;
    for (const device of chosen) {
      if (taken.has(device.id)) continue;
      taken.add(device.id);
      const reason = device.status !== 'active' ? 'not active' : device.hardwareId === undefined || !release.hardwareIds.includes(device.hardwareId) ? 'hardware id does not fit the image' : undefined;
      if (reason !== undefined) ineligible.push({ deviceId: device.id, reason });
      else members.push({ rolloutId, deviceId: device.id, group: index, status: 'pending', until: undefined, updatedAt: at });
    }
  });
  return { members, ineligible };
} // prettier-ignore
