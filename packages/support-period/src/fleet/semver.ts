const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * Compares two semantic versions by SemVer 2.0.0 precedence (build metadata ignored).
 * Returns a negative number, zero or a positive number. Inputs are validated by core's
 * SemverSchema before they get here; anything else sorts as 0.0.0.
 * @internal
 */
export function compareSemver(a: string, b: string): number {
  const x = SEMVER.exec(a);
  const y = SEMVER.exec(b);
  for (let i = 1; i <= 3; i++) {
    const d = Number(x?.[i] ?? 0) - Number(y?.[i] ?? 0);
    if (d !== 0) return d;
  }
  return comparePrerelease(x?.[4], y?.[4]);
}

function comparePrerelease(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1; // a release ranks above its pre-releases
  if (b === undefined) return -1;
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const s = pa[i];
    const t = pb[i];
    if (s === undefined) return -1;
    if (t === undefined) return 1;
    const ns = /^\d+$/.test(s);
    const nt = /^\d+$/.test(t);
    if (ns && nt && Number(s) !== Number(t)) return Number(s) - Number(t);
    if (ns !== nt) return ns ? -1 : 1;
    if (s !== t) return s < t ? -1 : 1;
  }
  return 0;
}
