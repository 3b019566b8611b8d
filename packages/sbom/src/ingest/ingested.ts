import { z } from 'zod';
import { COMPONENT_TYPES } from './component-types.js';

const Hex = (length: number) =>
  z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`), `must be ${length} lowercase hex digits`);

/**
 * One component as an ingest input describes it, before merging: the shared shape every reader
 * (dpkg, apk, Yocto, Buildroot, npm, pnpm) produces and `components.yaml` is written in.
 */
export const IngestedComponentSchema = z.strictObject({
  name: z.string().min(1).max(1024),
  version: z.string().min(1).max(256).optional().describe('As the supplier writes it'),
  type: z.enum(COMPONENT_TYPES).default('library').describe('CycloneDX component type'),
  supplier: z.string().max(1024).optional().describe('Who supplies it (organisation or person)'),
  supplierUrl: z.url().max(2048).optional(),
  supplierEmail: z.email().max(320).optional(),
  purl: z.string().regex(/^pkg:[a-z][a-z0-9.+-]*\/\S+$/, 'must be a package URL').max(2048).optional(),
  cpe: z.string().regex(/^cpe:2\.3:[aho*-]:\S+$/, 'must be a CPE 2.3 name').max(2048).optional(),
  licenses: z.array(z.string().min(1).max(1024)).default([]).describe('Declared licences (SPDX ids/expressions or names)'),
  concludedLicense: z.string().min(1).max(1024).optional().describe('The licence you distribute it under (SPDX expression)'),
  sha256: Hex(64).optional(),
  sha512: Hex(128).optional(),
  filename: z.string().max(1024).optional().describe('File name of the deployable form, not a path'),
  file: z.string().max(4096).optional().describe('Path of the deployable file to hash, relative to the input'),
  downloadUrl: z.string().max(4096).optional(),
  sourceUrl: z.string().max(4096).optional(),
  homepage: z.string().max(4096).optional(),
  description: z.string().max(4096).optional(),
  executable: z.boolean().optional().describe('The deployable is executable (set from the file when hashed)'),
  archive: z.boolean().optional().describe('The deployable is an archive'),
  structured: z.boolean().optional().describe('The deployable is a structured image (filesystem, FIT…)'),
  dependsOn: z.array(z.string().min(1).max(1024)).default([]).describe('Names of components it depends on'),
  topLevel: z.boolean().default(false).describe('A direct dependency of the product (Annex I Part II (1))'),
}); // prettier-ignore

export type IngestedComponent = z.infer<typeof IngestedComponentSchema>;
export type IngestedComponentInput = z.input<typeof IngestedComponentSchema>;

/** What one ingest input produced, and where it came from. */
export interface IngestResult {
  /** `<kind>:<path>` or a label, kept in the SBOM as the component's source. */
  readonly source: string;
  readonly components: readonly IngestedComponent[];
}
