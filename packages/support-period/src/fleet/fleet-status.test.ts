import { fixedClock } from '@cra-kit/testing';
import { describe, expect, it } from 'vitest';
import { exampleProfile, release } from '../../test/fixtures.js';
import { SupportPeriodError } from '../errors.js';
import type { Notifier, SupportEvent } from '../notify/event.js';
import { planSupport } from '../plan/plan-support.js';
import { type FleetRecord, scanFleet } from './fleet-status.js';
import { summarizeFleet } from './summarize.js';

// vs300: per-unit support of 8 years; first unit 2027-12-11.
const plans = [planSupport(exampleProfile())];
const releases = [
  release({ version: '1.0.0', releasedAt: '2028-01-15T00:00:00Z', type: 'feature' }),
  release({ version: '1.1.0', releasedAt: '2034-01-10T00:00:00Z', type: 'security' }),
  release({ version: '1.2.0', releasedAt: '2034-03-01T00:00:00Z', type: 'feature' }),
  release({ version: '9.0.0', releasedAt: '2099-01-01T00:00:00Z', type: 'security' }), // not yet issued
];
const clock = fixedClock('2034-04-01T00:00:00Z');
const options = { plans, releases, clock, pendingAfterDays: 30, endingWithinDays: 90 };

const CSV = [
  'serial,model,hardwareRevision,firmwareVersion,placedOnMarketAt,ownerContactId',
  'VS3-0001,vs300,rev-b,1.2.0,2030-01-01,owner-1', // 2: up to date, supported
  'VS3-0002,vs300,rev-b,1.0.0,2026-04-20,owner-2', // 3: support ends 2034-04-20: ending within 90 days
  'VS3-0003,vs300,rev-c,1.0.0,2026-03-01,owner-3', // 4: ended 2034-03-01, security update pending 81 days
  'VS3-0004,tx900,rev-a,1.0.0,2030-01-01,owner-4', // 5: unknown model
  'VS3-0005,vs300,rev-b,1.0.0,2099-01-01,owner-5', // 6: placed in the future
  'VS3-0006,vs300,rev-b,1.0.0,1969-12-31,owner-6', // 7: before 1970
  'VS3-0007,vs300,rev-b,"1.0.0,2030-01-01,owner-7', // 8: unbalanced quote
  'VS3-0008,vs300,rev-b', // 9: too few fields
  'VS3-0009,vs300,rev-b,1.0.0,2030-02-30,owner-9', // 10: not a date
  '', // 11: blank lines are skipped
  'VS3-0010,vs300,rev-b,,2031-05-05,', // 12: firmware unknown, no owner
].join('\r\n');

const collect = async (it: AsyncIterable<FleetRecord>) => {
  const out: FleetRecord[] = [];
  for await (const r of it) out.push(r);
  return out;
};

