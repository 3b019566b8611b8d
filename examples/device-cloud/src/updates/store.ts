import type { AuditEntry } from '../context.js';
import type {
  GroupCounts,
  MemberStatus,
  Release,
  Rollout,
  RolloutMember,
  RolloutState,
} from './model.js';

/** A release and the rollout a device is assigned to it by (for the director). */
export interface Assignment {
  readonly release: Release;
  readonly rollout: Rollout;
  readonly member: RolloutMember;
}

/**
 * Where the updates module keeps releases, rollouts and director versions. Every method that
 * changes state is one atomic step that checks the state it expects (compare-and-set), so
 * several cloud instances can share the store: whoever loses a race changes nothing. The
 * `audit` entry of a change is written in the same transaction as the change.
 */
export interface UpdateStore {
  /** @throws {FeatureError} RELEASE_EXISTS when the target already has a release */
  createRelease(release: Release, audit: AuditEntry): Promise<void>;
  getRelease(id: string): Promise<Release | undefined>;
  listReleases(): Promise<Release[]>;
  /**
   * Creates a rollout with its members. Devices committed on the release by an earlier rollout
   * join as `committed` (never notified twice).
   * @throws {FeatureError} CONFLICT when a device is in another running or paused rollout
   */
  createRollout(rollout: Rollout, members: readonly RolloutMember[], audit: AuditEntry): Promise<void>;
  getRollout(id: string): Promise<Rollout | undefined>;
  listRollouts(states?: readonly RolloutState[]): Promise<Rollout[]>;
  members(rolloutId: string): Promise<RolloutMember[]>;
  groupCounts(rollout: Rollout, group: number): Promise<GroupCounts>;
  /** Moves the rollout to `to` if it is in one of `from`; the new rollout, or undefined. */
  setState(id: string, from: readonly RolloutState[], to: RolloutState, patch: { pausedReason?: string; errorsResetAt?: string; at: string }, audit: AuditEntry): Promise<Rollout | undefined>;
  /** Moves a running rollout from group `from` to the next (or to `completed`). */
  advanceGroup(id: string, from: number, at: string, audit: AuditEntry): Promise<boolean>;
  /** Marks the group's `pending` members `notified`; the device ids this call moved. */
  startGroup(rolloutId: string, group: number, at: string): Promise<string[]>;
  /** Postponed members of running rollouts whose `until` has passed, moved back to `notified`. */
  takeDuePostponed(at: string): Promise<{ rolloutId: string; deviceId: string }[]>;
  /**
   * Records a device's update status for a release in its latest rollout of that release.
   * Allowed moves only (committed is final; pending members ignore reports). With `eventAt`
   * (the device's time of the report, ISO) a report older than the one that set the current
   * status changes nothing, so reports delivered out of order or twice never move it back.
   * @returns the member after the change, or undefined when nothing changed
   */
  recordStatus(deviceId: string, releaseId: string, status: MemberStatus, until: string | undefined, at: string, audit: AuditEntry, eventAt?: string): Promise<RolloutMember | undefined>;
  /** The running rollout whose started group holds the device and is not done with it. */
  assignmentOf(deviceId: string): Promise<Assignment | undefined>;
  /** The next director metadata version of a device: strictly increasing, stored. */
  nextDirectorVersion(deviceId: string): Promise<number>;
} // prettier-ignore
