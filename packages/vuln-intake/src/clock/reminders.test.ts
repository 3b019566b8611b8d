import { fixedClock } from '@cra-kit/testing';
import { describe, expect, it } from 'vitest';
import { makeCase } from '../../test/fixtures.js';
import { markActivelyExploited, recordSubmission } from './record.js';
import { createReminders, type Reminder } from './reminders.js';
import { HOUR_MS } from './time.js';

describe('createReminders', () => {
  it('fires once per lead time and once when overdue, never twice', async () => {
    const clock = fixedClock('2026-10-01T10:00:00Z');
    const kase = markActivelyExploited(makeCase(), {
      awareAt: '2026-10-01T10:00:00Z',
      evidence: 'seen',
    });
    const got: Reminder[] = [];
    const reminders = createReminders({
      leadTimes: [12 * HOUR_MS, 2 * HOUR_MS],
      onReminder: (r) => void got.push(r),
    });
    const tick = async (hours: number) => {
      clock.advance(hours * HOUR_MS);
      return (await reminders.check([kase], clock.now()))
        .filter((r) => r.obligation.stage === 'early-warning')
        .map((r) => r.leadMs);
    };
    expect(await tick(0)).toEqual([]);
    expect(await tick(13)).toEqual([12 * HOUR_MS]);
    expect(await tick(1)).toEqual([]);
    expect(await tick(9)).toEqual([2 * HOUR_MS]);
    expect(await tick(2)).toEqual([0]);
    expect(await tick(5)).toEqual([]);
    expect(got.length).toBeGreaterThanOrEqual(3);
  });

  it('skips the lead times a late first check has already passed, and stops when done', async () => {
    let kase = markActivelyExploited(makeCase(), {
      awareAt: '2026-10-01T10:00:00Z',
      evidence: 'seen',
    });
    const reminders = createReminders({
      leadTimes: [12 * HOUR_MS, 2 * HOUR_MS],
      onReminder: () => undefined,
    });
    const first = await reminders.check([kase], new Date('2026-10-02T09:00:00Z'));
    expect(first.find((r) => r.obligation.stage === 'early-warning')?.leadMs).toBe(2 * HOUR_MS);
    kase = recordSubmission(kase, { stage: 'early-warning', submittedAt: '2026-10-02T09:30:00Z' });
    const later = await reminders.check([kase], new Date('2026-10-02T11:00:00Z'));
    expect(later.filter((r) => r.obligation.stage === 'early-warning')).toEqual([]);
  });
});
