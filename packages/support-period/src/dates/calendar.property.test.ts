import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarMonths, formatIsoDate, toUtcDate } from './calendar.js';

const day = fc
  .date({
    min: new Date('1970-01-01T00:00:00Z'),
    max: new Date('2200-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => toUtcDate(d));
const months = fc.integer({ min: 0, max: 1200 });

describe('addCalendarMonths properties', () => {
  it('lands in the target calendar month, on the same day or that month’s last day', () => {
    fc.assert(
      fc.property(day, months, (start, n) => {
        const end = addCalendarMonths(start, n);
        const monthIndex = start.getUTCFullYear() * 12 + start.getUTCMonth() + n;
        expect(end.getUTCFullYear() * 12 + end.getUTCMonth()).toBe(monthIndex);
        const lastDay = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
        expect(end.getUTCDate()).toBe(Math.min(start.getUTCDate(), lastDay));
      }),
    );
  });

  it('round-trips through YYYY-MM-DD and is monotonic in the months added', () => {
    fc.assert(
      fc.property(day, months, months, (start, a, b) => {
        expect(formatIsoDate(toUtcDate(formatIsoDate(start)))).toBe(formatIsoDate(start));
        const [x, y] = [addCalendarMonths(start, Math.min(a, b)), addCalendarMonths(start, Math.max(a, b))];
        expect(x.getTime()).toBeLessThanOrEqual(y.getTime());
      }),
    );
  });
}); // prettier-ignore
