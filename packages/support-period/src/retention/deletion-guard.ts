import { type Clock, type FirmwareRelease, systemClock } from '@cra-kit/core';
import { formatIsoDate, isOnOrBefore, toUtcDate } from '../dates/calendar.js';
import { SupportPeriodError } from '../errors.js';
import type { SupportPlanDetail } from '../plan/schema.js';
import { updateRetention } from './update-retention.js';

/** What the caller wants to delete. */
export type RetainedArtefact =
  | { readonly kind: 'firmware'; readonly release: FirmwareRelease }
  | { readonly kind: 'technical-documentation' }
  | { readonly kind: 'declaration-of-conformity' };

/** Options of {@link assertDeletionAllowed}. */
export interface DeletionCheck {
  readonly artefact: RetainedArtefact;
  readonly plan: SupportPlanDetail;
  /** Defaults to the system clock. */
  readonly clock?: Clock;
}

/**
 * The check a device cloud or artefact store runs before deleting a firmware image or a
 * document. It throws inside the retention window: security updates under Art. 13(9), the
 * technical documentation and EU declaration of conformity under Art. 13(13). It fails closed:
 * while units are still being placed on the market the windows are open and deletion is refused.
 * Feature updates (`type: 'feature'`) carry no Art. 13(9) duty and may be deleted.
 *
 * @throws {RangeError} when the release is for another model than the plan
 *
 * @throws {SupportPeriodError} SUPPORT_RETENTION_ACTIVE with `details.retainUntil` (null: open)
 * @throws {ValidationError} CORE_VALIDATION_FAILED when the release is malformed
 * @example
 * ```ts
 * assertDeletionAllowed({ artefact: { kind: 'firmware', release }, plan }); // throws until 2041
 * await store.delete(release.image.name);
 * ```
 */
export function assertDeletionAllowed(check: DeletionCheck): void {
  const { artefact, plan } = check;
  const today = (check.clock ?? systemClock).now();
  let retainUntil: string | null;
  let citation: string;
  if (artefact.kind === 'firmware') {
    if (artefact.release.model !== plan.model) {
      throw new RangeError(
        `the release is for model ${artefact.release.model}, the plan for ${plan.model}`,
      );
    }
    if (artefact.release.type !== 'security') return;
    retainUntil = updateRetention(artefact.release, plan).retainUntil;
    citation = 'Art. 13(9)';
  } else {
    retainUntil = plan.documentationRetentionOpen ? null : plan.documentationRetentionEnd;
    citation = 'Art. 13(13)';
  }
  if (retainUntil !== null && !isOnOrBefore(today, toUtcDate(retainUntil))) return;
  throw new SupportPeriodError(
    'SUPPORT_RETENTION_ACTIVE',
    retainUntil === null
      ? `deletion refused (${citation}): units are still being placed on the market, so the retention window is open`
      : `deletion refused (${citation}): keep it until ${retainUntil} inclusive (today is ${formatIsoDate(today)})`,
    { details: { citation, retainUntil, kind: artefact.kind } },
  );
}
