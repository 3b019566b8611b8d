import { z } from 'zod';
import { SbomError } from '../errors.js';
import { IngestedComponentSchema, type IngestedComponent } from './ingested.js';

const SpdxSchema = z.looseObject({
  spdxVersion: z.string().regex(/^SPDX-2\.[23]$/),
  packages: z.array(z.looseObject({
    SPDXID: z.string(),
    name: z.string().min(1),
    versionInfo: z.string().optional(),
    supplier: z.string().optional(),
    originator: z.string().optional(),
    downloadLocation: z.string().optional(),
    homepage: z.string().optional(),
    licenseDeclared: z.string().optional(),
    licenseConcluded: z.string().optional(),
    checksums: z.array(z.looseObject({ algorithm: z.string(), checksumValue: z.string() })).optional(),
    externalRefs: z.array(z.looseObject({ referenceType: z.string(), referenceLocator: z.string() })).optional(),
  })).default([]),
  relationships: z.array(z.looseObject({ spdxElementId: z.string(), relationshipType: z.string(), relatedSpdxElement: z.string() })).default([]),
}); // prettier-ignore

/** SPDX `NOASSERTION`/`NONE` mean "no information": drop them. */
const known = (v: string | undefined) =>
  v === undefined || v === 'NOASSERTION' || v === 'NONE' || v === '' ? undefined : v;
/** `Organization: OpenEmbedded ()` → `OpenEmbedded`. */
const party = (v: string | undefined) =>
  known(v)
    ?.replace(/^(Organization|Person|Tool):\s*/, '')
    .replace(/\s*\(.*\)\s*$/, '') || undefined;

/**
 * Reads an SPDX 2.2/2.3 JSON document, as Yocto's `create-spdx` class writes for an image or a
 * package: packages with version, supplier, declared and concluded licences, purl/CPE external
 * references, SHA-256/SHA-512 checksums and download location; `DEPENDS_ON` relationships become
 * dependencies. SPDX 3.0 JSON-LD is read by `readSpdx3`.
 * @throws {SbomError} SBOM_INPUT_INVALID
 */
export function readSpdx2(doc: unknown): IngestedComponent[] {
  const parsed = SpdxSchema.safeParse(doc);
  if (!parsed.success) throw new SbomError('SBOM_INPUT_INVALID', 'not an SPDX 2.2/2.3 JSON document', { cause: parsed.error });
  const byId = new Map(parsed.data.packages.map((p) => [p.SPDXID, p.name]));
  const deps = new Map<string, string[]>();
  for (const r of parsed.data.relationships) {
    const [from, to] = r.relationshipType === 'DEPENDS_ON' ? [r.spdxElementId, r.relatedSpdxElement] : r.relationshipType === 'DEPENDENCY_OF' ? [r.relatedSpdxElement, r.spdxElementId] : [];
    const name = to === undefined ? undefined : byId.get(to);
    if (from !== undefined && name !== undefined) deps.set(from, [...(deps.get(from) ?? []), name]);
  }
  return parsed.data.packages.map((p) => {
    const ref = (type: string) => p.externalRefs?.find((e) => e.referenceType === type)?.referenceLocator;
    const sum = (alg: string) => p.checksums?.find((c) => c.algorithm === alg)?.checksumValue.toLowerCase();
    const purl = ref('purl');
    const cpe = ref('cpe23Type');
    const download = known(p.downloadLocation);
    const homepage = known(p.homepage);
    return IngestedComponentSchema.parse({
      name: p.name,
      ...(known(p.versionInfo) ? { version: p.versionInfo } : {}),
      ...(party(p.supplier) ?? party(p.originator) ? { supplier: party(p.supplier) ?? party(p.originator) } : {}),
      ...(purl && /^pkg:[a-z]/.test(purl) ? { purl } : {}),
      ...(cpe?.startsWith('cpe:2.3:') ? { cpe } : {}),
      licenses: known(p.licenseDeclared) ? [p.licenseDeclared] : [],
      ...(known(p.licenseConcluded) ? { concludedLicense: p.licenseConcluded } : {}),
      ...(sum('SHA256') && /^[0-9a-f]{64}$/.test(sum('SHA256') ?? '') ? { sha256: sum('SHA256') } : {}),
      ...(sum('SHA512') && /^[0-9a-f]{128}$/.test(sum('SHA512') ?? '') ? { sha512: sum('SHA512') } : {}),
      ...(download && /^(https?|git\+https?):\/\//.test(download) ? { sourceUrl: download.replace(/^git\+/, '') } : {}),
      ...(homepage && /^https?:\/\//.test(homepage) ? { homepage } : {}),
      dependsOn: deps.get(p.SPDXID) ?? [],
    });
  });
} // prettier-ignore
