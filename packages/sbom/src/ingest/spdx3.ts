import { z } from 'zod';
import { SbomError } from '../errors.js';
import { IngestedComponentSchema, type IngestedComponent } from './ingested.js';

// SPDX 3.0 JSON-LD (https://spdx.org/rdf/3.0.x/spdx-context.jsonld): a `@graph` of elements that
// refer to each other by `spdxId` (or `@id` for blank nodes). We read what an SBOM needs and keep
// every element loose: the graph carries many classes we do not use.
const Element = z.looseObject({
  type: z.string(),
  spdxId: z.string().optional(),
  '@id': z.string().optional(),
});
const Spdx3Schema = z.looseObject({
  '@context': z.union([z.string(), z.array(z.unknown())]).refine(
    (c) => (Array.isArray(c) ? c : [c]).some((x) => typeof x === 'string' && /^https:\/\/spdx\.org\/rdf\/3\.0\.\d+\/spdx-context\.jsonld$/.test(x)),
    'must name the SPDX 3.0 JSON-LD context',
  ),
  '@graph': z.array(Element).max(2_000_000),
}); // prettier-ignore

type Node = z.infer<typeof Element> & Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const idOf = (v: unknown): string | undefined =>
  typeof v === 'string'
    ? v
    : typeof v === 'object' && v !== null
      ? (str((v as Node).spdxId) ?? str((v as Node)['@id']))
      : undefined;
const known = (v: string | undefined) =>
  v === undefined || v === 'NOASSERTION' || v === 'NONE' ? undefined : v;
// Purposes of inputs to a build rather than of what ships (Yocto lists fetched sources so).
const NOT_SHIPPED = new Set(['source', 'patch']);
const TYPE: Readonly<Record<string, IngestedComponent['type']>> = {
  application: 'application', library: 'library', firmware: 'firmware', operatingSystem: 'operating-system',
  container: 'container', framework: 'framework', device: 'device', file: 'file', data: 'data', deviceDriver: 'device-driver',
}; // prettier-ignore

/**
 * Reads an SPDX 3.0 JSON-LD document, as Yocto's `create-spdx-3.0` class (Scarthgap and later)
 * and other tools write: every `software_Package` (except fetched sources and patches) becomes a
 * component with its version, supplier (`suppliedBy`, else `originatedBy`), purl
 * (`software_packageUrl` or a `packageUrl` external identifier), CPE 2.3, SHA-256/SHA-512
 * (`verifiedUsing`), download location and home page; `hasDeclaredLicense` /
 * `hasConcludedLicense` relationships give the licences and `dependsOn` the dependencies.
 * @throws {SbomError} SBOM_INPUT_INVALID
 */
export function readSpdx3(doc: unknown): IngestedComponent[] {
  const parsed = Spdx3Schema.safeParse(doc);
  if (!parsed.success) throw new SbomError('SBOM_INPUT_INVALID', 'not an SPDX 3.0 JSON-LD document', { cause: parsed.error });
  const graph = parsed.data['@graph'] as Node[];
  const byId = new Map<string, Node>();
  for (const n of graph) {
    const id = idOf(n);
    if (id !== undefined) byId.set(id, n);
  }
  const resolve = (v: unknown): Node | undefined => (typeof v === 'object' && v !== null ? (v as Node) : typeof v === 'string' ? byId.get(v) : undefined);
  const packages = graph.filter((n) => n.type === 'software_Package' && !NOT_SHIPPED.has(str(n.software_primaryPurpose) ?? ''));
  const shipped = new Set(packages.map(idOf));
  const related = new Map<string, Map<string, string[]>>();
  for (const r of graph) {
    if (r.type !== 'Relationship' && r.type !== 'LifecycleScopedRelationship') continue;
    const from = idOf(r.from);
    const kind = str(r.relationshipType);
    if (from === undefined || kind === undefined || !shipped.has(from)) continue;
    const byKind = related.get(from) ?? new Map<string, string[]>();
    byKind.set(kind, [...(byKind.get(kind) ?? []), ...list(r.to).flatMap((t) => idOf(t) ?? [])]);
    related.set(from, byKind);
  }
  const licenses = (id: string, kind: string) =>
    (related.get(id)?.get(kind) ?? []).flatMap((t) => {
      const l = byId.get(t);
      return known(str(l?.simplelicensing_licenseExpression) ?? str(l?.name)) ?? [];
    });
  return packages.map((p) => {
    const id = idOf(p) ?? '';
    const identifiers = list(p.externalIdentifier).map(resolve).filter((x): x is Node => x !== undefined);
    const identifier = (type: string) => identifiers.find((x) => x.externalIdentifierType === type)?.identifier;
    const purl = str(p.software_packageUrl) ?? str(identifier('packageUrl'));
    const cpe = str(identifier('cpe23'));
    const hash = (alg: string) => list(p.verifiedUsing).map(resolve).find((h) => h?.algorithm === alg)?.hashValue;
    const sha256 = str(hash('sha256'))?.toLowerCase();
    const sha512 = str(hash('sha512'))?.toLowerCase();
    const supplier = str(resolve(p.suppliedBy)?.name) ?? str(resolve(list(p.originatedBy)[0])?.name);
    const download = known(str(p.software_downloadLocation));
    const homepage = str(p.software_homePage);
    const concluded = licenses(id, 'hasConcludedLicense');
    const dependsOn = (related.get(id)?.get('dependsOn') ?? []).flatMap((t) => str(byId.get(t)?.name) ?? []);
    const type = TYPE[str(p.software_primaryPurpose) ?? ''];
    const component = IngestedComponentSchema.safeParse({
      name: str(p.name) ?? id,
      ...(str(p.software_packageVersion) ? { version: p.software_packageVersion } : {}),
      ...(type ? { type } : {}),
      ...(supplier ? { supplier } : {}),
      ...(purl && /^pkg:[a-z]/.test(purl) ? { purl } : {}),
      ...(cpe?.startsWith('cpe:2.3:') ? { cpe } : {}),
      licenses: licenses(id, 'hasDeclaredLicense'),
      ...(concluded.length > 0 ? { concludedLicense: concluded.length === 1 ? concluded[0] : concluded.map((c) => `(${c})`).join(' AND ') } : {}),
      ...(sha256 && /^[0-9a-f]{64}$/.test(sha256) ? { sha256 } : {}),
      ...(sha512 && /^[0-9a-f]{128}$/.test(sha512) ? { sha512 } : {}),
      ...(download && /^(https?|git\+https?):\/\//.test(download) ? { sourceUrl: download.replace(/^git\+/, '') } : {}),
      ...(homepage && /^https?:\/\//.test(homepage) ? { homepage } : {}),
      ...(str(p.description) ?? str(p.summary) ? { description: str(p.description) ?? str(p.summary) } : {}),
      dependsOn: [...new Set(dependsOn)],
    });
    if (!component.success) throw new SbomError('SBOM_INPUT_INVALID', `SPDX 3.0 package ${id.slice(0, 200)} cannot be read`, { cause: component.error });
    return component.data;
  });
} // prettier-ignore
