// SPDX in and out: SPDX 3.0 JSON-LD (Yocto's newer output) as an ingest input, and SPDX 2.3 JSON
// as an output. The SPDX JSON schemas are not available offline (no npm or Debian package ships
// them), so the checks below encode the 2.3 schema's required fields and enums by hand, as read
// from `spdx/spdx-spec` `schemas/spdx-schema-2-3.json`, and the output is read back by our SPDX
// 2.3 reader.
import { readFile } from 'node:fs/promises';
import {
  generateSbom,
  readDpkgStatus,
  readInput,
  readSpdx2,
  readSpdx3,
  SbomError,
  toSpdx23,
  type IngestResult,
  type Spdx23Document,
} from '@cra-kit/sbom';
import { fixedClock, seededRandom } from '@cra-kit/testing';
import { describe, expect, it } from 'vitest';

const fixture = new URL('./fixtures/spdx/yocto-core-image-minimal.spdx3.json', import.meta.url)
  .pathname;
const at = () => ({
  clock: fixedClock(new Date('2026-11-25T12:00:00Z')),
  random: seededRandom(11),
});

describe('SPDX 3.0 JSON-LD input', () => {
  it('reads the installed packages of a Yocto image, not its fetched sources', async () => {
    const { components } = await readInput('yocto-spdx', fixture);
    expect(components.map((c) => c.name).sort()).toEqual(['busybox', 'core-image-minimal-qemux86-64', 'libc6', 'libssl3']);
    const busybox = components.find((c) => c.name === 'busybox');
    expect(busybox).toMatchObject({
      version: '1.36.1', supplier: 'OpenEmbedded', cpe: 'cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:*',
      licenses: ['GPL-2.0-only'], concludedLicense: 'GPL-2.0-only', homepage: 'https://www.busybox.net', dependsOn: ['libc6'],
    });
    expect(busybox?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(busybox?.sha512).toMatch(/^[0-9a-f]{128}$/);
    expect(components.find((c) => c.name === 'libssl3')).toMatchObject({ purl: 'pkg:generic/openssl@3.2.4', type: 'library', concludedLicense: 'Apache-2.0' });
    expect(components.find((c) => c.name === 'libc6')).toMatchObject({ purl: 'pkg:generic/glibc@2.39', concludedLicense: 'GPL-2.0-only AND LGPL-2.1-or-later' });
    expect(components.find((c) => c.name.startsWith('core-image'))?.type).toBe('firmware');
  }); // prettier-ignore

  it('the `spdx` kind tells 3.0 and 2.3 apart, and bad documents give typed errors', async () => {
    expect((await readInput('spdx', fixture)).components).toHaveLength(4);
    expect(() => readSpdx3({ '@context': 'https://example.org/ctx', '@graph': [] })).toThrowWithCode(SbomError, 'SBOM_INPUT_INVALID');
    expect(() => readSpdx3({ '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld', '@graph': [{ name: 'x' }] })).toThrowWithCode(SbomError, 'SBOM_INPUT_INVALID');
    const long = { '@context': 'https://spdx.org/rdf/3.0.1/spdx-context.jsonld', '@graph': [{ type: 'software_Package', spdxId: 'p', name: 'x'.repeat(5000) }] };
    expect(() => readSpdx3(long)).toThrowWithCode(SbomError, 'SBOM_INPUT_INVALID');
  }); // prettier-ignore
});

// From the SPDX 2.3 JSON schema: required properties and the enums of the fields we write.
const DOC_REQUIRED = ['SPDXID', 'creationInfo', 'dataLicense', 'name', 'spdxVersion'];
const PACKAGE_REQUIRED = ['SPDXID', 'downloadLocation', 'name'];
const PACKAGE_FIELDS = new Set([
  'SPDXID',
  'annotations',
  'attributionTexts',
  'builtDate',
  'checksums',
  'comment',
  'copyrightText',
  'description',
  'downloadLocation',
  'externalRefs',
  'filesAnalyzed',
  'hasFiles',
  'homepage',
  'licenseComments',
  'licenseConcluded',
  'licenseDeclared',
  'licenseInfoFromFiles',
  'name',
  'originator',
  'packageFileName',
  'packageVerificationCode',
  'primaryPackagePurpose',
  'releaseDate',
  'sourceInfo',
  'summary',
  'supplier',
  'validUntilDate',
  'versionInfo',
]);
const CHECKSUM_ALGORITHMS = new Set([
  'SHA1',
  'BLAKE3',
  'SHA3-384',
  'SHA256',
  'SHA384',
  'BLAKE2b-512',
  'BLAKE2b-256',
  'SHA3-512',
  'MD2',
  'ADLER32',
  'MD4',
  'SHA3-256',
  'BLAKE2b-384',
  'SHA512',
  'MD6',
  'MD5',
  'SHA224',
]);
const REFERENCE_CATEGORIES = new Set(['OTHER', 'PERSISTENT-ID', 'SECURITY', 'PACKAGE-MANAGER']);
const PURPOSES = new Set([
  'OTHER',
  'INSTALL',
  'ARCHIVE',
  'FIRMWARE',
  'APPLICATION',
  'FRAMEWORK',
  'LIBRARY',
  'CONTAINER',
  'SOURCE',
  'DEVICE',
  'OPERATING_SYSTEM',
  'FILE',
]);
const SPDX_ID = /^SPDXRef-[A-Za-z0-9.-]+$/;
const AGENT = /^(NOASSERTION|(Person|Organization|Tool): .+)$/;

/** Every violation of those rules, and of SPDX identifiers and references, in one list. */
function spdx23Problems(doc: Spdx23Document): string[] {
  const problems: string[] = [];
  const d = doc as unknown as Record<string, unknown>;
  for (const k of DOC_REQUIRED) if (d[k] === undefined) problems.push(`document.${k} missing`);
  if (doc.creationInfo.creators.length === 0 || !doc.creationInfo.creators.every((c) => AGENT.test(c))) problems.push('creators');
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(doc.creationInfo.created)) problems.push('created');
  const ids = new Set(doc.packages.map((p) => p.SPDXID));
  if (ids.size !== doc.packages.length) problems.push('duplicate SPDXID');
  for (const p of doc.packages) {
    const r = p as unknown as Record<string, unknown>;
    for (const k of PACKAGE_REQUIRED) if (r[k] === undefined) problems.push(`${p.SPDXID}.${k} missing`);
    for (const k of Object.keys(r)) if (!PACKAGE_FIELDS.has(k)) problems.push(`${p.SPDXID}.${k} not allowed`);
    if (!SPDX_ID.test(p.SPDXID)) problems.push(`${p.SPDXID} is not an SPDX id`);
    if (p.supplier !== undefined && !AGENT.test(p.supplier)) problems.push(`${p.SPDXID}.supplier`);
    if (p.primaryPackagePurpose !== undefined && !PURPOSES.has(p.primaryPackagePurpose)) problems.push(`${p.SPDXID}.primaryPackagePurpose`);
    for (const c of p.checksums ?? []) if (!CHECKSUM_ALGORITHMS.has(c.algorithm) || !/^[0-9a-f]+$/.test(c.checksumValue)) problems.push(`${p.SPDXID}.checksums`);
    for (const e of p.externalRefs ?? []) if (!REFERENCE_CATEGORIES.has(e.referenceCategory) || /\s/.test(e.referenceLocator)) problems.push(`${p.SPDXID}.externalRefs`);
  }
  for (const r of doc.relationships) {
    if (r.spdxElementId !== 'SPDXRef-DOCUMENT' && !ids.has(r.spdxElementId)) problems.push(`dangling ${r.spdxElementId}`);
    if (!ids.has(r.relatedSpdxElement)) problems.push(`dangling ${r.relatedSpdxElement}`);
  }
  const defined = new Set((doc.hasExtractedLicensingInfos ?? []).map((l) => l.licenseId));
  for (const p of doc.packages) {
    for (const ref of `${p.licenseDeclared ?? ''} ${p.licenseConcluded ?? ''}`.match(/LicenseRef-[A-Za-z0-9.-]+/g) ?? []) if (!defined.has(ref)) problems.push(`undefined ${ref}`);
  }
  return problems;
} // prettier-ignore

