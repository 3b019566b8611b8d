import {
  adviseOnProductProfile,
  checkSupportPeriod,
  durationInMonths,
  type FirmwareRelease,
  LifecycleSchema,
  MINIMUM_SUPPORT_MONTHS,
  parseWith,
  type ProductProfile,
} from '@cra-kit/core';
import { addCalendarMonths, formatIsoDate, laterOf, toUtcDate } from '../dates/calendar.js';
import { SupportPeriodError } from '../errors.js';
import { updateRetention } from '../retention/update-retention.js';
import { formatEndOfSupportLabel } from '../statements/labels.js';
import { componentSupportFrom, SbomSupportInputSchema } from './component-support.js';
import type { SupportPlanDetail, SupportWarning } from './schema.js';

/** Months in the Art. 13(9) and 13(13) ten-year windows. */
export const TEN_YEARS_IN_MONTHS = 120;

/** Options of {@link planSupport}. */
export interface PlanSupportOptions {
  /**
   * When the last unit of the model was placed on the market (YYYY-MM-DD). Until it is known,
   * retention windows stay open and per-unit support has no latest end.
   */
  readonly lastUnitPlacedOnMarket?: string;
  /** Releases of the model; each security update gets its Art. 13(9) retention. */
  readonly releases?: readonly FirmwareRelease[];
  /** A CycloneDX JSON SBOM; components with a `cra-kit:support:end` property are compared. */
  readonly sbom?: unknown;
}

/**
 * Derives the support plan of a product model from its profile: support start and (inclusive)
 * end, the minimum Art. 13(8) allows and why, the end-of-support label (Art. 13(19)), the
 * documentation retention end (Art. 13(13)) and the Art. 13(9) retention of every security
 * update. Dates are UTC calendar dates; months that lack the start day end on their last day.
 *
 * @param profile - A parsed product profile (see `parseProductProfile` in `@cra-kit/core`).
 * @param options - Last unit placed, releases, SBOM; see {@link PlanSupportOptions}.
 * @returns The plan, valid against `SupportPlanDetailSchema` (and core's `SupportPlanSchema`).
 * @throws {SupportPeriodError} SUPPORT_PERIOD_TOO_SHORT when the period breaks Art. 13(8)
 * @throws {SupportPeriodError} SUPPORT_DATE_INVALID for a bad `lastUnitPlacedOnMarket`
 * @throws {ValidationError} CORE_VALIDATION_FAILED when the lifecycle or SBOM is malformed
 * @example
 * ```ts
 * const plan = planSupport(parseProductProfile(YAML.parse(text)));
 * plan.supportEnd; // '2035-12-11'
 * ```
 */
export function planSupport(profile: ProductProfile, options: PlanSupportOptions = {}): SupportPlanDetail {
  const lifecycle = parseWith(LifecycleSchema, profile.lifecycle);
  const expected = durationInMonths(lifecycle.expectedUseTime);
  const declared = durationInMonths(lifecycle.supportPeriod.duration);
  // Art. 13(8) (core's rule): shorter than the expected use time only with documented reasons.
  const lenient = lifecycle.supportPeriod.rationale !== undefined;
  const floor = Math.min(expected, MINIMUM_SUPPORT_MONTHS);
  const minimumMonths = lenient ? floor : expected;
  const minimumReason =
    expected < MINIMUM_SUPPORT_MONTHS
      ? `Art. 13(8): the expected use time (${expected} months) is under 5 years, so the support period must correspond to it`
      : lenient
        ? `Art. 13(8): at least 5 years (${MINIMUM_SUPPORT_MONTHS} months); shorter than the expected use time (${expected} months) only with the documented rationale`
        : `Art. 13(8): the support period must reflect the expected use time of ${expected} months, and be at least 5 years`;
  // core's rule first (the 5-year floor), then the stricter "reflects the expected use time".
  if (checkSupportPeriod({ ...profile, lifecycle }).length > 0 || declared < minimumMonths) {
    throw new SupportPeriodError('SUPPORT_PERIOD_TOO_SHORT', `the support period of ${declared} months breaks Art. 13(8): ${minimumReason}`, {
      details: { citation: 'Art. 13(8)', declaredMonths: declared, minimumMonths, expectedUseMonths: expected },
    });
  }

  const start = toUtcDate(lifecycle.placingOnMarket);
  const end = addCalendarMonths(start, declared);
  const lastUnit = options.lastUnitPlacedOnMarket === undefined ? null : toUtcDate(options.lastUnitPlacedOnMarket);
  if (lastUnit !== null && lastUnit < start) {
    throw new SupportPeriodError('SUPPORT_DATE_INVALID', 'lastUnitPlacedOnMarket is before lifecycle.placingOnMarket', {
      details: { value: options.lastUnitPlacedOnMarket },
    });
  }
  const latestEnd =
    lifecycle.supportPeriod.basis === 'model' ? end : lastUnit === null ? null : addCalendarMonths(lastUnit, declared);
  // 13(13): ten years after placing on the market (counted from the last unit), or the support period if longer.
  const placedLast = lastUnit ?? start;
  const docsEnd = laterOf(addCalendarMonths(placedLast, TEN_YEARS_IN_MONTHS), latestEnd ?? end);

  const plan: SupportPlanDetail = {
    schemaVersion: 1,
    model: profile.product.model,
    basis: lifecycle.supportPeriod.basis,
    supportStart: formatIsoDate(start),
    supportEnd: formatIsoDate(end),
    supportMonths: declared,
    minimumMonths,
    minimumSupportEnd: formatIsoDate(addCalendarMonths(start, minimumMonths)),
    minimumReason,
    lastUnitPlacedOnMarket: lastUnit === null ? null : formatIsoDate(lastUnit),
    latestSupportEnd: latestEnd === null ? null : formatIsoDate(latestEnd),
    documentationRetentionEnd: formatIsoDate(docsEnd),
    documentationRetentionOpen: lastUnit === null,
    endOfSupportLabel: formatEndOfSupportLabel(end, { lang: 'en' }),
    updateRetention: [],
    warnings: [],
  };
  plan.updateRetention = (options.releases ?? [])
    .filter((r) => r.model === plan.model && r.type === 'security')
    .map((r) => updateRetention(r, plan));
  plan.warnings = [...useTimeWarnings(profile), ...componentWarnings(options.sbom, latestEnd ?? end)];
  return plan;
} // prettier-ignore

function useTimeWarnings(profile: ProductProfile): SupportWarning[] {
  return adviseOnProductProfile(profile)
    .filter((a) => a.path.join('.') === 'lifecycle.supportPeriod.duration')
    .map((a) => ({ code: 'SHORTER_THAN_EXPECTED_USE', message: a.message, citation: a.citation }));
}

function componentWarnings(sbom: unknown, supportEnd: Date): SupportWarning[] {
  if (sbom === undefined) return [];
  return componentSupportFrom(parseWith(SbomSupportInputSchema, sbom))
    .filter((c) => c.supportEnd < supportEnd)
    .map((c) => ({
      code: 'SHORTER_THAN_COMPONENT_SUPPORT',
      component: c.component,
      citation: 'Art. 13(8)',
      message: `${c.component} is supported only until ${formatIsoDate(c.supportEnd)}, before the product's support ends on ${formatIsoDate(supportEnd)}; plan how its vulnerabilities will be handled after that`,
    }));
}
