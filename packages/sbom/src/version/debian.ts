import { SbomError } from '../errors.js';
import { cachedParser } from './parse-cache.js';

const VALID = /^(?:(\d+):)?([A-Za-z0-9.+~:-]+?)(?:-([A-Za-z0-9.+~]+))?$/;

/** A Debian version split into epoch, upstream version and revision. */
export interface DebianVersion {
  readonly epoch: number;
  readonly upstream: string;
  readonly revision: string;
}

/**
 * Splits `epoch:upstream-revision` as dpkg does: the epoch before the first colon, the revision
 * after the last hyphen (absent means `0`).
 * @throws {SbomError} SBOM_VERSION_INVALID
 */
export function parseDebianVersion(version: string): DebianVersion {
  const v = version.trim();
  const colon = v.indexOf(':');
  const epochText = colon >= 0 ? v.slice(0, colon) : '0';
  const rest = colon >= 0 ? v.slice(colon + 1) : v;
  const hyphen = rest.lastIndexOf('-');
  const upstream = hyphen >= 0 ? rest.slice(0, hyphen) : rest;
  const revision = hyphen >= 0 ? rest.slice(hyphen + 1) : '';
  if (v.length > 256 || !/^\d+$/.test(epochText) || upstream === '' || (hyphen >= 0 && revision === '') || !VALID.test(v) || /[^A-Za-z0-9.+~:-]/.test(upstream) || /[^A-Za-z0-9.+~]/.test(revision)) {
    throw new SbomError('SBOM_VERSION_INVALID', 'not a Debian version', { details: { version: version.slice(0, 100) } });
  }
  return { epoch: Number(epochText), upstream, revision };
} // prettier-ignore

const parseCached = cachedParser(parseDebianVersion);

// dpkg's character weights: '~' before everything (even the end), letters before other symbols.
function order(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (c >= 48 && c <= 57) return 0;
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return c;
  if (c === 126) return -1;
  return c + 256;
}
const isDigit = (s: string, i: number) =>
  i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;

/** dpkg's `verrevcmp`: alternating non-digit and digit runs. */
function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let firstDiff = 0;
    while ((i < a.length && !isDigit(a, i)) || (j < b.length && !isDigit(b, j))) {
      const ac = order(a, i);
      const bc = order(b, j);
      if (ac !== bc) return ac - bc;
      i++;
      j++;
    }
    while (a[i] === '0') i++;
    while (b[j] === '0') j++;
    while (isDigit(a, i) && isDigit(b, j)) {
      if (firstDiff === 0) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (isDigit(a, i)) return 1;
    if (isDigit(b, j)) return -1;
    if (firstDiff !== 0) return firstDiff;
  }
  return 0;
}

/**
 * Orders two Debian versions exactly as `dpkg --compare-versions` does (epoch, then upstream,
 * then revision; `~` sorts before anything, even the end of the string).
 * @returns negative, zero or positive
 * @throws {SbomError} SBOM_VERSION_INVALID
 * @example
 * ```ts
 * compareDebian('1.0~rc1-1', '1.0-1'); // < 0
 * ```
 */
export function compareDebian(a: string, b: string): number {
  const x = parseCached(a);
  const y = parseCached(b);
  if (x.epoch !== y.epoch) return x.epoch < y.epoch ? -1 : 1;
  return Math.sign(verrevcmp(x.upstream, y.upstream) || verrevcmp(x.revision, y.revision));
}