describe('SPDX 2.3 JSON output', async () => {
  const status = await readFile('/var/lib/dpkg/status', 'utf8');
  const dpkg: IngestResult = { source: 'dpkg-status', components: readDpkgStatus(status) };
  const vendor: IngestResult = {
    source: 'components',
    components: [{ name: 'sensor-app', version: '2.4.1', type: 'application', supplier: 'Acme Sensortechnik GmbH', purl: 'pkg:generic/acme/sensor-app@2.4.1', licenses: ['Acme Proprietary Licence 1.0'], concludedLicense: 'LicenseRef-Acme-Proprietary', sha256: 'a'.repeat(64), sha512: 'b'.repeat(128), filename: 'sensor-app', downloadUrl: 'https://acme-sensors.example/fw/2.4.1/sensor-app', dependsOn: ['libc6'], topLevel: true }],
  }; // prettier-ignore
  const bom = generateSbom({ inputs: [dpkg, vendor], productVersion: '2.4.1', ...at() });
  const doc = toSpdx23(bom);

  it('meets the SPDX 2.3 schema’s required fields and enums, with unique ids and no dangling reference', () => {
    expect(spdx23Problems(doc)).toEqual([]);
    expect(doc.packages.length).toBe((bom.components?.length ?? 0) + 1);
    expect(doc.documentDescribes).toHaveLength(1);
  });

  it('reads back through the SPDX 2.3 reader with names, versions, purls, hashes, licences and dependencies', () => {
    const back = readSpdx2(JSON.parse(JSON.stringify(doc)));
    const app = back.find((c) => c.name === 'sensor-app');
    expect(app).toMatchObject({ version: '2.4.1', supplier: 'Acme Sensortechnik GmbH', purl: 'pkg:generic/acme/sensor-app@2.4.1', sha256: 'a'.repeat(64), sha512: 'b'.repeat(128), licenses: ['LicenseRef-Acme-Proprietary-Licence-1.0'], concludedLicense: 'LicenseRef-Acme-Proprietary', dependsOn: ['libc6'] });
    expect(doc.hasExtractedLicensingInfos?.map((l) => l.licenseId)).toContain('LicenseRef-Acme-Proprietary-Licence-1.0');
    const libc = dpkg.components.find((c) => c.name === 'libc6');
    expect(back.find((c) => c.name === 'libc6')).toMatchObject({ version: libc?.version, purl: bom.components?.find((c) => c.name === 'libc6')?.purl });
    expect(back.filter((c) => c.purl !== undefined)).toHaveLength(back.length - 1); // all but the product
  }); // prettier-ignore

  it('is deterministic for the same BOM and refuses a BOM without serial number', () => {
    expect(JSON.stringify(toSpdx23(bom))).toBe(JSON.stringify(doc));
    const unnumbered = structuredClone(bom);
    delete unnumbered.serialNumber;
    expect(() => toSpdx23(unnumbered)).toThrowWithCode(SbomError, 'SBOM_INVALID');
  });

  it('carries an SPDX 3.0 input through to SPDX 2.3 output', async () => {
    const input = await readInput('yocto-spdx', fixture);
    const out = toSpdx23(generateSbom({ inputs: [input], ...at() }));
    expect(spdx23Problems(out)).toEqual([]);
    const busybox = out.packages.find((p) => p.name === 'busybox');
    expect(busybox?.licenseConcluded).toBe('GPL-2.0-only');
    expect(busybox?.externalRefs).toEqual([{ referenceCategory: 'SECURITY', referenceType: 'cpe23Type', referenceLocator: 'cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:*' }]);
    expect(out.relationships).toContainEqual({ spdxElementId: busybox?.SPDXID, relationshipType: 'DEPENDS_ON', relatedSpdxElement: out.packages.find((p) => p.name === 'libc6')?.SPDXID });
  }); // prettier-ignore
});
