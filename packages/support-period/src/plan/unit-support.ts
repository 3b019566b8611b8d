import { addCalendarMonths, formatIsoDate, toUtcDate } from '../dates/calendar.js';
import type { SupportPlanDetail } from './schema.js';

/**
 * The inclusive support end of one unit. With `basis: unit` the period runs from the day that
 * unit was placed on the market; with `basis: model` every unit shares the plan's `supportEnd`.
 *
 * @param plan - The model's plan from {@link planSupport}.
 * @param placedOnMarketAt - When the unit was placed on the market (YYYY-MM-DD or a Date).
 * @returns The end date as YYYY-MM-DD.
 * @throws {SupportPeriodError} SUPPORT_DATE_INVALID for a date that is not a calendar date
 * @example
 * ```ts
 * supportEndForUnit(plan, '2029-03-31'); // '2037-03-31' for 8 years per unit
 * ```
 */
export function supportEndForUnit(
  plan: Pick<SupportPlanDetail, 'basis' | 'supportEnd' | 'supportMonths'>,
  placedOnMarketAt: string | Date,
): string {
  if (plan.basis === 'model') return plan.supportEnd;
  return formatIsoDate(addCalendarMonths(toUtcDate(placedOnMarketAt), plan.supportMonths));
}
