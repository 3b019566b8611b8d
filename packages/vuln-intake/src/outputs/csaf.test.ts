import { readFileSync } from 'node:fs';
import { parseProductProfile } from '@cra-kit/core';
import { weaknesses } from '@secvisogram/csaf-validator-lib/cwe.js';
import * as mandatory from '@secvisogram/csaf-validator-lib/mandatoryTests.js';
import * as optional from '@secvisogram/csaf-validator-lib/optionalTests.js';
import { csaf_2_0_strict } from '@secvisogram/csaf-validator-lib/schemaTests.js';
import validateStrict from '@secvisogram/csaf-validator-lib/validateStrict.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { makeCase } from '../../test/fixtures.js';
import { markActivelyExploited } from '../clock/record.js';
import { VulnIntakeError } from '../errors.js';
import { csafFileName, toCsafAdvisory, toCsafVex } from './csaf-advisory.js';

const profile = parseProductProfile(
  parse(
    readFileSync(
      new URL('../../../../examples/products/vibration-sensor.cra.product.yaml', import.meta.url),
      'utf8',
    ),
  ),
);
const cweName = (id: string) => weaknesses.find((w) => w.id === id)?.name;
const options = {
  trackingId: 'ACME-SA-2026-004',
  publishedAt: '2026-11-02T10:00:00.000Z',
  baseUrl: 'https://acme-sensors.example/.well-known/csaf/white/2026',
  cweName,
};

const cases = {
  'fixed, exploited, CVSS v3.1 + v4.0, CVE': markActivelyExploited(
    makeCase({
      cveId: 'CVE-2026-12345',
      cwe: ['CWE-121'],
      affected: [{ model: 'vs300', versions: ['2.4.0', '<2.4.0'], fixedIn: '2.4.1' }],
      cvss: {
        v31: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
        v40: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
      },
    }),
    { awareAt: '2026-10-01T10:00:00Z', evidence: 'seen' },
  ),
  'no CVE, no fix yet, hostile text': makeCase({
    title: '<script>alert(1)</script>',
    description: 'x </script><img src=x onerror=alert(1)>',
    affected: [{ model: 'vs300', versions: ['2.3.0'] }],
    cvss: { v31: 'CVSS:3.1/AV:A/AC:H/PR:L/UI:R/S:U/C:L/I:N/A:N' },
  }),
};

async function validate(doc: unknown) {
  const tests = [csaf_2_0_strict, ...Object.values(mandatory), ...Object.values(optional)];
  const result = await validateStrict(tests, doc);
  const problems = result.tests.flatMap((t) =>
    [...t.errors, ...t.warnings].map((e) => `${t.name} ${e.instancePath}: ${e.message}`),
  );
  return { isValid: result.isValid, problems, ran: result.tests.map((t) => t.name) };
}

describe('CSAF 2.0 output passes @secvisogram/csaf-validator-lib (strict schema, every 6.1.x mandatory test, every 6.2.x optional test)', () => {
  for (const [name, kase] of Object.entries(cases)) {
    it(`csaf_security_advisory: ${name}`, async () => {
      const result = await validate(toCsafAdvisory(kase, profile, options));
      expect(result.problems).toEqual([]);
      expect(result.isValid).toBe(true);
      expect(result.ran.filter((t) => t.startsWith('mandatoryTest_6_1_')).length).toBeGreaterThan(
        30,
      );
    });

    it(`csaf_vex: ${name}`, async () => {
      const result = await validate(toCsafVex(kase, profile, options));
      expect(result.problems).toEqual([]);
      expect(result.isValid).toBe(true);
    });
  }

  it('leaves only the 6.2.3 warning (missing score) when a case has no CVSS v3.1 vector: score the case', async () => {
    const unscored = makeCase({
      affected: [{ model: 'vs300', versions: ['2.3.0'] }],
      cvss: { v40: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' },
    });
    const result = await validate(toCsafAdvisory(unscored, profile, options));
    expect(result.isValid).toBe(true);
    expect(result.problems).toEqual([
      'optionalTest_6_2_3 /vulnerabilities/0/product_status/known_affected/0: missing score',
    ]);
  });

  it('the validator does catch a broken document (the test can fail)', async () => {
    const doc = toCsafAdvisory(cases['fixed, exploited, CVSS v3.1 + v4.0, CVE'], profile, options);
    const broken = structuredClone(doc);
    broken.vulnerabilities[0]!.scores![0]!.cvss_v3.baseScore = 1.0;
    expect((await validate(broken)).isValid).toBe(false);
  });

  it('names the file after the tracking id and refuses a case without products', () => {
    expect(csafFileName('ACME-SA-2026/004')).toBe('acme-sa-2026_004.json');
    expect(() => toCsafAdvisory(makeCase(), profile, options)).toThrowWithCode(
      VulnIntakeError,
      'VULN_INPUT_INVALID',
    );
  });
});
