import { describe, expect, it } from 'vitest';
import { SupportPeriodError } from '../errors.js';
import {
  addCalendarMonths,
  daysBetween,
  formatIsoDate,
  isOnOrBefore,
  toUtcDate,
} from './calendar.js';

const add = (date: string, months: number) =>
  formatIsoDate(addCalendarMonths(toUtcDate(date), months));

describe('calendar-month arithmetic (UTC)', () => {
  it.each([
    ['2026-01-31', 60, '2031-01-31', '5 years from 31 January ends 31 January'],
    ['2026-01-31', 1, '2026-02-28', 'a month from 31 January is the end of February'],
    ['2028-01-31', 1, '2028-02-29', 'leap February'],
    ['2028-02-29', 12, '2029-02-28', 'a year from 29 February'],
    ['2028-02-29', 48, '2032-02-29', 'four years from 29 February'],
    ['2027-12-11', 96, '2035-12-11', 'the worked example: 8 years'],
    ['2027-08-31', 6, '2028-02-29', 'across a year end into a leap February'],
    ['2027-03-31', -1, '2027-02-28', 'backwards'],
  ])('%s + %i months = %s (%s)', (from, months, expected) => {
    expect(add(from, months)).toBe(expected);
  });

  it('rejects dates that do not exist instead of rolling them over', () => {
    for (const bad of ['2026-02-30', '2027-02-29', '2026-13-01', '31.01.2026', '', '2026-1-1']) {
      expect(() => toUtcDate(bad)).toThrowWithCode(SupportPeriodError, 'SUPPORT_DATE_INVALID');
    }
  });

  it('takes the UTC date of a timestamp, whatever its offset', () => {
    expect(formatIsoDate(toUtcDate('2028-01-01T01:30:00+02:00'))).toBe('2027-12-31');
    expect(formatIsoDate(toUtcDate('0099-06-01'))).toBe('0099-06-01');
  });

  it('counts the whole end day as inside the period', () => {
    const end = toUtcDate('2031-01-31');
    expect(isOnOrBefore(new Date('2031-01-31T23:59:59.999Z'), end)).toBe(true);
    expect(isOnOrBefore(new Date('2031-02-01T00:00:00Z'), end)).toBe(false);
    expect(daysBetween(toUtcDate('2031-01-01'), end)).toBe(30);
  });
});
