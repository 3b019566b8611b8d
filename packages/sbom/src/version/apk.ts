import { SbomError } from '../errors.js';
import { cachedParser } from './parse-cache.js';

const APK =
  /^(\d+(?:\.\d+)*)([a-z])?((?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\d*)*)(?:~([0-9a-f]+))?(?:-r(\d+))?$/;
// Pre-release suffixes sort before the plain version, post-release ones after it.
const SUFFIX_RANK: Readonly<Record<string, number>> = {
  alpha: -4,
  beta: -3,
  pre: -2,
  rc: -1,
  '': 0,
  cvs: 1,
  svn: 2,
  git: 3,
  hg: 4,
  p: 5,
};

interface ApkVersion {
  numbers: string[];
  letter: string;
  suffixes: { rank: number; n: number }[];
  hash: string;
  revision: number;
}

const parse = cachedParser(parseUncached);

function parseUncached(v: string): ApkVersion {
  const m = APK.exec(v.trim());
  if (m === null || v.length > 256) {
    throw new SbomError('SBOM_VERSION_INVALID', 'not an Alpine apk version', {
      details: { version: v.slice(0, 100) },
    });
  }
  const suffixes = [...(m[3] ?? '').matchAll(/_([a-z]+)(\d*)/g)].map((s) => ({
    rank: SUFFIX_RANK[s[1] ?? ''] ?? 0,
    n: Number(s[2] || 0),
  }));
  return {
    numbers: (m[1] ?? '0').split('.'),
    letter: m[2] ?? '',
    suffixes,
    hash: m[4] ?? '',
    revision: Number(m[5] ?? 0),
  };
}

const cmp = (a: number | string | bigint, b: number | string | bigint) =>
  a < b ? -1 : a > b ? 1 : 0;

/**
 * Orders two Alpine package versions (`1.2.3a_rc1-r2`): numeric components (a later component with
 * a leading zero compares as a decimal fraction, as apk does), letter, suffixes
 * (`_alpha` < `_beta` < `_pre` < `_rc` < none < `_cvs` < `_svn` < `_git` < `_hg` < `_p`), then `-rN`.
 * @throws {SbomError} SBOM_VERSION_INVALID
 */
export function compareApk(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < Math.max(x.numbers.length, y.numbers.length); i++) {
    const p = x.numbers[i];
    const q = y.numbers[i];
    if (p === undefined) return -1;
    if (q === undefined) return 1;
    const fractional = i > 0 && (p.startsWith('0') || q.startsWith('0'));
    const c = fractional ? cmp(Number(`0.${p}`), Number(`0.${q}`)) : cmp(BigInt(p), BigInt(q));
    if (c !== 0) return c;
  }
  const letter = cmp(x.letter, y.letter);
  if (letter !== 0) return letter;
  for (let i = 0; i < Math.max(x.suffixes.length, y.suffixes.length); i++) {
    const s = x.suffixes[i] ?? { rank: 0, n: 0 };
    const t = y.suffixes[i] ?? { rank: 0, n: 0 };
    const c = cmp(s.rank, t.rank) || cmp(s.n, t.n);
    if (c !== 0) return c;
  }
  return cmp(x.hash, y.hash) || cmp(x.revision, y.revision);
}
