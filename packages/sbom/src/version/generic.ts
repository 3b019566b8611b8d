import { SbomError } from '../errors.js';
import { cachedParser } from './parse-cache.js';

/**
 * Orders generic dotted versions (`1.2.10`, `2024.01`, `1.0b2`): runs of digits compare
 * numerically, runs of letters lexically, a number beats letters at the same place, and a
 * version with more components is newer when the rest is equal. Separators (`.`, `-`, `_`, `+`)
 * only delimit.
 * @throws {SbomError} SBOM_VERSION_INVALID for an empty or over-long version
 */
export function compareGeneric(a: string, b: string): number {
  const x = tokens(a);
  const y = tokens(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i];
    const q = y[i];
    if (p === undefined) return typeof q === 'string' ? 1 : -1;
    if (q === undefined) return typeof p === 'string' ? -1 : 1;
    if (typeof p === 'bigint' && typeof q === 'bigint') {
      if (p !== q) return p < q ? -1 : 1;
    } else if (typeof p === 'bigint' || typeof q === 'bigint') {
      return typeof p === 'bigint' ? 1 : -1;
    } else if (p !== q) return p < q ? -1 : 1;
  }
  return 0;
}

const tokens = cachedParser(tokensUncached);

function tokensUncached(v: string): (bigint | string)[] {
  const t = v.trim().toLowerCase();
  if (t === '' || t.length > 256) {
    throw new SbomError('SBOM_VERSION_INVALID', 'empty or over-long version', {
      details: { version: v.slice(0, 100) },
    });
  }
  return [...t.matchAll(/\d+|[a-z]+/g)].map(([s]) => (/^\d/.test(s) ? BigInt(s) : s));
}
