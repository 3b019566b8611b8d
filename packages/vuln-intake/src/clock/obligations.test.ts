import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeCase } from '../../test/fixtures.js';
import { VulnIntakeError } from '../errors.js';
import { obligations, openObligations } from './obligations.js';
import {
  markActivelyExploited,
  openSevereIncident,
  recordSubmission,
  requestIntermediateReport,
} from './record.js';
import { formatInZone } from './time.js';

const evidence = 'Exploit seen in the wild against customer devices.';
const exploited = (awareAt: string) => markActivelyExploited(makeCase(), { awareAt, evidence });
const byStage = (list: ReturnType<typeof obligations>) =>
  Object.fromEntries(list.map((o) => [o.stage, o]));

// An independent computation: civil date ↔ day number (H. Hinnant's algorithm), no Date at all.
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}
function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthDays = (y: number, m: number) =>
  [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** Local wall time with a numeric offset, plus `hours` → UTC ISO string, by integer arithmetic. */
function independentAddHours(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  offsetMin: number,
  hours: number,
): string {
  const minutes = daysFromCivil(y, mo, d) * 1440 + h * 60 + mi - offsetMin + hours * 60;
  const days = Math.floor(minutes / 1440);
  const rest = minutes - days * 1440;
  const [yy, mm, dd] = civilFromDays(days);
  return `${pad(yy, 4)}-${pad(mm)}-${pad(dd)}T${pad(Math.floor(rest / 60))}:${pad(rest % 60)}:00.000Z`;
}
const offsetText = (min: number) =>
  `${min < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(min) / 60))}:${pad(Math.abs(min) % 60)}`;

const localTime = fc
  .record({
    y: fc.integer({ min: 1990, max: 2100 }),
    mo: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    off: fc.integer({ min: -12 * 4, max: 14 * 4 }).map((q) => q * 15),
  })
  .filter(({ y, mo, d }) => d <= monthDays(y, mo));

describe('obligations()', () => {
  it('owes nothing when the case is neither exploited nor an incident', () => {
    expect(obligations(makeCase(), new Date())).toEqual([]);
  });

  it('derives every Art. 14(2) duty of an actively exploited vulnerability', () => {
    const kase = exploited('2026-10-01T10:00:00Z');
    const o = byStage(obligations(kase, new Date('2026-10-01T12:00:00Z')));
    expect(o['early-warning']).toMatchObject({
      dueAt: '2026-10-02T10:00:00.000Z',
      hoursAllowed: 24,
      status: 'due',
      citation: 'Art. 14(2)(a)',
    });
    expect(o['notification']).toMatchObject({
      dueAt: '2026-10-04T10:00:00.000Z',
      hoursAllowed: 72,
      status: 'due',
      citation: 'Art. 14(2)(b)',
    });
    expect(o['final-report']).toMatchObject({ status: 'waiting', citation: 'Art. 14(2)(c)' });
    expect(o['final-report']?.dueAt).toBeUndefined();
    expect(o['inform-users']).toMatchObject({ status: 'open', citation: 'Art. 14(8)' });
    expect(o['inform-users']?.dueAt).toBeUndefined();
  });

  it('runs the final report 14 days from the corrective measure', () => {
    const kase = {
      ...exploited('2026-10-01T10:00:00Z'),
      correctiveMeasureAvailableAt: '2026-10-10T08:00:00+02:00',
    };
    const o = byStage(obligations(kase, new Date('2026-10-30T00:00:00Z')));
    expect(o['final-report']).toMatchObject({
      dueAt: '2026-10-24T06:00:00.000Z',
      hoursAllowed: 336,
      status: 'overdue',
    });
  });

  it('marks stages done with their time and reference, and overdue ones overdue', () => {
    let kase = exploited('2026-10-01T10:00:00Z');
    kase = recordSubmission(kase, {
      stage: 'early-warning',
      submittedAt: '2026-10-02T09:00:00Z',
      reference: 'SRP-123',
    });
    const o = byStage(obligations(kase, new Date('2026-10-05T00:00:00Z')));
    expect(o['early-warning']).toMatchObject({
      status: 'done',
      submittedAt: '2026-10-02T09:00:00Z',
      reference: 'SRP-123',
    });
    expect(o['notification']?.status).toBe('overdue');
    expect(() =>
      recordSubmission(kase, { stage: 'early-warning', submittedAt: '2026-10-02T09:00:00Z' }),
    ).toThrowWithCode(VulnIntakeError, 'VULN_STAGE_NOT_APPLICABLE');
    expect(() =>
      recordSubmission(makeCase(), { stage: 'notification', submittedAt: '2026-10-02T09:00:00Z' }),
    ).toThrowWithCode(VulnIntakeError, 'VULN_STAGE_NOT_APPLICABLE');
  });

  it('gives a severe incident its final report one month after the notification (Art. 14(4)(c))', () => {
    let kase = openSevereIncident(makeCase(), {
      awareAt: '2028-01-28T12:00:00Z',
      description: 'Update server compromised.',
    });
    const before = byStage(obligations(kase, new Date('2028-01-29T00:00:00Z')));
    expect(before['final-report']).toMatchObject({
      provisional: true,
      clockStartsAt: '2028-01-31T12:00:00.000Z',
      dueAt: '2028-02-29T12:00:00.000Z',
    });
    kase = recordSubmission(kase, { stage: 'notification', submittedAt: '2028-01-30T15:00:00Z' });
    const after = byStage(obligations(kase, new Date('2028-02-01T00:00:00Z')));
    expect(after['final-report']).toMatchObject({
      dueAt: '2028-02-29T15:00:00.000Z',
      status: 'due',
    });
    expect(after['final-report']?.provisional).toBeUndefined();
    expect(after['early-warning']?.citation).toBe('Art. 14(4)(a)');
  });

  it('tracks intermediate reports a CSIRT asked for (Art. 14(6))', () => {
    let kase = exploited('2026-10-01T10:00:00Z');
    kase = requestIntermediateReport(kase, {
      requestedAt: '2026-10-05T10:00:00Z',
      dueAt: '2026-10-08T10:00:00Z',
    });
    kase = requestIntermediateReport(kase, {
      requestedAt: '2026-10-09T10:00:00Z',
      dueAt: '2026-10-12T10:00:00Z',
    });
    kase = recordSubmission(kase, {
      stage: 'intermediate-report',
      submittedAt: '2026-10-07T10:00:00Z',
    });
    const inter = obligations(kase, new Date('2026-10-13T00:00:00Z')).filter(
      (o) => o.stage === 'intermediate-report',
    );
    expect(inter.map((o) => o.status)).toEqual(['done', 'overdue']);
  });

  it('keeps the first awareness: marking again cannot restart the clock', () => {
    const kase = exploited('2026-10-01T10:00:00Z');
    expect(markActivelyExploited(kase, { awareAt: '2026-10-03T10:00:00Z', evidence })).toBe(kase);
    expect(
      markActivelyExploited(kase, { awareAt: '2026-09-30T10:00:00Z', evidence }).activelyExploited
        ?.awareAt,
    ).toBe('2026-09-30T10:00:00Z');
  });

  it('lists open obligations of many cases soonest first', () => {
    const a = { ...exploited('2026-10-02T10:00:00Z'), id: 'A' };
    const b = { ...exploited('2026-10-01T10:00:00Z'), id: 'B' };
    const open = openObligations([a, b], new Date('2026-10-01T11:00:00Z'));
    expect(open.slice(0, 2).map((o) => `${o.caseId}:${o.stage}`)).toEqual([
      'B:early-warning',
      'A:early-warning',
    ]);
    expect(open.at(-1)?.dueAt).toBeUndefined();
  });
});

describe('deadline arithmetic across DST, leap days and time zones', () => {
  it('gives exactly 24 and 72 hours for an awareness at 23:30 on the eve of a DST switch', () => {
    for (const awareAt of [
      '2027-03-27T23:30:00+01:00',
      '2027-10-30T23:30:00+02:00',
      '2027-03-13T23:30:00-05:00',
    ]) {
      const o = byStage(obligations(exploited(awareAt), new Date(awareAt)));
      expect(Date.parse(o['early-warning']!.dueAt!) - Date.parse(awareAt)).toBe(24 * 3_600_000);
      expect(Date.parse(o['notification']!.dueAt!) - Date.parse(awareAt)).toBe(72 * 3_600_000);
      expect(o['early-warning']?.hoursAllowed).toBe(24);
      expect(o['notification']?.hoursAllowed).toBe(72);
    }
    // In Berlin the clocks go forward on 28 March 2027, so 24 h later reads 00:30 local time.
    const o = byStage(obligations(exploited('2027-03-27T23:30:00+01:00'), new Date()));
    expect(formatInZone(o['early-warning']!.dueAt!, 'Europe/Berlin')).toBe(
      '2027-03-29 00:30 GMT+02:00 (Europe/Berlin)',
    );
    expect(formatInZone(o['early-warning']!.dueAt!, 'UTC')).toBe(
      '2027-03-28 22:30 GMT+00:00 (UTC)',
    );
    expect(formatInZone('2027-10-31T22:30:00Z', 'America/New_York')).toBe(
      '2027-10-31 18:30 GMT-04:00 (America/New_York)',
    );
  });

  it('refuses an unknown time zone', () => {
    expect(() => formatInZone('2027-01-01T00:00:00Z', 'Mars/Olympus')).toThrowWithCode(
      VulnIntakeError,
      'VULN_TIME_ZONE_INVALID',
    );
  });

  it('agrees with an independent integer computation for any local time and offset (property)', () => {
    fc.assert(
      fc.property(localTime, ({ y, mo, d, h, mi, off }) => {
        const awareAt = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:00${offsetText(off)}`;
        const o = byStage(obligations(exploited(awareAt), new Date(0)));
        expect(o['early-warning']?.dueAt).toBe(independentAddHours(y, mo, d, h, mi, off, 24));
        expect(o['notification']?.dueAt).toBe(independentAddHours(y, mo, d, h, mi, off, 72));
      }),
      { numRuns: 500 },
    );
  });

  it('adds 14 days and one calendar month like an independent computation (property)', () => {
    fc.assert(
      fc.property(localTime, ({ y, mo, d, h, mi }) => {
        const fixAt = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:00Z`;
        const kase = { ...exploited('1989-01-01T00:00:00Z'), correctiveMeasureAvailableAt: fixAt };
        expect(byStage(obligations(kase, new Date(0)))['final-report']?.dueAt).toBe(
          independentAddHours(y, mo, d, h, mi, 0, 14 * 24),
        );
        let incident = openSevereIncident(makeCase(), {
          awareAt: '1989-01-01T00:00:00Z',
          description: 'x',
        });
        incident = recordSubmission(incident, { stage: 'notification', submittedAt: fixAt });
        const [ny, nm] = mo === 12 ? [y + 1, 1] : [y, mo + 1];
        const expected = `${pad(ny, 4)}-${pad(nm)}-${pad(Math.min(d, monthDays(ny, nm)))}T${pad(h)}:${pad(mi)}:00.000Z`;
        expect(byStage(obligations(incident, new Date(0)))['final-report']?.dueAt).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
