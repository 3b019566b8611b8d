import { z } from 'zod';
import { cited } from '../citation.js';
import { ClassificationSchema, ConformityAssessmentSchema } from './conformity.js';
import { DataInventorySchema } from './data-inventory.js';
import { ExposedInterfacesSchema } from './interfaces.js';
import { applyProfileRules } from './legal-rules.js';
import { LifecycleSchema } from './lifecycle.js';
import { ManufacturerSchema } from './manufacturer.js';
import { ProductSchema } from './product.js';
import { DocumentationSchema, SbomReferenceSchema } from './publication.js';
import { AppliedStandardsSchema } from './standards.js';
import { UpdatePolicySchema } from './update-policy.js';

/**
 * The product profile (`cra.product.yaml`): the one file a manufacturer fills in per product
 * model. Every other cra-kit package reads it. Besides each field's own rules it is checked
 * against Art. 7/8 (category vs Annex III/IV), Art. 32 (conformity assessment procedure) and
 * Art. 13(8) (support period); each violation carries its citation.
 */
const sections = {
  classification: ClassificationSchema,
  conformityAssessment: ConformityAssessmentSchema,
  standards: AppliedStandardsSchema,
  lifecycle: LifecycleSchema,
};

export const ProductProfileSchema = z
  .strictObject({
    schemaVersion: z.literal(1).describe('Version of this file format; always 1'),
    manufacturer: ManufacturerSchema,
    product: ProductSchema,
    classification: ClassificationSchema,
    conformityAssessment: ConformityAssessmentSchema,
    lifecycle: LifecycleSchema,
    dataInventory: DataInventorySchema,
    interfaces: ExposedInterfacesSchema,
    updatePolicy: UpdatePolicySchema,
    standards: AppliedStandardsSchema,
    sbom: SbomReferenceSchema,
    documentation: cited(
      DocumentationSchema.default({}),
      'Annex II(6)–(8)',
      'Where the published documents live',
    ),
  })
  .superRefine(
    (value, ctx) => {
      applyProfileRules(value, ctx, sections);
    },
    // Run the legal rules even when other fields are invalid, so every problem shows at once.
    { when: () => true },
  )
  .meta({
    id: 'ProductProfile',
    title: 'cra-kit product profile (cra.product.yaml)',
    description:
      'Everything cra-kit needs to know about one product model to support CRA (Regulation (EU) 2024/2847) conformity',
  });

/** A validated product profile, with defaults filled in. */
export type ProductProfile = z.infer<typeof ProductProfileSchema>;
/** A product profile as written by hand, before defaults are applied. */
export type ProductProfileInput = z.input<typeof ProductProfileSchema>;
