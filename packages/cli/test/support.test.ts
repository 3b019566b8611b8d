import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cra, EXAMPLE_PROFILE, tempDir } from './run.js';

const release = (version: string, releasedAt: string, type: 'security' | 'feature') => ({
  schemaVersion: 1, model: 'vs300', version, releasedAt, type, securityCounter: 1,
  hardwareIds: ['rev-b', 'rev-c'], image: { name: 'vs300.bin', length: 1024, sha256: 'a'.repeat(64) },
}); // prettier-ignore

async function fixtures() {
  const dir = await tempDir();
  const releases = join(dir, 'releases.json');
  await writeFile(
    releases,
    JSON.stringify([
      release('1.0.0', '2028-01-15T00:00:00Z', 'feature'),
      release('1.1.0', '2026-01-10T00:00:00Z', 'security'),
    ]),
  );
  const fleet = join(dir, 'fleet.csv');
  await writeFile(fleet, [
    'serial,model,hardwareRevision,firmwareVersion,placedOnMarketAt,ownerContactId',
    'VS3-1,vs300,rev-b,1.1.0,2026-01-01,o1',
    'VS3-2,vs300,rev-b,1.0.0,2018-01-01,o2',
    'VS3-3,tx900,rev-b,1.0.0,2026-01-01,o3',
    'VS3-4,vs300,rev-b,1.0.0,2999-01-01,o4',
    'VS3-5,vs300,"rev-b,1.0.0,2028-01-01,o5',
  ].join('\n')); // prettier-ignore
  return { dir, releases, fleet };
}

describe('cra support', () => {
  it('plan: prints the plan of the worked example, and JSON with --json', async () => {
    const { releases } = await fixtures();
    const text = await cra(['support', 'plan', '--product', EXAMPLE_PROFILE, '--last-unit', '2030-06-30', '--releases', releases]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('2027-12-11 – 2035-12-11 inclusive (96 months)');
    expect(text.stdout).toContain('keep update 1.1.0 (issued 2026-01-10) until 2038-06-30 [Art. 13(9)]');
    const { code, stdout } = await cra(['support', 'plan', '--product', EXAMPLE_PROFILE, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ model: 'vs300', supportEnd: '2035-12-11', latestSupportEnd: null, minimumMonths: 60 });
  });

  it('plan: fails with exit 1 and the Art. 13(8) citation when the period is shorter than the expected use', async () => {
    const { dir } = await fixtures();
    const path = join(dir, 'short.yaml');
    // 6 years of support for 8 years of use, and no rationale: the profile itself is refused.
    const yaml = (await readFile(EXAMPLE_PROFILE, 'utf8'))
      .replace(/ {2}supportPeriod:\n {4}duration:\n {6}years: 8/, '  supportPeriod:\n    duration:\n      years: 6')
      .replace(/ {4}rationale: >-\n(?: {6}.*\n)+/, '');
    expect(yaml).toContain('years: 6');
    expect(yaml).not.toContain('rationale: >-\n      Customers');
    await writeFile(path, yaml);
    const { code, stdout } = await cra(['support', 'plan', '--product', path, '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ error: { code: 'CORE_VALIDATION_FAILED', issues: [{ path: ['lifecycle', 'supportPeriod', 'duration'], citation: 'Art. 13(8)' }] } });
  });

  it('label: in German, numeric and long, and for a later unit', async () => {
    expect((await cra(['support', 'label', '--product', EXAMPLE_PROFILE, '--lang', 'de'])).stdout).toBe('Sicherheitsupdates bis 12/2035\n');
    expect((await cra(['support', 'label', '--product', EXAMPLE_PROFILE, '--style', 'long', '--placed-on', '2029-03-31'])).stdout).toBe('Security updates until March 2037\n');
    const { code, stdout } = await cra(['support', 'label', '--product', EXAMPLE_PROFILE, '--lang', 'xx', '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ error: { code: 'SUPPORT_LANGUAGE_UNSUPPORTED' } });
  });

  it('status: classifies good lines, reports bad ones by line number, exits 1', async () => {
    const { releases, fleet } = await fixtures();
    const { code, stdout } = await cra(['support', 'status', '--fleet', fleet, '--releases', releases, '--product', EXAMPLE_PROFILE, '--json']);
    expect(code).toBe(1);
    const summary = JSON.parse(stdout) as { devices: number; ended: number; outOfSupport: string[]; errors: { line: number; code: string }[] };
    expect(summary).toMatchObject({ devices: 2, ended: 1, outOfSupport: ['VS3-2'] });
    expect(summary.errors.map((e) => [e.line, e.code])).toEqual([[4, 'SUPPORT_FLEET_UNKNOWN_MODEL'], [5, 'SUPPORT_FLEET_DATE_OUT_OF_RANGE'], [6, 'SUPPORT_FLEET_LINE_MALFORMED']]);
    const text = await cra(['support', 'status', '--fleet', fleet, '--releases', releases, '--product', EXAMPLE_PROFILE]);
    expect(text.stdout).toMatch(/2 devices: 1 in support, 0 ending within 90 days, 1 out of support/);
    expect(text.stdout).toMatch(/line 4 +SUPPORT_FLEET_UNKNOWN_MODEL/);
  });

  it('status: usage errors exit 2, unreadable files exit 1', async () => {
    const { releases, fleet } = await fixtures();
    expect((await cra(['support', 'status', '--fleet', fleet])).code).toBe(2);
    expect((await cra(['support', 'status', '--fleet', fleet, '--releases', releases, '--product', EXAMPLE_PROFILE, '--pending-days', 'soon'])).code).toBe(2);
    const missing = await cra(['support', 'status', '--fleet', '/nonexistent/fleet.csv', '--releases', releases, '--product', EXAMPLE_PROFILE, '--json']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { code: 'CLI_FILE_UNREADABLE' } });
  });

  it('statement: JSON with OpenEoX Core fields', async () => {
    const { code, stdout } = await cra(['support', 'statement', '--product', EXAMPLE_PROFILE, '--last-unit', '2030-06-30']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ model: 'vs300', citation: 'Art. 13(19)', labels: { de: 'Sicherheitsupdates bis 12/2035' }, openEox: { end_of_security_support: '2038-06-30T23:59:59Z', end_of_life: 'tba' } });
  });

  it('every support command has --help with an example', async () => {
    for (const sub of ['plan', 'label', 'statement', 'status']) {
      const { code, stdout } = await cra(['support', sub, '--help']);
      expect(code).toBe(0);
      expect(stdout).toContain('Example:');
      expect(stdout).toContain('--json');
    }
  });
}); // prettier-ignore
