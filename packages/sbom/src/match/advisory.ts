import type { OsvRange } from '../version/osv-range.js';
import type { VersionScheme } from '../version/scheme.js';

/** How an advisory names the software it affects, which sets how much a match is worth. */
export type IdentifierKind = 'purl' | 'cpe' | 'name';

/** One affected package of an advisory, normalised from OSV or CVE JSON 5. */
export interface AffectedPackage {
  /** Lookup key: `<purl type>/<name>` for packages, `cpe/<vendor>:<product>`, `name/<name>`. */
  readonly key: string;
  readonly identifier: IdentifierKind;
  /** OSV ecosystem with release (`Debian:12`), when given. */
  readonly ecosystem?: string;
  readonly scheme: VersionScheme;
  readonly ranges: readonly OsvRange[];
  /** Versions listed one by one as affected. */
  readonly versions: readonly string[];
}

/** An advisory in the form the matcher uses. */
export interface Advisory {
  readonly id: string;
  readonly aliases: readonly string[];
  readonly source: 'osv' | 'cve';
  readonly summary?: string;
  readonly affected: readonly AffectedPackage[];
}
