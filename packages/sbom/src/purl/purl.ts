import { SbomError } from '../errors.js';

/** The parts of a package URL (https://github.com/package-url/purl-spec). */
export interface PackageUrl {
  readonly type: string;
  readonly namespace?: string | undefined;
  readonly name: string;
  readonly version?: string | undefined;
  readonly qualifiers?: Readonly<Record<string, string>> | undefined;
}

// The purl spec leaves ':' unencoded; encodeURIComponent is otherwise what it asks for.
const enc = (s: string) => encodeURIComponent(s).replace(/%3A/gi, ':');

/**
 * Builds a canonical purl string: type lower-cased, each segment percent-encoded, qualifiers
 * sorted by key and empty ones dropped.
 *
 * @example
 * ```ts
 * formatPurl({ type: 'deb', namespace: 'debian', name: 'curl', version: '7.88.1-10', qualifiers: { arch: 'amd64' } });
 * // 'pkg:deb/debian/curl@7.88.1-10?arch=amd64'
 * ```
 */
export function formatPurl(purl: PackageUrl): string {
  const ns = purl.namespace ? `${purl.namespace.split('/').map(enc).join('/')}/` : '';
  const version = purl.version ? `@${enc(purl.version)}` : '';
  const q = Object.entries(purl.qualifiers ?? {})
    .filter(([, v]) => v !== '')
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k.toLowerCase()}=${enc(v)}`)
    .join('&');
  return `pkg:${purl.type.toLowerCase()}/${ns}${enc(purl.name)}${version}${q ? `?${q}` : ''}`;
}

/**
 * Parses an untrusted purl strictly: no whitespace or control characters, a valid type, every
 * percent-escape well formed. Subpaths (`#…`) are read and ignored.
 * @throws {SbomError} SBOM_INPUT_INVALID
 */
export function parsePurl(text: string): PackageUrl {
  const fail = (why: string): never => {
    throw new SbomError('SBOM_INPUT_INVALID', `not a package URL: ${why}`, { details: { purl: text.slice(0, 200) } });
  };
  // eslint-disable-next-line no-control-regex
  if (text.length > 4096 || /[\s\u0000-\u001f\u007f]/.test(text)) fail('whitespace, control characters or too long');
  const m = /^pkg:([a-zA-Z][a-zA-Z0-9.+-]*)\/+([^?#]+)(?:\?([^#]*))?(?:#.*)?$/.exec(text);
  if (m === null) return fail('expected pkg:type/name');
  const dec = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch (cause) {
      throw new SbomError('SBOM_INPUT_INVALID', 'bad percent-encoding in package URL', { cause });
    }
  };
  let path = m[2] ?? '';
  let version: string | undefined;
  const at = path.lastIndexOf('@');
  if (at > path.lastIndexOf('/')) {
    version = dec(path.slice(at + 1));
    path = path.slice(0, at);
  }
  const segments = path.split('/').filter((s) => s !== '').map(dec);
  const name = segments.pop();
  if (name === undefined || name === '') return fail('empty name');
  const qualifiers: Record<string, string> = {};
  for (const pair of (m[3] ?? '').split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    if (eq <= 0) fail('bad qualifier');
    qualifiers[pair.slice(0, eq).toLowerCase()] = dec(pair.slice(eq + 1));
  }
  return {
    type: (m[1] ?? '').toLowerCase(),
    ...(segments.length > 0 ? { namespace: segments.join('/') } : {}),
    name,
    ...(version !== undefined ? { version } : {}),
    ...(Object.keys(qualifiers).length > 0 ? { qualifiers } : {}),
  };
} // prettier-ignore
