import { z } from 'zod';

// Every object is a `looseObject`: fields the model does not type are kept as they are, so
// `serialize(parse(x))` loses nothing even for parts of CycloneDX we do not model in detail. The
// CycloneDX JSON strict schema (see validate.ts) remains the judge of the whole document.

const refString = z.string().min(1).max(2048);

/** A contact person (`organizationalContact`). */
export const ContactSchema = z.looseObject({
  'bom-ref': refString.optional(),
  name: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
});

/** An organisation such as a manufacturer or supplier (`organizationalEntity`). */
export const OrganizationSchema = z.looseObject({
  'bom-ref': refString.optional(),
  name: z.string().optional(),
  url: z.array(z.string()).optional(),
  contact: z.array(ContactSchema).optional(),
});

/** A hash of a component or an external reference. */
export const HashSchema = z.looseObject({ alg: z.string(), content: z.string() });

/** `declared` or `concluded`, as CycloneDX 1.6 distinguishes licences. */
export const LicenseAcknowledgementSchema = z.enum(['declared', 'concluded']);

/** One entry of a `licenses` array: a named/SPDX licence or an SPDX expression. */
export const LicenseChoiceSchema = z.union([
  z.looseObject({
    license: z.looseObject({
      'bom-ref': refString.optional(),
      id: z.string().optional(),
      name: z.string().optional(),
      acknowledgement: LicenseAcknowledgementSchema.optional(),
      url: z.string().optional(),
    }),
  }),
  z.looseObject({
    expression: z.string(),
    acknowledgement: LicenseAcknowledgementSchema.optional(),
    'bom-ref': refString.optional(),
  }),
]);

/** A name/value property (`properties`), used for TR-03183-2's `bsi:component:*` fields too. */
export const PropertySchema = z.looseObject({ name: z.string(), value: z.string().optional() });

/** A link to something outside the BOM, optionally with hashes of what it points to. */
export const ExternalReferenceSchema = z.looseObject({
  url: z.string(),
  type: z.string(),
  comment: z.string().optional(),
  hashes: z.array(HashSchema).optional(),
});

/** A CycloneDX component, nested components included. */
export interface CdxComponent {
  type: string;
  name: string;
  'bom-ref'?: string | undefined;
  version?: string | undefined;
  group?: string | undefined;
  supplier?: z.infer<typeof OrganizationSchema> | undefined;
  manufacturer?: z.infer<typeof OrganizationSchema> | undefined;
  authors?: z.infer<typeof ContactSchema>[] | undefined;
  hashes?: z.infer<typeof HashSchema>[] | undefined;
  licenses?: z.infer<typeof LicenseChoiceSchema>[] | undefined;
  purl?: string | undefined;
  cpe?: string | undefined;
  swid?: Record<string, unknown> | undefined;
  externalReferences?: z.infer<typeof ExternalReferenceSchema>[] | undefined;
  properties?: z.infer<typeof PropertySchema>[] | undefined;
  pedigree?: Record<string, unknown> | undefined;
  components?: CdxComponent[] | undefined;
  [key: string]: unknown;
}

/** A CycloneDX component; `components` nests to any depth the limits allow. */
export const ComponentModelSchema: z.ZodType<CdxComponent> = z.lazy(() =>
  z.looseObject({
    type: z.string().min(1),
    name: z.string(),
    'bom-ref': refString.optional(),
    version: z.string().optional(),
    group: z.string().optional(),
    supplier: OrganizationSchema.optional(),
    manufacturer: OrganizationSchema.optional(),
    authors: z.array(ContactSchema).optional(),
    hashes: z.array(HashSchema).optional(),
    licenses: z.array(LicenseChoiceSchema).optional(),
    purl: z.string().max(4096).optional(),
    cpe: z.string().max(4096).optional(),
    swid: z.looseObject({}).optional(),
    externalReferences: z.array(ExternalReferenceSchema).optional(),
    properties: z.array(PropertySchema).optional(),
    pedigree: z.looseObject({}).optional(),
    components: z.array(ComponentModelSchema).optional(),
  }),
);

/** One node of the dependency graph: `ref` depends on each of `dependsOn`. */
export const DependencySchema = z.looseObject({
  ref: refString,
  dependsOn: z.array(refString).optional(),
});

/** A completeness statement (`compositions`). */
export const CompositionSchema = z.looseObject({
  aggregate: z.string(),
  'bom-ref': refString.optional(),
  assemblies: z.array(refString).optional(),
  dependencies: z.array(refString).optional(),
  vulnerabilities: z.array(refString).optional(),
});

/** The VEX part of a vulnerability: what we know about its impact on one product. */
export const AnalysisSchema = z.looseObject({
  state: z.string().optional(),
  justification: z.string().optional(),
  response: z.array(z.string()).optional(),
  detail: z.string().optional(),
});

/** A vulnerability entry of a BOM, as VEX documents carry them. */
export const VulnerabilityModelSchema = z.looseObject({
  'bom-ref': refString.optional(),
  id: z.string().optional(),
  source: z.looseObject({ name: z.string().optional(), url: z.string().optional() }).optional(),
  analysis: AnalysisSchema.optional(),
  affects: z
    .array(z.looseObject({ ref: refString, versions: z.array(z.looseObject({})).optional() }))
    .optional(),
});

/** The BOM's own metadata: when, by what, for which product, at which lifecycle phase. */
export const MetadataSchema = z.looseObject({
  timestamp: z.string().optional(),
  lifecycles: z.array(z.looseObject({})).optional(),
  tools: z.union([z.array(z.looseObject({})), z.looseObject({})]).optional(),
  authors: z.array(ContactSchema).optional(),
  component: ComponentModelSchema.optional(),
  manufacturer: OrganizationSchema.optional(),
  supplier: OrganizationSchema.optional(),
  properties: z.array(PropertySchema).optional(),
});

/** The CycloneDX spec versions this model reads and writes. */
export const SPEC_VERSIONS = ['1.6', '1.7'] as const;

/** A CycloneDX 1.6 or 1.7 JSON BOM (SBOM or VEX). */
export const BomSchema = z.looseObject({
  $schema: z.string().optional(),
  bomFormat: z.literal('CycloneDX'),
  specVersion: z.enum(SPEC_VERSIONS),
  serialNumber: z.string().optional(),
  version: z.number().int().min(1).optional(),
  metadata: MetadataSchema.optional(),
  components: z.array(ComponentModelSchema).optional(),
  services: z.array(z.looseObject({ 'bom-ref': refString.optional() })).optional(),
  externalReferences: z.array(ExternalReferenceSchema).optional(),
  dependencies: z.array(DependencySchema).optional(),
  compositions: z.array(CompositionSchema).optional(),
  properties: z.array(PropertySchema).optional(),
  vulnerabilities: z.array(VulnerabilityModelSchema).optional(),
});

export type Bom = z.infer<typeof BomSchema>;
export type Organization = z.infer<typeof OrganizationSchema>;
export type Contact = z.infer<typeof ContactSchema>;
export type Hash = z.infer<typeof HashSchema>;
export type LicenseChoice = z.infer<typeof LicenseChoiceSchema>;
export type Property = z.infer<typeof PropertySchema>;
export type ExternalReference = z.infer<typeof ExternalReferenceSchema>;
export type Dependency = z.infer<typeof DependencySchema>;
export type Composition = z.infer<typeof CompositionSchema>;
export type BomVulnerability = z.infer<typeof VulnerabilityModelSchema>;
export type SpecVersion = (typeof SPEC_VERSIONS)[number];
