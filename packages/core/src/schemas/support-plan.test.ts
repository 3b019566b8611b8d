import { describe, expect, it } from 'vitest';
import { SupportPlanSchema, parseWith } from '@cra-kit/core';
import { issuesOf } from '../../test/fixtures/errors.js';

const plan = () => ({
  schemaVersion: 1,
  model: 'vs300',
  supportStart: '2027-12-11',
  supportEnd: '2035-12-10',
  minimumSupportEnd: '2032-12-10',
  minimumReason: 'at least 5 years (Art. 13(8))',
  documentationRetentionEnd: '2037-12-10',
  endOfSupportLabel: 'December 2035',
});

describe('SupportPlanSchema (Art. 13(8), 13(13), 13(19))', () => {
  it('accepts a plan', () => {
    expect(SupportPlanSchema.parse(plan())).toEqual(plan());
  });

  it.each([
    ['supportEnd', '2035-12'],
    ['minimumSupportEnd', '2035-02-30'],
    ['documentationRetentionEnd', '2037-12-10T00:00:00Z'],
    ['endOfSupportLabel', ''],
    ['schemaVersion', '1'],
  ])('refuses %s = %j', (field, value) => {
    expect(
      issuesOf(() => parseWith(SupportPlanSchema, { ...plan(), [field]: value })).map(
        (i) => i.path,
      ),
    ).toEqual([[field]]);
  });

  it('needs every field', () => {
    expect(
      issuesOf(() => parseWith(SupportPlanSchema, {}))
        .map((i) => i.path[0])
        .sort(),
    ).toEqual(Object.keys(plan()).sort());
  });
});
