import { SbomError } from '../errors.js';
import type { Bom, CdxComponent } from '../model/schema.js';
import { allComponents } from '../model/walk.js';
import { spdxLicenses } from './licenses.js';

declare const __VERSION__: string;

/** One SPDX 2.3 package, with the fields we write. */
export interface Spdx23Package {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  supplier?: string;
  downloadLocation: string;
  filesAnalyzed: false;
  homepage?: string;
  licenseDeclared?: string;
  licenseConcluded?: string;
  copyrightText?: string;
  description?: string;
  packageFileName?: string;
  primaryPackagePurpose?: string;
  checksums?: { algorithm: string; checksumValue: string }[];
  externalRefs?: { referenceCategory: string; referenceType: string; referenceLocator: string }[];
}

/** An SPDX 2.3 JSON document, as {@link toSpdx23} writes it. */
export interface Spdx23Document {
  spdxVersion: 'SPDX-2.3';
  dataLicense: 'CC0-1.0';
  SPDXID: 'SPDXRef-DOCUMENT';
  name: string;
  documentNamespace: string;
  creationInfo: { created: string; creators: string[] };
  documentDescribes: string[];
  packages: Spdx23Package[];
  relationships: { spdxElementId: string; relationshipType: string; relatedSpdxElement: string }[];
  hasExtractedLicensingInfos?: { licenseId: string; name: string; extractedText: string }[];
}

/** Options of {@link toSpdx23}. */
export interface ToSpdxOptions {
  /** Base of `documentNamespace`; the BOM's serial number makes it unique. */
  readonly namespaceBase?: string;
}

// CycloneDX component type → SPDX 2.3 primaryPackagePurpose (the schema's enum).
const PURPOSE: Readonly<Record<string, string>> = {
  application: 'APPLICATION', framework: 'FRAMEWORK', library: 'LIBRARY', container: 'CONTAINER',
  'operating-system': 'OPERATING_SYSTEM', device: 'DEVICE', firmware: 'FIRMWARE', file: 'FILE',
  'device-driver': 'LIBRARY', platform: 'OTHER', data: 'OTHER', 'machine-learning-model': 'OTHER', 'cryptographic-asset': 'OTHER',
}; // prettier-ignore
// CycloneDX hash algorithm → SPDX 2.3 checksum algorithm; others have no SPDX 2.3 name.
const CHECKSUM: Readonly<Record<string, string>> = {
  'SHA-1': 'SHA1', 'SHA-256': 'SHA256', 'SHA-384': 'SHA384', 'SHA-512': 'SHA512', MD5: 'MD5',
  'SHA3-256': 'SHA3-256', 'SHA3-384': 'SHA3-384', 'SHA3-512': 'SHA3-512', 'BLAKE2b-256': 'BLAKE2b-256',
  'BLAKE2b-384': 'BLAKE2b-384', 'BLAKE2b-512': 'BLAKE2b-512', BLAKE3: 'BLAKE3',
}; // prettier-ignore

