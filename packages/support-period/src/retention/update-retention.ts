import { type FirmwareRelease, FirmwareReleaseSchema, parseWith } from '@cra-kit/core';
import { addCalendarMonths, formatIsoDate, laterOf, toUtcDate } from '../dates/calendar.js';
import type { SupportPlanDetail, UpdateRetention } from '../plan/schema.js';

const TEN_YEARS = 120;

/**
 * How long a security update must stay available (Art. 13(9)): at least ten years after it was
 * issued, or for the rest of the support period, whichever is longer. The end is inclusive.
 * While the support period is still open (per-unit support with units still being placed),
 * `retainUntil` is null: keep the update.
 *
 * @param release - The security update (a core `FirmwareRelease`; validated here).
 * @param plan - The model's plan; only `latestSupportEnd` is read.
 * @returns The retention of the release.
 * @throws {ValidationError} CORE_VALIDATION_FAILED when `release` is malformed
 * @example
 * ```ts
 * updateRetention(release, plan).retainUntil; // '2041-03-02'
 * ```
 */
export function updateRetention(
  release: FirmwareRelease,
  plan: Pick<SupportPlanDetail, 'latestSupportEnd'>,
): UpdateRetention {
  const valid = parseWith(FirmwareReleaseSchema, release, 'release');
  const issued = toUtcDate(valid.releasedAt);
  const tenYears = addCalendarMonths(issued, TEN_YEARS);
  const retainUntil =
    plan.latestSupportEnd === null ? null : laterOf(tenYears, toUtcDate(plan.latestSupportEnd));
  return {
    version: valid.version,
    releasedOn: formatIsoDate(issued),
    retainUntil: retainUntil === null ? null : formatIsoDate(retainUntil),
    citation: 'Art. 13(9)',
  };
}
