import { SbomError } from '../errors.js';
import { cachedParser } from './parse-cache.js';

const SEMVER =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/;

/**
 * Orders two SemVer 2.0.0 versions by precedence (build metadata ignored; a pre-release sorts
 * before its release; numeric identifiers before alphanumeric ones). A leading `v` is accepted.
 * @throws {SbomError} SBOM_VERSION_INVALID
 */
export function compareSemver(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    const p = x.core[i] ?? 0n;
    const q = y.core[i] ?? 0n;
    if (p !== q) return p < q ? -1 : 1;
  }
  if (x.pre.length === 0 || y.pre.length === 0)
    return x.pre.length === y.pre.length ? 0 : x.pre.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i];
    const q = y.pre[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    if (p === q) continue;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn) return BigInt(p) < BigInt(q) ? -1 : 1;
    if (pn !== qn) return pn ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return 0;
}

const parse = cachedParser(parseUncached);

function parseUncached(v: string): { core: readonly bigint[]; pre: readonly string[] } {
  const m = SEMVER.exec(v.trim());
  if (m === null || v.length > 256) {
    throw new SbomError('SBOM_VERSION_INVALID', 'not a SemVer version', {
      details: { version: v.slice(0, 100) },
    });
  }
  return { core: [m[1], m[2], m[3]].map((n) => BigInt(n ?? 0)), pre: m[4] ? m[4].split('.') : [] };
}
