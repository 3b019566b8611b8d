import { SbomError } from '../errors.js';
import { cachedParser } from './parse-cache.js';

const isAlnum = (c: string | undefined) => c !== undefined && /[A-Za-z0-9]/.test(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);

/** rpm's `rpmvercmp` on one version or release string: `~` sorts first, `^` after the end. */
export function rpmvercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && !isAlnum(a[i]) && a[i] !== '~' && a[i] !== '^') i++;
    while (j < b.length && !isAlnum(b[j]) && b[j] !== '~' && b[j] !== '^') j++;
    if (a[i] === '~' || b[j] === '~') {
      if (a[i] !== '~') return 1;
      if (b[j] !== '~') return -1;
      i++;
      j++;
      continue;
    }
    if (a[i] === '^' || b[j] === '^') {
      if (i >= a.length) return -1;
      if (j >= b.length) return 1;
      if (a[i] !== '^') return 1;
      if (b[j] !== '^') return -1;
      i++;
      j++;
      continue;
    }
    if (!(i < a.length && j < b.length)) break;
    const numeric = isDigit(a[i]);
    const take = numeric ? isDigit : isAlpha;
    let ei = i;
    let ej = j;
    while (ei < a.length && take(a[ei])) ei++;
    while (ej < b.length && take(b[ej])) ej++;
    let sa = a.slice(i, ei);
    let sb = b.slice(j, ej);
    if (sa === '') return -1;
    if (sb === '') return numeric ? 1 : -1;
    if (numeric) {
      sa = sa.replace(/^0+/, '');
      sb = sb.replace(/^0+/, '');
      if (sa.length !== sb.length) return sa.length > sb.length ? 1 : -1;
    }
    if (sa !== sb) return sa < sb ? -1 : 1;
    i = ei;
    j = ej;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

/** Splits `[epoch:]version[-release]`. */
export function parseRpmEvr(evr: string): { epoch: number; version: string; release: string } {
  const m = /^(?:(\d+):)?([^-:\s]+)(?:-([^-:\s]+))?$/.exec(evr.trim());
  if (m === null || evr.length > 256) {
    throw new SbomError('SBOM_VERSION_INVALID', 'not an RPM [epoch:]version[-release]', {
      details: { version: evr.slice(0, 100) },
    });
  }
  return { epoch: Number(m[1] ?? 0), version: m[2] ?? '', release: m[3] ?? '' };
}

const parseCached = cachedParser(parseRpmEvr);

/**
 * Orders two RPM EVRs as rpm's `labelCompare` does: epoch, then version, then release, each with
 * `rpmvercmp`. A missing release compares as equal to any release (as rpm does for queries).
 * @throws {SbomError} SBOM_VERSION_INVALID
 */
export function compareRpm(a: string, b: string): number {
  const x = parseCached(a);
  const y = parseCached(b);
  if (x.epoch !== y.epoch) return x.epoch < y.epoch ? -1 : 1;
  const v = rpmvercmp(x.version, y.version);
  if (v !== 0 || x.release === '' || y.release === '') return v;
  return rpmvercmp(x.release, y.release);
}
