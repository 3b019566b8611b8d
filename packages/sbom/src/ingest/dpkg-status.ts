import { formatPurl } from '../purl/purl.js';
import { IngestedComponentSchema, type IngestedComponent } from './ingested.js';
import { controlStanzas, splitPerson } from './stanzas.js';

/** Options of {@link readDpkgStatus}. */
export interface DpkgStatusOptions {
  /** purl namespace: the distribution vendor (`debian`, `ubuntu`, …). Default `debian`. */
  readonly vendor?: string;
  /** purl `distro` qualifier, e.g. `debian-13`. */
  readonly distro?: string;
}

/**
 * Reads a dpkg status file (a rootfs's `/var/lib/dpkg/status`): every package whose status is
 * `install ok installed`, with maintainer as supplier, `Depends`/`Pre-Depends` as dependencies and
 * a `pkg:deb` purl. dpkg keeps no licences; they stay empty and the conformance check says so.
 *
 * @example
 * ```ts
 * const components = readDpkgStatus(await readFile('/var/lib/dpkg/status', 'utf8'));
 * ```
 */
export function readDpkgStatus(text: string, options: DpkgStatusOptions = {}): IngestedComponent[] {
  const out: IngestedComponent[] = [];
  for (const f of controlStanzas(text, ':')) {
    const name = f.get('Package');
    const version = f.get('Version');
    if (name === undefined || version === undefined) continue;
    // `want flag status`: only fully installed packages are on the device (not half-installed,
    // unpacked or config-files).
    if ((f.get('Status') ?? '').trim().split(/\s+/)[2] !== 'installed') continue;
    const arch = f.get('Architecture');
    const maintainer = splitPerson(f.get('Maintainer'));
    const source = /^(\S+)(?:\s+\((\S+)\))?/.exec(f.get('Source') ?? '');
    const qualifiers: Record<string, string> = {
      ...(arch ? { arch } : {}),
      ...(options.distro ? { distro: options.distro } : {}),
      ...(source?.[1] && source[1] !== name ? { upstream: source[2] ? `${source[1]}@${source[2]}` : source[1] } : {}),
    };
    const homepage = f.get('Homepage');
    const description = f.get('Description')?.split('\n')[0];
    out.push(
      IngestedComponentSchema.parse({
        name,
        version,
        ...(maintainer.name ? { supplier: maintainer.name } : {}),
        ...(maintainer.email && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(maintainer.email) ? { supplierEmail: maintainer.email } : {}),
        purl: formatPurl({ type: 'deb', namespace: options.vendor ?? 'debian', name, version, qualifiers }),
        ...(homepage && /^https?:\/\//.test(homepage) ? { homepage } : {}),
        ...(description ? { description } : {}),
        dependsOn: dependencyNames([f.get('Pre-Depends'), f.get('Depends')]),
      }),
    );
  }
  return out;
} // prettier-ignore

/**
 * `libc6 (>= 2.34), libfoo | libbar` → `['libc6', 'libfoo', 'libbar']`: every alternative; the
 * graph keeps those that are installed.
 */
export function dependencyNames(fields: readonly (string | undefined)[]): string[] {
  const names = new Set<string>();
  for (const field of fields) {
    for (const clause of (field ?? '').split(',')) {
      for (const alternative of clause.split('|')) {
        const name = alternative.trim().split(/[\s(:[]/)[0];
        if (name) names.add(name);
      }
    }
  }
  return [...names];
}
