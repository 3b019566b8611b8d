import { ValidationError } from '@cra-kit/core';
import { fixedClock } from '@cra-kit/testing';
import { describe, expect, it } from 'vitest';
import { profileWithLifecycle, release } from '../../test/fixtures.js';
import { SupportPeriodError } from '../errors.js';
import { planSupport } from '../plan/plan-support.js';
import { assertDeletionAllowed } from './deletion-guard.js';
import { updateRetention } from './update-retention.js';

// Model basis, placed 2026-01-31, 5 years: support ends 2031-01-31.
const plan = planSupport(
  profileWithLifecycle({
    placingOnMarket: '2026-01-31',
    expectedUseTime: { years: 5 },
    supportPeriod: { duration: { years: 5 }, basis: 'model' },
  }),
  { lastUnitPlacedOnMarket: '2028-06-30' },
);

describe('updateRetention (Art. 13(9))', () => {
  it.each([
    ['2030-03-02T08:00:00Z', '2040-03-02', 'issued in the last year of support: 10 years after issue'],
    ['2026-02-01T00:00:00Z', '2036-02-01', 'issued early: 10 years still exceed the support period'],
    ['2031-01-31T23:00:00+00:00', '2041-01-31', 'issued on the last day of support'],
  ])('an update issued %s is kept until %s (%s)', (releasedAt, until) => {
    expect(updateRetention(release({ releasedAt }), plan).retainUntil).toBe(until);
  });

  it('keeps an update for the rest of the support period when that is longer', () => {
    expect(updateRetention(release({ releasedAt: '2026-03-01T00:00:00Z' }), { latestSupportEnd: '2040-12-31' }).retainUntil).toBe('2040-12-31');
  });

  it('rejects a malformed release', () => {
    expect(() => updateRetention(release({ releasedAt: 'yesterday' }), plan)).toThrowWithCode(ValidationError, 'CORE_VALIDATION_FAILED');
  });
}); // prettier-ignore

describe('assertDeletionAllowed', () => {
  const security = { kind: 'firmware' as const, release: release({ releasedAt: '2030-03-02T08:00:00Z' }) };

  it('refuses to delete a security update inside its window, and allows it the day after', () => {
    const clock = fixedClock('2040-03-02T23:59:59Z');
    expect(() => { assertDeletionAllowed({ artefact: security, plan, clock }); }).toThrowWithCode(SupportPeriodError, 'SUPPORT_RETENTION_ACTIVE');
    clock.set('2040-03-03T00:00:00Z');
    expect(() => { assertDeletionAllowed({ artefact: security, plan, clock }); }).not.toThrow();
  });

  it('refuses a release of another model', () => {
    const other = { kind: 'firmware' as const, release: release({ model: 'tx900' }) };
    expect(() => {
      assertDeletionAllowed({ artefact: other, plan, clock: fixedClock('2099-01-01T00:00:00Z') });
    }).toThrow(RangeError);
  });

  it('allows deleting a feature update (no Art. 13(9) duty)', () => {
    const feature = { kind: 'firmware' as const, release: release({ type: 'feature' }) };
    expect(() => { assertDeletionAllowed({ artefact: feature, plan, clock: fixedClock('2027-01-01T00:00:00Z') }); }).not.toThrow();
  });

  it('keeps documentation 10 years after the last unit was placed (Art. 13(13))', () => {
    expect(plan.documentationRetentionEnd).toBe('2038-06-30');
    for (const kind of ['technical-documentation', 'declaration-of-conformity'] as const) {
      expect(() => { assertDeletionAllowed({ artefact: { kind }, plan, clock: fixedClock('2038-06-30T12:00:00Z') }); }).toThrowWithCode(SupportPeriodError, 'SUPPORT_RETENTION_ACTIVE');
      expect(() => { assertDeletionAllowed({ artefact: { kind }, plan, clock: fixedClock('2038-07-01T00:00:00Z') }); }).not.toThrow();
    }
  });

  it('fails closed while units are still being placed', () => {
    const open = planSupport(profileWithLifecycle({ placingOnMarket: '2000-01-01', expectedUseTime: { years: 5 }, supportPeriod: { duration: { years: 5 }, basis: 'unit' } }));
    const late = fixedClock('2099-01-01T00:00:00Z');
    expect(() => { assertDeletionAllowed({ artefact: { kind: 'technical-documentation' }, plan: open, clock: late }); }).toThrowWithCode(SupportPeriodError, 'SUPPORT_RETENTION_ACTIVE');
    expect(() => { assertDeletionAllowed({ artefact: security, plan: open, clock: late }); }).toThrowWithCode(SupportPeriodError, 'SUPPORT_RETENTION_ACTIVE');
  });
}); // prettier-ignore