describe('scanFleet', () => {
  it('reports bad lines with their number and code, and still classifies the good ones', async () => {
    const records = await collect(scanFleet([CSV], { ...options, format: 'csv' }));
    const errors = records.flatMap((r) => (r.kind === 'error' ? [[r.error.line, r.error.code]] : []));
    expect(errors).toEqual([
      [5, 'SUPPORT_FLEET_UNKNOWN_MODEL'],
      [6, 'SUPPORT_FLEET_DATE_OUT_OF_RANGE'],
      [7, 'SUPPORT_FLEET_DATE_OUT_OF_RANGE'],
      [8, 'SUPPORT_FLEET_LINE_MALFORMED'],
      [9, 'SUPPORT_FLEET_LINE_MALFORMED'],
      [10, 'SUPPORT_FLEET_LINE_MALFORMED'],
    ]);
    const devices = records.flatMap((r) => (r.kind === 'device' ? [r.status] : []));
    expect(devices.map((d) => [d.line, d.serial, d.support, d.supportEnd, d.updateAvailable, d.securityPendingDays])).toEqual([
      [2, 'VS3-0001', 'supported', '2038-01-01', undefined, undefined],
      [3, 'VS3-0002', 'ending-soon', '2034-04-20', '1.2.0', 81],
      [4, 'VS3-0003', 'ended', '2034-03-01', '1.2.0', 81],
      [12, 'VS3-0010', 'supported', '2039-05-05', undefined, undefined],
    ]);
    expect(devices[2]!.events.map((e) => e.kind)).toEqual(['support-ended', 'update-available', 'security-update-pending']);
    expect(devices[1]!.events.map((e) => e.kind)).toEqual(['support-ending', 'update-available', 'security-update-pending']);
  });

  it('reads NDJSON, with per-line JSON errors, and bytes split anywhere', async () => {
    const text = [
      JSON.stringify({ schemaVersion: 1, serial: 'N-1', model: 'vs300', hardwareRevision: 'rev-b', firmwareVersion: '1.1.0', placedOnMarketAt: '2033-01-01', state: 'active' }),
      '{"serial": "N-2", ',
      JSON.stringify({ serial: 'N-3', model: 'vs300', hardwareRevision: 'rev-b' }), // per-unit basis needs placedOnMarketAt
      JSON.stringify({ serial: 'N-4', model: 'vs300', hardwareRevision: 'rev-b', placedOnMarketAt: '2033-01-01', firmwareVersion: 'one' }),
    ].join('\n') + '\n';
    const bytes = new TextEncoder().encode(text);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) => bytes.subarray(i * 7, i * 7 + 7));
    const records = await collect(scanFleet(chunks, { ...options, format: 'ndjson' }));
    expect(records.map((r) => (r.kind === 'error' ? [r.error.line, r.error.code] : [r.status.line, r.status.updateAvailable]))).toEqual([
      [1, '1.2.0'],
      [2, 'SUPPORT_FLEET_LINE_MALFORMED'],
      [3, 'SUPPORT_FLEET_LINE_MALFORMED'],
      [4, 'SUPPORT_FLEET_LINE_MALFORMED'],
    ]);
  });

  it('skips overlong and non-UTF-8 lines with their numbers', async () => {
    const good = 'a,vs300,rev-b,1.2.0,2030-01-01,o';
    const input = [new TextEncoder().encode(`serial,model,hardwareRevision,firmwareVersion,placedOnMarketAt,ownerContactId\n${'x'.repeat(200)}\n`), new Uint8Array([0xff, 0xfe, 0x0a]), `${good}\n${'y'.repeat(300)}`];
    const records = await collect(scanFleet(input, { ...options, format: 'csv', maxLineBytes: 100 }));
    expect(records.map((r) => (r.kind === 'error' ? [r.error.line, r.error.code] : [r.status.line, r.status.serial]))).toEqual([
      [2, 'SUPPORT_FLEET_LINE_TOO_LONG'],
      [3, 'SUPPORT_FLEET_LINE_MALFORMED'],
      [4, 'a'],
      [5, 'SUPPORT_FLEET_LINE_TOO_LONG'],
    ]);
  });

  it('refuses a CSV header it cannot use', async () => {
    await expect(collect(scanFleet(['serial,model,colour\n'], { ...options, format: 'csv' }))).rejects.toBeErrorWithCode(SupportPeriodError, 'SUPPORT_FLEET_HEADER_INVALID');
  });
}); // prettier-ignore

describe('summarizeFleet', () => {
  it('counts, lists and notifies; a failing notice is recorded and the rest still go out', async () => {
    const seen: SupportEvent[] = [];
    const notifier: Notifier = {
      notify(event) {
        if (event.serial === 'VS3-0002' && event.kind === 'update-available') {
          return Promise.reject(new SupportPeriodError('SUPPORT_NOTIFY_FAILED', 'down'));
        }
        seen.push(event);
        return Promise.resolve();
      },
    };
    const progress: number[] = [];
    const summary = await summarizeFleet([CSV], { ...options, format: 'csv', notifier, progressEvery: 5, onProgress: (n) => progress.push(n) });
    expect(summary).toMatchObject({ devices: 4, supported: 2, endingSoon: 1, ended: 1, updateAvailable: 2, securityUpdatePending: 2, firmwareUnknown: 1, lineErrors: 6, eventsDelivered: 5, outOfSupport: ['VS3-0003'], endingWithinWindow: ['VS3-0002'], behindSecurity: ['VS3-0002', 'VS3-0003'] });
    expect(summary.undelivered).toEqual([{ idempotencyKey: expect.stringMatching(/^[0-9a-f]{64}$/), code: 'SUPPORT_NOTIFY_FAILED' }]);
    expect(seen).toHaveLength(5);
    expect(progress).toEqual([5, 10]);
    // the same fleet on the same day yields the same idempotency keys
    const again = await collect(scanFleet([CSV], { ...options, format: 'csv' }));
    const keys = again.flatMap((r) => (r.kind === 'device' ? r.status.events.map((e) => e.idempotencyKey) : []));
    expect(keys).toEqual(expect.arrayContaining(seen.map((e) => e.idempotencyKey)));
  });
}); // prettier-ignore
