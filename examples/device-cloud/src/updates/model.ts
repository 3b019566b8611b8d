import { DEVICE_ID_PATTERN } from '@cra-kit-examples/device-protocol';
import type { TargetFile } from '@cra-kit/ota-signing';
import { z } from 'zod';

/** A firmware release: one image the offline-signed repository lists, as it lists it. */
export interface Release {
  readonly id: string;
  readonly targetName: string;
  readonly version: string;
  readonly releaseType: 'security' | 'feature';
  readonly securityCounter: number;
  readonly hardwareIds: readonly string[];
  /** The target exactly as the verified repository metadata lists it (length, hashes, custom). */
  readonly target: TargetFile;
  readonly createdAt: string;
  readonly createdBy: string;
}

export const ROLLOUT_STATES = ['running', 'paused', 'aborted', 'completed'] as const;
export type RolloutState = (typeof ROLLOUT_STATES)[number];

/** A device's part in a rollout. `failed` is a `rejected` or `rolled-back` outcome. */
export const MEMBER_STATUSES = [
  'pending',
  'notified',
  'in-progress',
  'committed',
  'failed',
  'declined',
  'postponed',
] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export interface RolloutGroup {
  readonly name: string;
  /** Fraction of the group committed before the next group starts. */
  readonly successThreshold: number;
  /** Fraction of the group failed at which the rollout pauses itself. */
  readonly errorThreshold: number;
}

export interface Rollout {
  readonly id: string;
  readonly releaseId: string;
  readonly state: RolloutState;
  /** Index of the group being rolled out; groups before it have passed their threshold. */
  readonly currentGroup: number;
  readonly groups: readonly RolloutGroup[];
  readonly pausedReason: string | undefined;
  /** Failures before this time do not count (an operator resumed after looking at them). */
  readonly errorsResetAt: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
}

export interface RolloutMember {
  readonly rolloutId: string;
  readonly deviceId: string;
  readonly group: number;
  readonly status: MemberStatus;
  /** For `postponed`: when the device is notified again. */
  readonly until: string | undefined;
  readonly updatedAt: string;
}

/** Counts of one group, for thresholds and progress. */
export type GroupCounts = Readonly<Record<MemberStatus, number>> & {
  readonly total: number;
  /** Failures since the rollout's `errorsResetAt`. */
  readonly recentFailed: number;
};

const Fraction = z.number().min(0).max(1);
const DeviceId = z.string().regex(DEVICE_ID_PATTERN);
const Name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/);

/** `POST /api/v1/releases`. */
export const CreateReleaseSchema = z.strictObject({
  /** The TUF target name in the offline-signed image repository. */
  targetName: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,254}$/),
});

/** Which devices a rollout group takes (each device joins the first group that selects it). */
const SelectorSchema = z.union([
  z.strictObject({ deviceGroup: Name }),
  z.strictObject({ deviceIds: z.array(DeviceId).min(1).max(10_000) }),
  z.strictObject({ remaining: z.literal(true) }),
]);

/** `POST /api/v1/releases/:id/rollouts`. */
export const CreateRolloutSchema = z.strictObject({
  groups: z
    .array(
      z.strictObject({
        name: Name,
        select: SelectorSchema,
        successThreshold: Fraction.default(1),
        errorThreshold: Fraction.gt(0).default(0.2),
      }),
    )
    .min(1)
    .max(16)
    .refine((groups) => new Set(groups.map((g) => g.name)).size === groups.length, {
      message: 'group names must be unique',
    }),
});
export type CreateRollout = z.infer<typeof CreateRolloutSchema>;

export const IdParamsSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/),
});
