import { createHash } from 'node:crypto';
import { SemverSchema, type Clock, type ProductProfile } from '@cra-kit/core';
import {
  SupportEventSchema,
  planSupport,
  type Notifier,
  type SupportEventKind,
} from '@cra-kit/support-period';
import type { FastifyBaseLogger } from 'fastify';
import type { DeviceRecord } from '../context.js';
import type { Release } from './model.js';

/** Why an owner hears about a release. */
export type OwnerNoticeReason = 'rollout' | 'declined';

/** Sends owners the support-period notices of a rollout; never fails the rollout itself. */
export interface OwnerNotices {
  /** Queues a notice; delivery (with the notifier's retries) happens in the background, in order. */
  notify(reason: OwnerNoticeReason, deviceId: string, device: DeviceRecord | undefined, release: Release): void;
  /** Resolves once every notice queued so far was delivered or given up on. */
  drain(): Promise<void>;
} // prettier-ignore

/**
 * Owner notices through support-period's {@link Notifier} (Annex I Part I (2)(c): users are
 * notified of updates). A device in a rollout gets `update-available`; a device whose owner
 * declined a security update gets `security-update-pending`, so the owner knows what they
 * turned down. The idempotency key names device, release and reason: a receiver that remembers
 * keys shows each notice once, even when a postponed device is notified again. Delivery is
 * queued: a slow or unreachable receiver (the webhook notifier retries with backoff) never
 * holds up a rollout step or an operator's request.
 */
export function ownerNotices(options: {
  notifier: Notifier | undefined;
  profile: ProductProfile;
  clock: Clock;
  log: FastifyBaseLogger;
}): OwnerNotices {
  const { notifier, profile, clock, log } = options;
  let supportEnd: string | undefined;
  const supportEndOf = () => (supportEnd ??= planSupport(profile).supportEnd);
  let queue: Promise<void> = Promise.resolve();
  return {
    notify(reason, deviceId, device, release) {
      if (notifier === undefined) return;
      const kind: SupportEventKind = reason === 'declined' && release.releaseType === 'security' ? 'security-update-pending' : 'update-available';
      const installed = SemverSchema.safeParse(device?.firmwareVersion);
      const deliver = async () => {
        const event = SupportEventSchema.parse({
          schemaVersion: 1, kind, serial: deviceId, model: profile.product.model,
          idempotencyKey: createHash('sha256').update(`cra-kit-cloud/owner-notice/v1\n${kind}\n${reason}\n${deviceId}\n${release.id}`).digest('hex'),
          ...(installed.success ? { installedVersion: installed.data } : {}),
          availableVersion: release.version, supportEnd: supportEndOf(), occurredAt: clock.now().toISOString(),
          citation: 'Annex I Part I (2)(c)',
        });
        await notifier.notify(event);
      };
      queue = queue.then(deliver).catch((error: unknown) => {
        // The device itself was notified over MQTT; a lost owner notice is logged, not fatal.
        log.warn({ err: error, deviceId, releaseId: release.id, kind }, 'owner notice not delivered');
      });
    },
    drain: () => queue,
  }; // prettier-ignore
}
