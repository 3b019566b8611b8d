import { formatPurl } from '../purl/purl.js';
import { IngestedComponentSchema, type IngestedComponent } from './ingested.js';
import { controlStanzas, splitPerson } from './stanzas.js';

/**
 * Reads an Alpine `apk` installed database (`/lib/apk/db/installed`): `P` name, `V` version,
 * `A` arch, `L` licence, `U` URL, `m` maintainer, `o` origin, `D` dependencies (`so:`/`cmd:`
 * provides are resolved by name only, so they drop out).
 */
export function readApkInstalled(text: string, options: { distro?: string } = {}): IngestedComponent[] {
  const out: IngestedComponent[] = [];
  for (const f of controlStanzas(text, 'apk')) {
    const name = f.get('P');
    const version = f.get('V');
    if (name === undefined || version === undefined) continue;
    const arch = f.get('A');
    const origin = f.get('o');
    const maintainer = splitPerson(f.get('m'));
    const url = f.get('U');
    const license = f.get('L');
    const qualifiers: Record<string, string> = {
      ...(arch ? { arch } : {}),
      ...(options.distro ? { distro: options.distro } : {}),
      ...(origin && origin !== name ? { upstream: origin } : {}),
    };
    out.push(
      IngestedComponentSchema.parse({
        name,
        version,
        ...(maintainer.name ? { supplier: maintainer.name } : {}),
        ...(maintainer.email && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(maintainer.email) ? { supplierEmail: maintainer.email } : {}),
        purl: formatPurl({ type: 'apk', namespace: 'alpine', name, version, qualifiers }),
        ...(license ? { licenses: [license] } : {}),
        ...(url && /^https?:\/\//.test(url) ? { homepage: url } : {}),
        ...(f.get('T') ? { description: f.get('T') } : {}),
        dependsOn: (f.get('D') ?? '')
          .split(/\s+/)
          .filter((d) => d !== '' && !d.startsWith('!') && !/^(so|cmd|pc):/.test(d))
          .map((d) => d.split(/[<>=~]/)[0] ?? '')
          .filter((d) => d !== ''),
      }),
    );
  }
  return out;
} // prettier-ignore
