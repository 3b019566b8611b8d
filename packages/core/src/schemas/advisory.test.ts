import { describe, expect, it } from 'vitest';
import { AdvisorySchema, SEVERITIES, parseWith } from '@cra-kit/core';
import { issuesOf } from '../../test/fixtures/errors.js';
import { omit } from '../../test/fixtures/objects.js';

const advisory = () => ({
  schemaVersion: 1,
  id: 'ACME-SA-2028-001',
  title: 'Stack overflow in the BLE commissioning service',
  publishedAt: '2028-03-01T10:00:00Z',
  updatedAt: '2028-03-05T10:00:00Z',
  summary: 'A crafted GATT write can overflow a stack buffer in the commissioning service.',
  impact: 'An attacker in radio range can run code on the sensor during commissioning.',
  severity: 'high',
  cvssV31: 'CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  cvssV40: 'CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
  cveIds: ['CVE-2028-10001'],
  cwe: ['CWE-121'],
  affected: [{ model: 'vs300', versions: ['<1.5.0'], fixedIn: '1.5.0' }],
  remediation: 'Install firmware 1.5.0; it is offered automatically.',
  activelyExploited: true,
  references: ['https://acme-sensors.example/security/ACME-SA-2028-001'],
  caseId: 'case-2028-0007',
});

describe('AdvisorySchema (Annex I, Part II (4), (8))', () => {
  it('accepts an advisory and defaults its lists and exploitation flag', () => {
    expect(AdvisorySchema.parse(advisory())).toEqual(advisory());
    const minimal = omit(
      advisory(),
      'updatedAt',
      'cvssV31',
      'cvssV40',
      'cveIds',
      'cwe',
      'activelyExploited',
      'references',
      'caseId',
    );
    expect(AdvisorySchema.parse(minimal)).toEqual({
      ...minimal,
      cveIds: [],
      cwe: [],
      activelyExploited: false,
      references: [],
    });
  });

  it('grades severity from none to critical', () => {
    expect(SEVERITIES).toEqual(['none', 'low', 'medium', 'high', 'critical']);
  });

  it.each([
    ['cveIds', ['CVE-28-1']],
    ['cwe', ['121']],
    ['affected', []],
    ['severity', 'severe'],
    ['cvssV31', 'AV:A/AC:L'],
    ['references', ['http://acme-sensors.example/sa']],
    ['publishedAt', '1 March 2028'],
    ['remediation', ''],
  ])('refuses %s = %j', (field, value) => {
    const issues = issuesOf(() =>
      parseWith(AdvisorySchema, { ...advisory(), [field]: value }, 'advisory'),
    );
    expect(issues.map((i) => i.path[0])).toEqual([field]);
  });
});
