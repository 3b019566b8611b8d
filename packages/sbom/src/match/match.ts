import type { Bom } from '../model/schema.js';
import { allComponents } from '../model/walk.js';
import { evaluateOsvRange } from '../version/osv-range.js';
import { compareVersions } from '../version/scheme.js';
import { SbomError } from '../errors.js';
import type { Advisory, AffectedPackage, IdentifierKind } from './advisory.js';
import { AdvisoryIndex } from './advisory-index.js';
import { componentKeys, type ComponentKey } from './component-keys.js';
import type { KevEntry } from './kev.js';

/** Why and how sure: every match carries its explanation. */
export interface VulnerabilityMatch {
  readonly vulnerability: string;
  readonly aliases: readonly string[];
  readonly source: 'osv' | 'cve';
  readonly summary?: string;
  /** `bom-ref` of the component, and `name@version` for people. */
  readonly ref: string;
  readonly component: string;
  /**
   * `affected`: the version is in a range; `needs-commit-graph`: only GIT ranges apply, which
   * need the repository's history (reported, never dropped); `version-unparsable`: the advisory's
   * or component's version cannot be ordered under the scheme (reported, never dropped).
   */
  readonly status: 'affected' | 'needs-commit-graph' | 'version-unparsable';
  readonly identifier: IdentifierKind;
  /** The identifier value that matched (purl, CPE, name@version). */
  readonly matchedOn: string;
  readonly ecosystem?: string;
  /** The range or list that matched, as text: `ECOSYSTEM >=0 <2.36-9+deb12u3`. */
  readonly range: string;
  readonly fixed?: string;
  readonly confidence: 'high' | 'medium' | 'low';
  /** Listed in the known-exploited catalogue given. */
  readonly knownExploited: boolean;
}

/** Options of {@link matchSbom}. */
export interface MatchOptions {
  /** Advisories, or an index of them built once and reused (faster for several scans). */
  readonly advisories: Iterable<Advisory> | AdvisoryIndex;
  /** Known-exploited catalogue (see `readKev`). */
  readonly kev?: ReadonlyMap<string, KevEntry>;
  /**
   * Match by bare component name too: `non-distro` (default) skips Debian/RPM/apk packages, whose
   * distribution advisories know about backported fixes; `all`; or `none`.
   */
  readonly nameMatching?: 'non-distro' | 'all' | 'none';
}

/**
 * Matches every component of an SBOM against offline advisories through an index (purl type and
 * name, CPE vendor:product, name), so the cost grows with the SBOM and the hits, not with
 * components × advisories. Each match says which identifier matched, which range, and how
 * confident it is: purl with a known distribution release → high; purl → medium where the release
 * is unknown or for CPE; bare name → low.
 *
 * @example
 * ```ts
 * const matches = matchSbom(bom, { advisories: await readOsvDirectory('osv/'), kev });
 * ```
 */
export function matchSbom(bom: Bom, options: MatchOptions): VulnerabilityMatch[] {
  const index =
    options.advisories instanceof AdvisoryIndex
      ? options.advisories
      : AdvisoryIndex.of(options.advisories);
  const out: VulnerabilityMatch[] = [];
  for (const { component: c } of allComponents(bom)) {
    const ref = c['bom-ref'] ?? `${c.name}@${c.version ?? ''}`;
    const seen = new Set<string>();
    for (const key of componentKeys(c, { nameMatching: options.nameMatching ?? 'non-distro' })) {
      for (const { advisory, affected } of index.lookup(key.key)) {
        if (seen.has(advisory.id) || !sameRelease(affected, key)) continue;
        const verdict = judge(affected, key);
        if (verdict === undefined) continue;
        seen.add(advisory.id);
        const ids = [advisory.id, ...advisory.aliases].map((x) => x.toUpperCase());
        out.push({
          vulnerability: advisory.id, aliases: advisory.aliases, source: advisory.source,
          ...(advisory.summary ? { summary: advisory.summary } : {}),
          ref, component: `${c.name}@${c.version ?? ''}`,
          identifier: key.identifier, matchedOn: key.via,
          ...(affected.ecosystem ? { ecosystem: affected.ecosystem } : {}),
          ...verdict,
          confidence: key.identifier === 'name' ? 'low' : key.identifier === 'cpe' || (affected.ecosystem?.includes(':') && key.release === undefined) ? 'medium' : 'high',
          knownExploited: ids.some((id) => options.kev?.has(id) ?? false),
        }); // prettier-ignore
      }
    }
  }
  return out;
}

/** An advisory for `Debian:11` says nothing about a Debian 12 package. */
function sameRelease(affected: AffectedPackage, key: ComponentKey): boolean {
  const release = affected.ecosystem?.split(':')[1];
  return release === undefined || key.release === undefined || release === key.release;
}

type Verdict = Pick<VulnerabilityMatch, 'status' | 'range'> & { fixed?: string };

function judge(affected: AffectedPackage, key: ComponentKey): Verdict | undefined {
  try {
    if (affected.versions.some((v) => compareVersions(affected.scheme, key.version, v) === 0)) {
      return { status: 'affected', range: `versions list (${affected.versions.length})` };
    }
    let git = false;
    for (const range of affected.ranges) {
      if (range.type === 'GIT') {
        git = true;
        continue;
      }
      const v = evaluateOsvRange(range, key.version, affected.scheme);
      if (v.affected) {
        const upper = v.fixed ? ` <${v.fixed}` : v.lastAffected ? ` <=${v.lastAffected}` : '';
        return {
          status: 'affected',
          range: `${range.type} >=${v.introduced}${upper}`,
          ...(v.fixed ? { fixed: v.fixed } : {}),
        };
      }
    }
    return git
      ? {
          status: 'needs-commit-graph',
          range: 'GIT (commit range; resolve against the source repository)',
        }
      : undefined;
  } catch (error) {
    if (!SbomError.isInstance(error) || error.code !== 'SBOM_VERSION_INVALID') throw error;
    return { status: 'version-unparsable', range: `versions not comparable as ${affected.scheme}` };
  }
}
