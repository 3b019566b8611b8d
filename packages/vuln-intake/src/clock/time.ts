import { VulnIntakeError } from '../errors.js';

/** One hour in milliseconds. Deadlines are elapsed time in UTC, so DST never shifts them. */
export const HOUR_MS = 3_600_000;

/** Parses an ISO 8601 timestamp with offset to epoch milliseconds. */
export function toEpoch(timestamp: string): number {
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) {
    throw new VulnIntakeError('VULN_INPUT_INVALID', `not a timestamp: ${timestamp.slice(0, 40)}`);
  }
  return ms;
}

/** Epoch milliseconds → `YYYY-MM-DDTHH:mm:ss.sssZ`. */
export const toIso = (ms: number): string => new Date(ms).toISOString();

/**
 * Adds calendar months in UTC. A day that the target month lacks clamps to its last day
 * (31 January + 1 month = 28 or 29 February), so "one month" never spills into the next one.
 */
export function addMonthsUtc(ms: number, months: number): number {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(
    year,
    month,
    Math.min(d.getUTCDate(), lastDay),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}

/**
 * Shows a time in an IANA time zone with its UTC offset, e.g.
 * `2027-03-29 00:30 GMT+02:00 (Europe/Berlin)`. Deadlines are computed in UTC; this is display.
 * @throws {VulnIntakeError} VULN_TIME_ZONE_INVALID
 */
export function formatInZone(timestamp: string | number, timeZone: string): string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
  } catch (error) {
    throw new VulnIntakeError('VULN_TIME_ZONE_INVALID', `unknown time zone ${timeZone}`, {
      cause: error,
    });
  }
  const ms = typeof timestamp === 'number' ? timestamp : toEpoch(timestamp);
  const parts = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
  const offset = parts.timeZoneName === 'GMT' ? 'GMT+00:00' : parts.timeZoneName;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute} ${offset} (${timeZone})`;
}
