import { createHash } from 'node:crypto';
import {
  IdentifierSchema,
  IsoDateSchema,
  SemverSchema,
  TextSchema,
  TimestampSchema,
} from '@cra-kit/core';
import { z } from 'zod';

export const SUPPORT_EVENT_KINDS = [
  'update-available',
  'security-update-pending',
  'support-ending',
  'support-ended',
] as const;
export type SupportEventKind = (typeof SUPPORT_EVENT_KINDS)[number];

/**
 * A notice to a device owner. `idempotencyKey` is derived from what the notice is about (kind,
 * serial, version or end date), so running the fleet status again yields the same key and a
 * receiver that remembers keys shows each notice once.
 */
export const SupportEventSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    kind: z.enum(SUPPORT_EVENT_KINDS),
    idempotencyKey: z.string().regex(/^[0-9a-f]{64}$/),
    serial: IdentifierSchema,
    model: TextSchema,
    ownerContactId: IdentifierSchema.optional(),
    installedVersion: SemverSchema.optional(),
    availableVersion: SemverSchema.optional().describe('Newest release for the device'),
    pendingSince: IsoDateSchema.optional().describe(
      'Issue date of the oldest missing security update',
    ),
    pendingDays: z.int().min(0).optional(),
    supportEnd: IsoDateSchema.describe('Inclusive end of the device’s support period'),
    occurredAt: TimestampSchema,
    citation: TextSchema.optional(),
  })
  .meta({ id: 'SupportEvent', title: 'Support notice' });
export type SupportEvent = z.infer<typeof SupportEventSchema>;

/**
 * Delivers support notices (webhook, e-mail, a queue…). Implementations retry as they see fit
 * and throw a `SdkError` when a notice could not be delivered.
 */
export interface Notifier {
  notify(event: SupportEvent): Promise<void>;
}

/** The stable idempotency key of a notice: hex SHA-256 over its identifying fields. @internal */
export function idempotencyKeyOf(kind: SupportEventKind, serial: string, subject: string): string {
  return createHash('sha256').update(`cra-kit/support-event/v1\n${kind}\n${serial}\n${subject}`).digest('hex');
} // prettier-ignore
