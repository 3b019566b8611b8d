import { BSI_PROPERTIES } from '../generate/to-cyclonedx.js';
import type { Bom, CdxComponent, Organization } from '../model/schema.js';

/** A test on one component; `true` when the field is there. */
type ComponentTest = (c: CdxComponent, ctx: CheckContext) => boolean;
/** A test on the whole BOM; `true` when it holds. */
type BomTest = (bom: Bom) => boolean;

/** Facts computed once per BOM that component tests need. @internal */
export interface CheckContext {
  readonly refsInGraph: ReadonlySet<string>;
}

const hasContact = (o: Organization | undefined) =>
  o !== undefined && ((o.url?.length ?? 0) > 0 || (o.contact ?? []).some((c) => !!c.email));
const prop = (c: CdxComponent, name: string) =>
  (c.properties ?? []).some((p) => p.name === name && !!p.value);
const extRef = (c: CdxComponent, ...types: string[]) =>
  (c.externalReferences ?? []).some((e) => types.includes(e.type) && !!e.url);
const ack = (c: CdxComponent, wanted: 'declared' | 'concluded') =>
  (c.licenses ?? []).some((l) => {
    const a = 'expression' in l ? l.acknowledgement : l.license.acknowledgement;
    return wanted === 'declared' ? a === undefined || a === 'declared' : a === 'concluded';
  });

/** Component-level field tests, by id. Profiles refer to them by these ids. */
export const COMPONENT_TESTS = {
  name: (c) => c.name.trim() !== '',
  version: (c) => !!c.version?.trim(),
  creator: (c) => hasContact(c.manufacturer) || hasContact(c.supplier) || (c.authors ?? []).some((a) => !!a.email),
  'supplier-name': (c) => !!(c.supplier?.name ?? c.manufacturer?.name),
  'unique-id': (c) => !!(c.purl ?? c.cpe) || c.swid !== undefined,
  filename: (c) => prop(c, BSI_PROPERTIES.filename),
  'executable-property': (c) => prop(c, BSI_PROPERTIES.executable),
  'archive-property': (c) => prop(c, BSI_PROPERTIES.archive),
  'structured-property': (c) => prop(c, BSI_PROPERTIES.structured),
  'hash-sha512': (c) => (c.hashes ?? []).some((h) => h.alg === 'SHA-512'),
  'deployable-hash-sha512': (c) =>
    (c.externalReferences ?? []).some((e) => e.type === 'distribution' && (e.hashes ?? []).some((h) => h.alg === 'SHA-512')),
  hash: (c) => (c.hashes ?? []).some((h) => /^(SHA-(256|384|512)|SHA3-|BLAKE)/.test(h.alg)),
  license: (c) => (c.licenses?.length ?? 0) > 0,
  'license-declared': (c) => ack(c, 'declared'),
  'license-concluded': (c) => ack(c, 'concluded'),
  'source-uri': (c) => extRef(c, 'source-distribution', 'vcs'),
  'deployable-uri': (c) => extRef(c, 'distribution', 'distribution-intake'),
  'in-dependency-graph': (c, ctx) => c['bom-ref'] !== undefined && ctx.refsInGraph.has(c['bom-ref']),
} satisfies Record<string, ComponentTest>; // prettier-ignore

/** BOM-level tests, by id. */
export const BOM_TESTS = {
  // Parsing already required CycloneDX JSON, a commonly used, machine-readable format.
  'commonly-used-format': (b) => (b.bomFormat as string) === 'CycloneDX',
  'spec-1.5-or-later': (b) => ['1.5', '1.6', '1.7'].includes(b.specVersion),
  'spec-1.6-or-later': (b) => ['1.6', '1.7'].includes(b.specVersion),
  creator: (b) =>
    hasContact(b.metadata?.manufacturer) || hasContact(b.metadata?.supplier) || (b.metadata?.authors ?? []).some((a) => !!a.email),
  author: (b) => !!(b.metadata?.authors?.some((a) => !!a.name) || b.metadata?.manufacturer?.name || b.metadata?.supplier?.name),
  timestamp: (b) => !!b.metadata?.timestamp && !Number.isNaN(Date.parse(b.metadata.timestamp)),
  'sbom-uri': (b) => /^urn:uuid:[0-9a-f-]{36}$/i.test(b.serialNumber ?? '') && b.version !== undefined,
  'primary-component': (b) => b.metadata?.component !== undefined,
  'top-level-dependencies': (b) => {
    const root = b.metadata?.component?.['bom-ref'];
    return root !== undefined && (b.dependencies ?? []).some((d) => d.ref === root && (d.dependsOn?.length ?? 0) > 0);
  },
  completeness: (b) => (b.compositions?.length ?? 0) > 0,
  'no-vulnerabilities': (b) => (b.vulnerabilities?.length ?? 0) === 0,
  'tool-name': (b) => {
    const tools = b.metadata?.tools;
    return Array.isArray(tools) ? tools.length > 0 : ((tools?.components as unknown[] | undefined)?.length ?? 0) > 0;
  },
  'generation-context': (b) => (b.metadata?.lifecycles?.length ?? 0) > 0,
} satisfies Record<string, BomTest>; // prettier-ignore

export type ComponentTestId = keyof typeof COMPONENT_TESTS;
export type BomTestId = keyof typeof BOM_TESTS;
