import { z } from 'zod';
import { cited } from '../citation.js';
import { HttpsUrlSchema, TextSchema } from '../primitives.js';
import { AnnexEntryIdSchema, ProductCategorySchema } from './product-categories.js';

export const CONFORMITY_PROCEDURES = [
  'module-a',
  'module-b-c',
  'module-h',
  'eu-certification-scheme',
] as const;

export const ConformityProcedureSchema = z
  .enum(CONFORMITY_PROCEDURES)
  .describe(
    'module-a: internal control; module-b-c: EU-type examination + conformity to type; module-h: full quality assurance; eu-certification-scheme: a European cybersecurity certification scheme (Art. 32(1))',
  );
export type ConformityProcedure = z.infer<typeof ConformityProcedureSchema>;

export const ASSURANCE_LEVELS = ['basic', 'substantial', 'high'] as const;
export const AssuranceLevelSchema = z
  .enum(ASSURANCE_LEVELS)
  .describe('Assurance level of a European cybersecurity certification (Reg. (EU) 2019/881)');

export const ClassificationSchema = cited(
  z.strictObject({
    category: ProductCategorySchema,
    annexEntry: AnnexEntryIdSchema.optional(),
    rationale: TextSchema.optional().describe(
      'Why the core functionality does or does not fall under Annex III/IV (Art. 7(1))',
    ),
  }),
  'Art. 7; Art. 8; Annex III; Annex IV',
  'The CRA category of the product, by its core functionality',
);

export const ConformityAssessmentSchema = cited(
  z.strictObject({
    procedure: ConformityProcedureSchema,
    certificationScheme: z
      .strictObject({
        name: TextSchema.describe('Scheme name, e.g. EUCC (Implementing Reg. (EU) 2024/482)'),
        assuranceLevel: AssuranceLevelSchema,
      })
      .optional()
      .describe('The certification scheme, when the procedure is eu-certification-scheme'),
    notifiedBody: z
      .strictObject({
        name: TextSchema.describe('Name of the notified body'),
        number: z
          .string()
          .regex(/^\d{4}$/, 'must be the 4-digit NANDO number')
          .describe('Its number'),
      })
      .optional()
      .describe('The notified body, for modules B+C and H (Annex V(7))'),
    certificateId: TextSchema.optional().describe('Identification of the certificate issued'),
    freeAndOpenSource: z
      .strictObject({
        technicalDocumentationUrl: HttpsUrlSchema.describe(
          'Where the technical documentation is public (Art. 32(5))',
        ),
      })
      .optional()
      .describe(
        'Set for free and open-source products in Annex III whose technical documentation is public (Art. 32(5))',
      ),
  }),
  'Art. 32',
  'The conformity assessment procedure chosen',
);
