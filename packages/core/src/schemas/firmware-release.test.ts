import { describe, expect, it } from 'vitest';
import { FirmwareReleaseSchema, RELEASE_TYPES, parseWith } from '@cra-kit/core';
import { issuesOf } from '../../test/fixtures/errors.js';
import { omit } from '../../test/fixtures/objects.js';

const release = () => ({
  schemaVersion: 1,
  model: 'vs300',
  version: '1.5.0',
  releasedAt: '2028-03-01T09:00:00Z',
  type: 'security',
  securityCounter: 8,
  hardwareIds: ['rev-b', 'rev-c'],
  minimumInstalledVersion: '1.2.0',
  image: {
    name: 'vs300-1.5.0.bin',
    length: 524_288,
    sha256: 'a1'.repeat(32),
    sha512: 'b2'.repeat(64),
  },
  sbom: { location: 'sbom/vs300-1.5.0.cdx.json', sha256: 'c3'.repeat(32) },
  advisories: ['ACME-SA-2028-001'],
});

describe('FirmwareReleaseSchema', () => {
  it('accepts a release and defaults its advisories to none', () => {
    expect(FirmwareReleaseSchema.parse(release())).toEqual(release());
    const minimal = omit(release(), 'advisories', 'sbom', 'minimumInstalledVersion');
    expect(FirmwareReleaseSchema.parse(minimal)).toEqual({ ...minimal, advisories: [] });
  });

  it('tells security releases from feature releases (Annex I, Part II (2))', () => {
    expect(RELEASE_TYPES).toEqual(['security', 'feature']);
  });

  it.each([
    [['version'], '1.5'],
    [['version'], '1.5.0.1'],
    [['minimumInstalledVersion'], 'latest'],
    [['releasedAt'], '2028-03-01 09:00'],
    [['releasedAt'], '2028-03-01T09:00:00'],
    [['securityCounter'], -1],
    [['hardwareIds'], []],
    [['type'], 'hotfix'],
    [['advisories'], ['ACME SA 1']],
  ])('refuses %j = %j', (path, value) => {
    const input = { ...release(), [path[0] as string]: value };
    expect(
      issuesOf(() => parseWith(FirmwareReleaseSchema, input)).map((i) => i.path.slice(0, 1)),
    ).toEqual([path]);
  });

  it.each([
    ['sha256', 'A1'.repeat(32)],
    ['sha256', 'a1'.repeat(31)],
    ['sha256', 'g1'.repeat(32)],
    ['sha512', 'a1'.repeat(32)],
    ['length', 0],
  ])('refuses an image with %s = %j', (field, value) => {
    const input = { ...release(), image: { ...release().image, [field]: value } };
    expect(issuesOf(() => parseWith(FirmwareReleaseSchema, input)).map((i) => i.path)).toEqual([
      ['image', field],
    ]);
  });

  it('refuses an SBOM reference without its digest', () => {
    const input = { ...release(), sbom: { location: 'sbom.json' } };
    expect(issuesOf(() => parseWith(FirmwareReleaseSchema, input)).map((i) => i.path)).toEqual([
      ['sbom', 'sha256'],
    ]);
  });
});