/** An SPDX id from a bom-ref: letters, digits, `.` and `-` only; made unique by a counter. */
function spdxIds(refs: readonly string[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>(['SPDXRef-DOCUMENT']);
  for (const ref of refs) {
    const base = `SPDXRef-${ref.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 200) || 'component'}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    ids.set(ref, id);
  }
  return ids;
} // prettier-ignore

const party = (c: CdxComponent) => {
  const name = c.supplier?.name ?? c.manufacturer?.name;
  return name === undefined ? undefined : `Organization: ${name.replace(/[()\n]/g, ' ').trim()}`;
};
const property = (c: CdxComponent, name: string) =>
  c.properties?.find((p) => p.name === name)?.value;
const reference = (c: CdxComponent, type: string) =>
  c.externalReferences?.find((e) => e.type === type)?.url;

function toPackage(c: CdxComponent, id: string, named: Map<string, string>): Spdx23Package {
  const { declared, concluded, named: refs } = spdxLicenses(c.licenses);
  for (const [k, v] of refs) named.set(k, v);
  const download = reference(c, 'distribution') ?? reference(c, 'source-distribution');
  const hashes = [...(c.hashes ?? []), ...(c.externalReferences?.flatMap((e) => (e.type === 'distribution' ? (e.hashes ?? []) : [])) ?? [])];
  const checksums = [...new Map(hashes.flatMap((h) => (CHECKSUM[h.alg] ? [[CHECKSUM[h.alg] as string, h.content.toLowerCase()] as const] : []))).entries()]
    .map(([algorithm, checksumValue]) => ({ algorithm, checksumValue }));
  const externalRefs = [
    ...(c.purl ? [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: c.purl }] : []),
    ...(c.cpe?.startsWith('cpe:2.3:') ? [{ referenceCategory: 'SECURITY', referenceType: 'cpe23Type', referenceLocator: c.cpe }] : []),
    ...(c.cpe?.startsWith('cpe:/') ? [{ referenceCategory: 'SECURITY', referenceType: 'cpe22Type', referenceLocator: c.cpe }] : []),
  ];
  const filename = property(c, 'bsi:component:filename');
  const supplier = party(c);
  const purpose = PURPOSE[c.type];
  const homepage = reference(c, 'website');
  return {
    SPDXID: id,
    name: c.name,
    ...(c.version ? { versionInfo: c.version } : {}),
    ...(supplier ? { supplier } : {}),
    downloadLocation: download && !/\s/.test(download) ? download : 'NOASSERTION',
    filesAnalyzed: false,
    ...(homepage && !/\s/.test(homepage) ? { homepage } : {}),
    licenseDeclared: declared ?? 'NOASSERTION',
    licenseConcluded: concluded ?? 'NOASSERTION',
    copyrightText: typeof c.copyright === 'string' ? c.copyright : 'NOASSERTION',
    ...(typeof c.description === 'string' && c.description !== '' ? { description: c.description } : {}),
    ...(filename ? { packageFileName: filename } : {}),
    ...(purpose ? { primaryPackagePurpose: purpose } : {}),
    ...(checksums.length > 0 ? { checksums } : {}),
    ...(externalRefs.length > 0 ? { externalRefs } : {}),
  };
} // prettier-ignore

/**
 * Writes a CycloneDX BOM as an SPDX 2.3 JSON document: the product (`metadata.component`) is what
 * the document describes, every component becomes a package (purl and CPE as external references,
 * hashes as checksums, declared and concluded licences as expressions, licence names as
 * `LicenseRef-` ids defined in the document), and `dependencies` become `DEPENDS_ON`
 * relationships. Fields SPDX requires but the BOM lacks are written as `NOASSERTION`.
 *
 * @example
 * ```ts
 * await writeFile('sbom.spdx.json', JSON.stringify(toSpdx23(bom), null, 2));
 * ```
 * @throws {SbomError} SBOM_INVALID when the BOM has no serial number or timestamp to carry over
 */
export function toSpdx23(bom: Bom, options: ToSpdxOptions = {}): Spdx23Document {
  const serial = bom.serialNumber?.replace(/^urn:uuid:/, '');
  const timestamp = bom.metadata?.timestamp;
  if (serial === undefined || timestamp === undefined) {
    throw new SbomError('SBOM_INVALID', 'an SPDX document needs the BOM’s serialNumber and metadata.timestamp');
  }
  const product = bom.metadata?.component;
  const components = allComponents(bom).map((l) => l.component);
  const all = product ? [product, ...components] : components;
  const refs = all.map((c, i) => c['bom-ref'] ?? `${c.name}-${c.version ?? ''}-${i}`);
  const ids = spdxIds(refs);
  const named = new Map<string, string>();
  const packages = all.map((c, i) => toPackage(c, ids.get(refs[i] ?? '') ?? '', named));
  const productId = product ? ids.get(refs[0] ?? '') : undefined;
  const relationships: Spdx23Document['relationships'] = (productId ? [productId] : packages.map((p) => p.SPDXID)).map((id) => ({ spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: id }));
  for (const d of bom.dependencies ?? []) {
    const from = ids.get(d.ref);
    for (const to of d.dependsOn ?? []) {
      const target = ids.get(to);
      if (from !== undefined && target !== undefined) relationships.push({ spdxElementId: from, relationshipType: 'DEPENDS_ON', relatedSpdxElement: target });
    }
  }
  const manufacturer = bom.metadata?.manufacturer?.name ?? product?.manufacturer?.name;
  const name = product ? `${product.name}${product.version ? ` ${product.version}` : ''}` : 'SBOM';
  return {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name,
    documentNamespace: `${options.namespaceBase ?? 'https://spdx.org/spdxdocs'}/${encodeURIComponent(name.replace(/\s+/g, '-'))}-${serial}`,
    creationInfo: {
      created: `${timestamp.slice(0, 19)}Z`,
      creators: [`Tool: cra-kit-sbom-${typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev'}`, ...(manufacturer ? [`Organization: ${manufacturer.replace(/[()\n]/g, ' ').trim()}`] : [])],
    },
    documentDescribes: productId ? [productId] : packages.map((p) => p.SPDXID),
    packages,
    relationships,
    ...(named.size > 0 ? { hasExtractedLicensingInfos: [...named].sort().map(([licenseId, n]) => ({ licenseId, name: n, extractedText: `The licence named "${n}" in the source SBOM; its text was not supplied.` })) } : {}),
  };
} // prettier-ignore
