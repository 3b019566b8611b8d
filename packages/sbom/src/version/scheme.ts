import { compareApk } from './apk.js';
import { compareDebian } from './debian.js';
import { compareGeneric } from './generic.js';
import { compareRpm } from './rpm.js';
import { compareSemver } from './semver.js';

/** The version schemes we order. */
export const VERSION_SCHEMES = ['deb', 'rpm', 'apk', 'semver', 'generic'] as const;
export type VersionScheme = (typeof VERSION_SCHEMES)[number];

const COMPARE: Readonly<Record<VersionScheme, (a: string, b: string) => number>> = {
  deb: compareDebian,
  rpm: compareRpm,
  apk: compareApk,
  semver: compareSemver,
  generic: compareGeneric,
};

/**
 * Orders two versions under a scheme.
 * @returns negative, zero or positive
 * @throws {SbomError} SBOM_VERSION_INVALID
 */
export function compareVersions(scheme: VersionScheme, a: string, b: string): number {
  return COMPARE[scheme](a, b);
}

/** The scheme of a purl type or `vers:` scheme (`deb`, `npm` → semver, `alpine` → apk, …). */
export function schemeOfPurlType(type: string): VersionScheme {
  switch (type.toLowerCase()) {
    case 'deb': case 'debian': case 'ubuntu': return 'deb';
    case 'rpm': case 'redhat': case 'suse': return 'rpm';
    case 'apk': case 'alpine': return 'apk';
    case 'npm': case 'semver': case 'cargo': case 'golang': case 'go': case 'nuget': case 'hex': return 'semver';
    default: return 'generic';
  }
} // prettier-ignore

/** The scheme of an OSV ecosystem (`Debian:12`, `Alpine:v3.20`, `npm`, `Red Hat`, …). */
export function schemeOfOsvEcosystem(ecosystem: string): VersionScheme {
  const base = (ecosystem.split(':')[0] ?? '').toLowerCase();
  if (base === 'debian' || base === 'ubuntu') return 'deb';
  if (base === 'alpine' || base === 'wolfi' || base === 'chainguard') return 'apk';
  if (
    ['red hat', 'rocky linux', 'almalinux', 'opensuse', 'suse', 'mageia', 'openeuler'].includes(
      base,
    )
  )
    return 'rpm';
  if (['npm', 'crates.io', 'go', 'nuget', 'hex', 'pub', 'packagist'].includes(base))
    return 'semver';
  return 'generic';
}
