import { SupportPeriodError } from '../errors.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * Reads a `YYYY-MM-DD` date, or the UTC date of an RFC 3339 timestamp, as midnight UTC.
 * Rejects dates that do not exist (2026-02-30) instead of rolling them over.
 *
 * @throws {SupportPeriodError} SUPPORT_DATE_INVALID
 */
export function toUtcDate(value: string | Date): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalid(String(value));
    return new Date(Date.UTC(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate()));
  }
  const match = ISO_DATE.exec(value);
  if (match === null) {
    const ms = Date.parse(value);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(ms)) throw invalid(value);
    return toUtcDate(new Date(ms));
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year); // Date.UTC maps years 0–99 to 1900–1999
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) throw invalid(value);
  return date;
}

/**
 * Adds calendar months in UTC. A day that does not exist in the target month becomes that
 * month's last day, so 5 years from 31 January ends on 31 January, 1 month from 31 January ends
 * on 28 (or 29) February, and 12 months from 29 February 2028 ends on 28 February 2029 — never
 * spilling into March.
 */
export function addCalendarMonths(date: Date, months: number): Date {
  if (!Number.isSafeInteger(months))
    throw new RangeError(`months must be an integer, got ${months}`);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)));
}

/** `YYYY-MM-DD` of a date in UTC. */
export function formatIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The later of two dates. */
export function laterOf(a: Date, b: Date): Date {
  return a.getTime() >= b.getTime() ? a : b;
}

/**
 * True while `at` falls on or before the inclusive end date `end` (that whole UTC day counts).
 */
export function isOnOrBefore(at: Date, end: Date): boolean {
  return at.getTime() < end.getTime() + DAY_MS;
}

/** Whole UTC days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}

function invalid(value: string): SupportPeriodError {
  return new SupportPeriodError(
    'SUPPORT_DATE_INVALID',
    `not a calendar date: ${JSON.stringify(value.slice(0, 40))}`,
    {
      details: { value: value.slice(0, 40) },
    },
  );
}
