import { SbomError } from '../errors.js';
import { compareVersions, schemeOfPurlType, type VersionScheme } from './scheme.js';

/** One constraint of a `vers:` range. */
export interface VersConstraint {
  readonly comparator: '=' | '!=' | '<' | '<=' | '>' | '>=' | '*';
  readonly version: string;
}

/** A parsed `vers:` range (https://github.com/package-url/vers-spec). */
export interface VersRange {
  /** The versioning scheme as written (`deb`, `npm`, `semver`, …). */
  readonly scheme: string;
  /** The ordering used for it. */
  readonly ordering: VersionScheme;
  readonly constraints: readonly VersConstraint[];
}

const COMPARATORS = ['>=', '<=', '!=', '<', '>', '='] as const;

/**
 * Parses a `vers:` range such as `vers:deb/>=1.2.0-1|<1.4.1-2`: the scheme, then constraints
 * separated by `|`, each an optional comparator and a percent-encoded version; `*` alone means
 * every version. Constraints are sorted by version; duplicates are refused.
 * @throws {SbomError} SBOM_RANGE_INVALID (SBOM_VERSION_INVALID for a version the scheme rejects)
 */
export function parseVers(text: string): VersRange {
  const m = /^vers:([a-z0-9.+-]+)\/(.+)$/i.exec(text.trim().replace(/\s+/g, ''));
  if (m === null || text.length > 8192) throw invalid(text, 'expected vers:<scheme>/<constraints>');
  const scheme = (m[1] ?? '').toLowerCase();
  const ordering = schemeOfPurlType(scheme);
  const parts = (m[2] ?? '').split('|');
  if (parts.length === 1 && parts[0] === '*')
    return { scheme, ordering, constraints: [{ comparator: '*', version: '*' }] };
  const constraints = parts.map((part) => {
    const comparator = COMPARATORS.find((c) => part.startsWith(c)) ?? '=';
    const raw = part.slice(comparator === '=' && !part.startsWith('=') ? 0 : comparator.length);
    let version: string;
    try {
      version = decodeURIComponent(raw);
    } catch (cause) {
      throw invalid(text, 'bad percent-encoding', cause);
    }
    if (version === '' || version === '*') throw invalid(text, 'empty version or misplaced *');
    return { comparator, version } satisfies VersConstraint;
  });
  const sorted = [...constraints].sort((a, b) => compareVersions(ordering, a.version, b.version));
  sorted.forEach((c, i) => {
    const previous = sorted[i - 1];
    if (previous && compareVersions(ordering, previous.version, c.version) === 0)
      throw invalid(text, 'a version appears twice');
  });
  return { scheme, ordering, constraints: sorted };
}

/**
 * Whether `version` is inside a `vers:` range, by the vers spec's algorithm: an `=` match or a
 * `!=` miss decides at once; otherwise the sorted `<`/`>` constraints form intervals.
 * @throws {SbomError} SBOM_RANGE_INVALID, SBOM_VERSION_INVALID
 * @example
 * ```ts
 * versContains('vers:deb/>=1.2.0-1|<1.4.1-2', '1.3.0-1'); // true
 * ```
 */
export function versContains(range: VersRange | string, version: string): boolean {
  const r = typeof range === 'string' ? parseVers(range) : range;
  if (r.constraints[0]?.comparator === '*') return true;
  const cmp = (v: string) => compareVersions(r.ordering, version, v);
  for (const c of r.constraints) {
    if (c.comparator === '=' && cmp(c.version) === 0) return true;
    if (c.comparator === '!=' && cmp(c.version) === 0) return false;
  }
  const ranges = r.constraints.filter((c) => c.comparator !== '=' && c.comparator !== '!=');
  if (ranges.length === 0) return r.constraints.some((c) => c.comparator === '!=');
  const below = (c: VersConstraint) =>
    c.comparator === '<' ? cmp(c.version) < 0 : cmp(c.version) <= 0;
  const above = (c: VersConstraint) =>
    c.comparator === '>' ? cmp(c.version) > 0 : cmp(c.version) >= 0;
  const isLower = (c: VersConstraint) => c.comparator === '>' || c.comparator === '>=';
  const first = ranges[0];
  const last = ranges.at(-1);
  if (first && !isLower(first) && below(first)) return true;
  if (last && isLower(last) && above(last)) return true;
  return ranges.some((lo, i) => {
    const hi = ranges[i + 1];
    return hi !== undefined && isLower(lo) && !isLower(hi) && above(lo) && below(hi);
  });
}

function invalid(text: string, why: string, cause?: unknown): SbomError {
  return new SbomError('SBOM_RANGE_INVALID', `invalid vers range: ${why}`, {
    ...(cause === undefined ? {} : { cause }),
    details: { range: text.slice(0, 200) },
  });
}
