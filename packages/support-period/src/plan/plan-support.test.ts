import { SupportPlanSchema, ValidationError } from '@cra-kit/core';
import { describe, expect, it } from 'vitest';
import { exampleProfile, profileWithLifecycle, release } from '../../test/fixtures.js';
import { SupportPeriodError } from '../errors.js';
import { planSupport } from './plan-support.js';
import { SupportPlanDetailSchema } from './schema.js';
import { supportEndForUnit } from './unit-support.js';

const lifecycle = (expectedYears: number, supportYears: number, extra: object = {}) => ({
  placingOnMarket: '2026-01-31',
  expectedUseTime: { years: expectedYears },
  supportPeriod: { duration: { years: supportYears }, basis: 'model' as const, ...extra },
});

describe('planSupport: Art. 13(8), taken from the regulation text', () => {
  it.each([
    // [expected use, declared, accepted?, why]
    [3, 3, true, 'expected use under 5 years: the period corresponds to it'],
    [3, 2, false, 'shorter than an expected use under 5 years'],
    [5, 5, true, 'the 5-year floor'],
    [8, 8, true, 'reflects an expected use of 8 years'],
    [8, 5, false, 'expected use 8 years with 5 declared: does not reflect the expected use'],
    [8, 4, false, 'under the 5-year floor'],
    [10, 12, true, 'longer than expected use is allowed'],
  ])('expected %i years, declared %i → accepted %s (%s)', (expected, declared, accepted) => {
    const run = () => planSupport(profileWithLifecycle(lifecycle(expected, declared)));
    if (accepted) expect(run().supportMonths).toBe(declared * 12);
    else expect(run).toThrowWithCode(SupportPeriodError, 'SUPPORT_PERIOD_TOO_SHORT');
  });

  it('states the minimum and the article in the error', () => {
    try {
      planSupport(profileWithLifecycle(lifecycle(8, 5)));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeErrorWithCode(SupportPeriodError, 'SUPPORT_PERIOD_TOO_SHORT');
      expect((error as SupportPeriodError).details).toMatchObject({ citation: 'Art. 13(8)', minimumMonths: 96, declaredMonths: 60 });
    }
  });

  it('accepts 5 of 8 years when a rationale is documented, with a warning', () => {
    const short = profileWithLifecycle(lifecycle(8, 5, { rationale: 'core modem EOL in 2031' }));
    const plan = planSupport(short);
    expect(plan.minimumMonths).toBe(60);
    expect(plan.warnings.map((w) => [w.code, w.citation])).toEqual([['SHORTER_THAN_EXPECTED_USE', 'Art. 13(8)']]);
  });

  it('ends 5 years from a 31 January start on 31 January (not 2 or 3 March)', () => {
    const plan = planSupport(profileWithLifecycle(lifecycle(5, 5)));
    expect([plan.supportStart, plan.supportEnd, plan.minimumSupportEnd]).toEqual(['2026-01-31', '2031-01-31', '2031-01-31']);
    expect(plan.endOfSupportLabel).toBe('Security updates until 01/2031');
  });

  it('plans the worked example per unit, valid against core SupportPlanSchema', () => {
    const plan = planSupport(exampleProfile(), { lastUnitPlacedOnMarket: '2030-06-30' });
    expect(SupportPlanSchema.strip().parse(plan)).toBeTruthy();
    expect(SupportPlanDetailSchema.parse(plan)).toEqual(plan);
    expect(plan).toMatchObject({ model: 'vs300', basis: 'unit', supportStart: '2027-12-11', supportEnd: '2035-12-11', latestSupportEnd: '2038-06-30', documentationRetentionEnd: '2040-06-30', documentationRetentionOpen: false });
  });

  it('keeps per-unit windows open while units are still being placed', () => {
    const plan = planSupport(exampleProfile(), { releases: [release()] });
    expect(plan.latestSupportEnd).toBeNull();
    expect(plan.documentationRetentionOpen).toBe(true);
    expect(plan.updateRetention).toEqual([{ version: '1.0.0', releasedOn: '2028-01-15', retainUntil: null, citation: 'Art. 13(9)' }]);
  });

  it('keeps the documentation 10 years after placing, or the support period if longer (Art. 13(13))', () => {
    expect(planSupport(profileWithLifecycle(lifecycle(5, 5))).documentationRetentionEnd).toBe('2036-01-31');
    expect(planSupport(profileWithLifecycle(lifecycle(12, 12)), { lastUnitPlacedOnMarket: '2026-01-31' }).documentationRetentionEnd).toBe('2038-01-31');
  });

  it('warns when a core component is supported for less time than the product', () => {
    const sbom = {
      bomFormat: 'CycloneDX', specVersion: '1.6',
      components: [
        { name: 'zephyr', version: '3.7.0', properties: [{ name: 'cra-kit:support:end', value: '2029-07-31' }] },
        { name: 'mbedtls', version: '3.6.2', properties: [{ name: 'cra-kit:support:end', value: '2040-01-01' }] },
        { name: 'no-data' },
        { name: 'garbled', properties: [{ name: 'cra-kit:support:end', value: 'soon' }] },
      ],
    };
    const plan = planSupport(profileWithLifecycle(lifecycle(8, 8)), { sbom });
    expect(plan.warnings.map((w) => [w.code, w.component])).toEqual([['SHORTER_THAN_COMPONENT_SUPPORT', 'zephyr@3.7.0']]);
    expect(() => planSupport(exampleProfile(), { sbom: { bomFormat: 'SPDX' } })).toThrowWithCode(ValidationError, 'CORE_VALIDATION_FAILED');
  });

  it('rejects a malformed lifecycle and a last unit before the first', () => {
    const broken = profileWithLifecycle({ ...lifecycle(5, 5), placingOnMarket: '2026-02-30' });
    expect(() => planSupport(broken)).toThrowWithCode(ValidationError, 'CORE_VALIDATION_FAILED');
    expect(() => planSupport(exampleProfile(), { lastUnitPlacedOnMarket: '2020-01-01' })).toThrowWithCode(SupportPeriodError, 'SUPPORT_DATE_INVALID');
  });
}); // prettier-ignore

describe('supportEndForUnit', () => {
  it('counts per unit with basis unit, and shares the model end otherwise', () => {
    const perUnit = planSupport(exampleProfile());
    expect(supportEndForUnit(perUnit, '2029-02-28')).toBe('2037-02-28');
    expect(supportEndForUnit(perUnit, '2028-02-29')).toBe('2036-02-29');
    const perModel = planSupport(profileWithLifecycle(lifecycle(5, 5)));
    expect(supportEndForUnit(perModel, '2029-06-01')).toBe('2031-01-31');
    expect(() => supportEndForUnit(perUnit, '2029-02-29')).toThrowWithCode(
      SupportPeriodError,
      'SUPPORT_DATE_INVALID',
    );
  });
});
