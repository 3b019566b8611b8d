import { compareVersions, type VersionScheme } from './scheme.js';

/** One OSV range event. */
export type OsvEvent =
  { introduced: string } | { fixed: string } | { last_affected: string } | { limit: string };

/** An OSV `affected[].ranges[]` entry. */
export interface OsvRange {
  readonly type: 'SEMVER' | 'ECOSYSTEM' | 'GIT';
  readonly events: readonly OsvEvent[];
}

/** Where a version falls in a range: affected (with the interval that matched) or not. */
export type RangeVerdict =
  | {
      readonly affected: true;
      readonly introduced: string;
      readonly fixed?: string;
      readonly lastAffected?: string;
    }
  | { readonly affected: false };

/**
 * Evaluates OSV `SEMVER`/`ECOSYSTEM` events for one version, as the OSV schema defines: events
 * sorted by version (`introduced: "0"` first), a version is affected from an `introduced` until
 * the next `fixed` (exclusive) or `last_affected` (inclusive). `limit` events do not change the
 * verdict for a single version. GIT ranges need a commit graph; callers report them instead.
 * @throws {SbomError} SBOM_VERSION_INVALID
 */
export function evaluateOsvRange(
  range: OsvRange,
  version: string,
  scheme: VersionScheme,
): RangeVerdict {
  const events = sortedEvents(range, scheme);
  let open: string | undefined;
  const at = (v: string) => (v === '0' ? 1 : compareVersions(scheme, version, v));
  for (const e of events) {
    if ('introduced' in e) {
      if (at(e.introduced) >= 0) open = e.introduced;
      else break;
    } else if ('fixed' in e) {
      if (open !== undefined && at(e.fixed) < 0)
        return { affected: true, introduced: open, fixed: e.fixed };
      if (at(e.fixed) >= 0) open = undefined;
    } else if ('last_affected' in e) {
      if (open !== undefined && at(e.last_affected) <= 0)
        return { affected: true, introduced: open, lastAffected: e.last_affected };
      if (at(e.last_affected) > 0) open = undefined;
    }
  }
  return open === undefined ? { affected: false } : { affected: true, introduced: open };
}

const eventVersion = (e: OsvEvent) => Object.values(e)[0] as string;

// A range's events sorted once per scheme and reused: a scan evaluates one range against many
// components. Keyed weakly by the range, so the cache lives as long as the advisory.
const sorted = new WeakMap<OsvRange, { scheme: VersionScheme; events: readonly OsvEvent[] }>();

function sortedEvents(range: OsvRange, scheme: VersionScheme): readonly OsvEvent[] {
  const hit = sorted.get(range);
  if (hit?.scheme === scheme) return hit.events;
  const events = range.events
    .filter((e) => !('limit' in e))
    .sort((a, b) => {
      const x = eventVersion(a);
      const y = eventVersion(b);
      if (x === '0' || y === '0') return x === y ? 0 : x === '0' ? -1 : 1;
      return compareVersions(scheme, x, y);
    });
  sorted.set(range, { scheme, events });
  return events;
}
