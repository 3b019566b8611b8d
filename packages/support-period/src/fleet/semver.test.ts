import { describe, expect, it } from 'vitest';
import { compareSemver } from './semver.js';

describe('compareSemver (SemVer 2.0.0 precedence)', () => {
  // Each version sorts strictly before the next (the order from semver.org §11).
  const ordered = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.2.0', '1.10.0', '2.0.0'];
  it.each(ordered.slice(1).map((v, i) => [ordered[i]!, v]))('%s < %s', (a, b) => {
    expect(compareSemver(a, b)).toBeLessThan(0);
    expect(compareSemver(b, a)).toBeGreaterThan(0);
  });

  it('ignores build metadata', () => {
    expect(compareSemver('1.2.3+build.7', '1.2.3')).toBe(0);
    expect(compareSemver('1.2.3-rc.1+a', '1.2.3-rc.1+b')).toBe(0);
  });
}); // prettier-ignore
