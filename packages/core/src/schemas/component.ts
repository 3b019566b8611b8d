import { z } from 'zod';
import { Sha256HexSchema, Sha512HexSchema, TextSchema } from './primitives.js';

export const COMPONENT_KINDS = [
  'application',
  'library',
  'operating-system',
  'firmware',
  'device-driver',
  'container',
  'file',
] as const;

/** A software component inside a firmware image, the unit of SBOMs and vulnerability matching. */
export const ComponentSchema = z
  .strictObject({
    name: TextSchema.describe('Component name'),
    version: TextSchema.describe('Version as the supplier writes it'),
    kind: z.enum(COMPONENT_KINDS).describe('What kind of component'),
    supplier: TextSchema.optional().describe('Who supplies it'),
    purl: z
      .string()
      .regex(/^pkg:[a-z][a-z0-9.+-]*\/\S+$/, 'must be a package URL (pkg:type/name@version)')
      .max(2048)
      .optional()
      .describe('Package URL'),
    cpe: z
      .string()
      .regex(/^cpe:2\.3:[aho*-]:\S+$/, 'must be a CPE 2.3 formatted string')
      .max(2048)
      .optional()
      .describe('CPE 2.3 name'),
    licenses: z.array(TextSchema).default([]).describe('SPDX license expressions'),
    hashes: z
      .strictObject({ sha256: Sha256HexSchema.optional(), sha512: Sha512HexSchema.optional() })
      .optional()
      .describe('Hashes of the deployed file'),
    topLevel: z
      .boolean()
      .default(false)
      .describe('A top-level dependency (the legal minimum of Annex I, Part II (1))'),
  })
  .meta({ id: 'Component', title: 'Software component' });
export type Component = z.infer<typeof ComponentSchema>;
