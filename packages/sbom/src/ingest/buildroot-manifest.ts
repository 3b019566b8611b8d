import { SbomError } from '../errors.js';
import { formatPurl } from '../purl/purl.js';
import { parseCsv } from './csv.js';
import { IngestedComponentSchema, type IngestedComponent } from './ingested.js';

/**
 * Reads Buildroot's `legal-info/manifest.csv` (columns PACKAGE, VERSION, LICENSE, LICENSE FILES,
 * SOURCE ARCHIVE, SOURCE SITE, …): licences as declared, the source archive URL as source URI.
 * @throws {SbomError} SBOM_INPUT_INVALID when the header lacks PACKAGE or VERSION
 */
export function readBuildrootManifest(text: string): IngestedComponent[] {
  const [header, ...rows] = parseCsv(text);
  const col = (name: string) => header?.findIndex((h) => h.trim().toUpperCase() === name) ?? -1;
  const [pkg, ver, lic, archive, site] = ['PACKAGE', 'VERSION', 'LICENSE', 'SOURCE ARCHIVE', 'SOURCE SITE'].map(col);
  if (pkg === undefined || ver === undefined || pkg < 0 || ver < 0) {
    throw new SbomError('SBOM_INPUT_INVALID', 'a Buildroot manifest.csv needs PACKAGE and VERSION columns');
  }
  return rows.map((row) => {
    const name = (row[pkg] ?? '').trim();
    const version = row[ver]?.trim() || undefined;
    const license = lic !== undefined && lic >= 0 ? row[lic]?.trim() : undefined;
    const archiveName = archive !== undefined && archive >= 0 ? row[archive]?.trim() : undefined;
    const siteUrl = site !== undefined && site >= 0 ? row[site]?.trim() : undefined;
    const sourceUrl = archiveName && siteUrl && /^https?:\/\//.test(siteUrl) ? `${siteUrl.replace(/\/$/, '')}/${archiveName}` : undefined;
    return IngestedComponentSchema.parse({
      name,
      version,
      purl: formatPurl({ type: 'generic', name, version, qualifiers: sourceUrl ? { download_url: sourceUrl } : {} }),
      licenses: license ? license.split(/\s*,\s*/).filter((l) => l !== '') : [],
      ...(sourceUrl ? { sourceUrl } : {}),
    });
  });
} // prettier-ignore
