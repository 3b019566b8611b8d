import { describe, expect, it } from 'vitest';
import { CVSS31 } from '@pandatix/js-cvss/dist/cvss31.js';
import { CVSS40 } from '@pandatix/js-cvss/dist/cvss40.js';
import { VulnIntakeError } from '../errors.js';
import { scoreCvss, severityOf } from './cvss.js';

const V31 = [
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
  'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N',
  'CVSS:3.1/AV:A/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N',
  'CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N',
  'CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:C/C:H/I:L/A:H',
];
const V40 = [
  'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
  'CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:P/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N',
  'CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:A/VC:H/VI:N/VA:N/SC:H/SI:H/SA:H',
  'CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N',
  'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:A',
];

describe('scoreCvss', () => {
  it.each(V31)('agrees with a second implementation (js-cvss) on %s', (vector) => {
    const ours = scoreCvss(vector);
    expect(ours.version).toBe('3.1');
    expect(ours.baseScore).toBe(new CVSS31(vector).BaseScore());
    expect(ours.severity).toBe(severityOf(ours.baseScore));
  });

  it.each(V40)('agrees with a second implementation (js-cvss) on %s', (vector) => {
    const ours = scoreCvss(vector);
    expect(ours.version).toBe('4.0');
    expect(ours.baseScore).toBe(new CVSS40(vector).Score());
  });

  it('knows the reference scores of FIRST', () => {
    expect(scoreCvss(V31[0]!).baseScore).toBe(9.8);
    expect(scoreCvss(V40[0]!).baseScore).toBe(9.3);
  });

  it.each([
    'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    'CVSS:3.1/AV:N',
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H',
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q',
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:1',
    'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:L',
    'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N',
    'not a vector',
  ])('refuses %s', (vector) => {
    expect(() => scoreCvss(vector)).toThrowWithCode(VulnIntakeError, 'VULN_CVSS_INVALID');
  });

  it.each([
    [0, 'none'],
    [0.1, 'low'],
    [3.9, 'low'],
    [4, 'medium'],
    [6.9, 'medium'],
    [7, 'high'],
    [8.9, 'high'],
    [9, 'critical'],
    [10, 'critical'],
  ] as const)('rates %d as %s', (score, severity) => {
    expect(severityOf(score)).toBe(severity);
  });
});
