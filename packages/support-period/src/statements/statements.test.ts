import { fixedClock } from '@cra-kit/testing';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { exampleProfile } from '../../test/fixtures.js';
import { SupportPeriodError } from '../errors.js';
import { planSupport } from '../plan/plan-support.js';
import { supportPeriodProperties } from './cyclonedx-properties.js';
import { endOfSupportStatement, endOfSupportStatementJsonSchema } from './eos-statement.js';
import { formatEndOfSupportLabel, type LabelTexts } from './labels.js';

describe('formatEndOfSupportLabel (Art. 13(19): at least month and year)', () => {
  it.each([
    ['en', 'numeric', 'Security updates until 03/2032'],
    ['de', 'numeric', 'Sicherheitsupdates bis 03/2032'],
    ['en', 'long', 'Security updates until March 2032'],
    ['de-AT', 'long', 'Sicherheitsupdates bis März 2032'],
  ] as const)('%s %s', (lang, style, expected) => {
    expect(formatEndOfSupportLabel('2032-03-31', { lang, style })).toBe(expected);
  });

  it('takes extra languages and refuses unknown ones', () => {
    const fr: LabelTexts = { months: [], securityUpdatesUntil: (d) => `Mises à jour de sécurité jusqu’en ${d}` };
    expect(formatEndOfSupportLabel('2032-03-31', { lang: 'fr', texts: { fr } })).toBe('Mises à jour de sécurité jusqu’en 03/2032');
    expect(() => formatEndOfSupportLabel('2032-03-31', { lang: 'fr' })).toThrowWithCode(SupportPeriodError, 'SUPPORT_LANGUAGE_UNSUPPORTED');
  });
}); // prettier-ignore

describe('end-of-support statement', () => {
  const profile = exampleProfile();
  const plan = planSupport(profile, { lastUnitPlacedOnMarket: '2030-06-30' });
  const clock = fixedClock('2028-01-01T00:00:00Z');

  it('validates against its published JSON Schema with Ajv', () => {
    const statement = endOfSupportStatement(profile, plan, { clock });
    const ajv = new Ajv2020({ strict: true });
    addFormats(ajv);
    const validate = ajv.compile(endOfSupportStatementJsonSchema());
    expect(validate(statement)).toBe(true);
    expect(validate({ ...statement, supportEnd: 42 })).toBe(false);
    expect(statement.openEox).toEqual({ $schema: 'https://docs.oasis-open.org/openeox/v1.0/schema/core.json', end_of_security_support: '2038-06-30T23:59:59Z', end_of_life: 'tba', last_updated: '2028-01-01T00:00:00.000Z' });
    expect(statement.labels).toEqual({ en: 'Security updates until 12/2035', de: 'Sicherheitsupdates bis 12/2035' });
  });

  it("states 'tba' while units are still being placed with per-unit support", () => {
    const open = endOfSupportStatement(profile, planSupport(profile), { clock });
    expect(open.openEox.end_of_security_support).toBe('tba');
  });

  it('gives CycloneDX properties the SBOM can embed', () => {
    expect(supportPeriodProperties(plan)).toEqual([
      { name: 'cra-kit:support:start', value: '2027-12-11' },
      { name: 'cra-kit:support:end', value: '2035-12-11' },
      { name: 'cra-kit:support:basis', value: 'unit' },
      { name: 'cra-kit:support:months', value: '96' },
      { name: 'cra-kit:support:label', value: 'Security updates until 12/2035' },
      { name: 'cra-kit:support:latest-end', value: '2038-06-30' },
    ]);
  });
}); // prettier-ignore
