import type { CdxComponent } from '../model/schema.js';
import { parsePurl } from '../purl/purl.js';
import { cpeVendorProduct } from './cve5.js';
import type { IdentifierKind } from './advisory.js';

/** One way to look a component up in the advisory index. */
export interface ComponentKey {
  readonly key: string;
  readonly identifier: IdentifierKind;
  /** The version to test under this key (a Debian binary package tests its source version). */
  readonly version: string;
  /** The identifier value that matched, for the explanation. */
  readonly via: string;
  /** Debian/Ubuntu release (`12`) read from the purl or version, when known. */
  readonly release?: string;
}

const DISTRO_TYPES = new Set(['deb', 'rpm', 'apk']);

/** Debian `2:1.2.3-4+deb12u1` → upstream `1.2.3`. */
const upstreamOf = (v: string) => v.replace(/^\d+:/, '').replace(/-[^-]*$/, '');

/**
 * The lookup keys of a component: its purl (and, for Debian binaries, the source package named
 * in the `upstream` qualifier), its CPE vendor:product, and, unless it is a distribution package
 * whose distribution's advisories are authoritative, its bare name.
 */
export function componentKeys(c: CdxComponent, options: { nameMatching: 'non-distro' | 'all' | 'none' }): ComponentKey[] {
  const keys: ComponentKey[] = [];
  const version = c.version;
  let distro = false;
  const names = [c.name];
  if (c.purl) {
    let p;
    try {
      p = parsePurl(c.purl);
    } catch {
      // A malformed purl is a finding for `check`, not a crash here: fall back to CPE and name.
      p = undefined;
    }
    const v = p?.version ?? version;
    if (p !== undefined && v !== undefined && v !== '') {
      distro = DISTRO_TYPES.has(p.type);
      const name = p.type === 'maven' && p.namespace ? `${p.namespace}:${p.name}` : p.namespace && !distro ? `${p.namespace}/${p.name}` : p.name;
      const release = p.qualifiers?.distro?.match(/(\d+)/)?.[1] ?? /[+~]deb(\d+)u/.exec(v)?.[1];
      keys.push({ key: `${p.type}/${name}`.toLowerCase(), identifier: 'purl', version: v, via: c.purl, ...(release ? { release } : {}) });
      const upstream = p.qualifiers?.upstream;
      if (upstream && p.type === 'deb') {
        const [src = '', srcVersion] = upstream.split('@');
        names.push(src);
        keys.push({ key: `deb/${src.toLowerCase()}`, identifier: 'purl', version: srcVersion ?? v, via: `${c.purl} (source package ${src})`, ...(release ? { release } : {}) });
      }
    }
  }
  if (c.cpe && version) {
    const vp = cpeVendorProduct(c.cpe);
    const cpeVersion = c.cpe.split(':')[5];
    if (vp) keys.push({ key: `cpe/${vp}`, identifier: 'cpe', version: cpeVersion && cpeVersion !== '*' && cpeVersion !== '-' ? cpeVersion : version, via: c.cpe });
  }
  if (version && (options.nameMatching === 'all' || (options.nameMatching === 'non-distro' && !distro))) {
    for (const name of new Set(names)) {
      keys.push({ key: `name/${name.toLowerCase()}`, identifier: 'name', version: distro ? upstreamOf(version) : version, via: `${name}@${version}` });
    }
  }
  return keys;
} // prettier-ignore
