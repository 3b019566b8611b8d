import {
  compareApk,
  compareGeneric,
  compareSemver,
  compareVersions,
  evaluateOsvRange,
  parseVers,
  SbomError,
  versContains,
} from '@cra-kit/sbom';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const ascending = (compare: (a: string, b: string) => number, list: string[]) => {
  for (let i = 1; i < list.length; i++)
    expect([list[i - 1], compare(list[i - 1]!, list[i]!)]).toEqual([list[i - 1], -1]);
};

describe('apk', () => {
  it('orders suffixes, letters, fractional components and revisions as Alpine does', () => {
    ascending(compareApk, [
      '1.0_alpha1',
      '1.0_beta',
      '1.0_pre2',
      '1.0_rc1',
      '1.0',
      '1.0-r1',
      '1.0_p1',
      '1.0a',
      '1.0.1',
      '1.01',
      '1.1',
      '1.10',
      '2.0_git20240101',
    ]);
    expect(compareApk('1.2.3-r0', '1.2.3')).toBe(0);
  });
  it('rejects what is not an apk version', () => {
    expect(() => compareApk('1.0;rm -rf', '1.0')).toThrowWithCode(
      SbomError,
      'SBOM_VERSION_INVALID',
    );
  });
});

describe('semver', () => {
  it('follows SemVer 2.0.0 §11 precedence', () => {
    ascending(compareSemver, [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.10.0',
      '2.0.0',
    ]);
    expect(compareSemver('1.0.0+build.1', 'v1.0.0')).toBe(0);
  });
  it('is a total order (antisymmetric, transitive) on generated versions', () => {
    const v = fc
      .tuple(
        fc.nat(20),
        fc.nat(20),
        fc.nat(20),
        fc.option(fc.constantFrom('alpha', 'beta.1', 'rc.2', '1'), { nil: undefined }),
      )
      .map(([a, b, c, p]) => `${a}.${b}.${c}${p ? `-${p}` : ''}`);
    fc.assert(
      fc.property(v, v, v, (a, b, c) => {
        expect(Math.sign(compareSemver(a, b))).toBe(-Math.sign(compareSemver(b, a)));
        if (compareSemver(a, b) <= 0 && compareSemver(b, c) <= 0)
          expect(compareSemver(a, c)).toBeLessThanOrEqual(0);
      }),
      { seed: 42 },
    );
  });
  it('rejects non-semver', () => {
    expect(() => compareSemver('1.0', '1.0.0')).toThrowWithCode(SbomError, 'SBOM_VERSION_INVALID');
  });
});

describe('generic', () => {
  it('orders dotted versions numerically', () => {
    ascending(compareGeneric, ['1.0b2', '1.0', '1.2', '1.2.1', '1.10', '2024.01']);
  });
});

describe('vers: ranges', () => {
  it('evaluates intervals, equality and exclusions', () => {
    const r = 'vers:deb/>=1.2.0-1|<1.4.1-2|>=2.0|!=2.1|<3.0';
    expect(versContains(r, '1.1')).toBe(false);
    expect(versContains(r, '1.2.0-1')).toBe(true);
    expect(versContains(r, '1.4.1-1')).toBe(true);
    expect(versContains(r, '1.4.1-2')).toBe(false);
    expect(versContains(r, '1.9')).toBe(false);
    expect(versContains(r, '2.0')).toBe(true);
    expect(versContains(r, '2.1')).toBe(false);
    expect(versContains(r, '3.0')).toBe(false);
    expect(versContains('vers:npm/1.2.3|2.0.0', '2.0.0')).toBe(true);
    expect(versContains('vers:npm/*', '9.9.9')).toBe(true);
    expect(versContains('vers:semver/>=1.0.0', '0.9.0')).toBe(false);
    expect(versContains('vers:semver/<1.0.0', '0.9.0')).toBe(true);
  });
  it('uses the scheme’s ordering: Debian tilde', () => {
    expect(versContains('vers:deb/<1.0', '1.0~rc1')).toBe(true);
  });
  it('rejects malformed ranges with a typed error', () => {
    expect(() => parseVers('vers:npm/')).toThrowWithCode(SbomError, 'SBOM_RANGE_INVALID');
    expect(() => parseVers('version:npm/1.0.0')).toThrowWithCode(SbomError, 'SBOM_RANGE_INVALID');
    expect(() => parseVers('vers:npm/1.0.0|1.0.0')).toThrowWithCode(
      SbomError,
      'SBOM_RANGE_INVALID',
    );
    expect(() => parseVers('vers:npm/%E0%A4%A')).toThrowWithCode(SbomError, 'SBOM_RANGE_INVALID');
  });
});

describe('OSV ranges', () => {
  const range = { type: 'ECOSYSTEM' as const, events: [{ introduced: '0' }, { fixed: '1.1.1n-0+deb11u1' }, { introduced: '3.0.0-1' }, { last_affected: '3.0.2-1' }] };
  it('introduced/fixed is half-open, last_affected is closed', () => {
    expect(evaluateOsvRange(range, '1.1.1k-1', 'deb')).toMatchObject({ affected: true, fixed: '1.1.1n-0+deb11u1' });
    expect(evaluateOsvRange(range, '1.1.1n-0+deb11u1', 'deb')).toEqual({ affected: false });
    expect(evaluateOsvRange(range, '3.0.2-1', 'deb')).toMatchObject({ affected: true, lastAffected: '3.0.2-1' });
    expect(evaluateOsvRange(range, '3.0.2-2', 'deb')).toEqual({ affected: false });
  });
  it('an open introduced affects everything after it', () => {
    expect(evaluateOsvRange({ type: 'SEMVER', events: [{ introduced: '2.0.0' }] }, '9.0.0', 'semver')).toMatchObject({ affected: true });
    expect(compareVersions('semver', '1.0.0', '2.0.0')).toBe(-1);
  });
}); // prettier-ignore
