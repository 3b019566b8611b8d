import { z } from 'zod';
import { cited } from '../citation.js';
import { HttpsUrlSchema, TextSchema } from '../primitives.js';

export const SbomReferenceSchema = cited(
  z
    .strictObject({
      location: TextSchema.describe(
        'Where the SBOM of the current release is kept (path in the technical file, or URL)',
      ),
      format: z.enum(['cyclonedx', 'spdx']).describe('SBOM format'),
      sharedWithUsers: z
        .boolean()
        .default(false)
        .describe('Whether users can get the SBOM (optional: Recital 77)'),
      userUrl: HttpsUrlSchema.optional().describe('Where users get it, when shared'),
    })
    .refine((s) => !s.sharedWithUsers || s.userUrl !== undefined, {
      message: 'give userUrl when the SBOM is shared with users',
      path: ['userUrl'],
    }),
  'Annex I, Part II, point (1); Annex II(9); Annex VII(2)(b)',
  'The software bill of materials',
);

export const DocumentationSchema = cited(
  z.strictObject({
    declarationOfConformityUrl: cited(
      HttpsUrlSchema.optional(),
      'Annex II(6); Art. 13(20); Annex VI',
      'Internet address of the full EU declaration of conformity',
    ),
    userInstructionsUrl: cited(
      HttpsUrlSchema.optional(),
      'Annex II(8)',
      'Where the user information and instructions are published',
    ),
    supportUrl: HttpsUrlSchema.optional().describe(
      'Where users read the type of technical security support offered (Annex II(7))',
    ),
  }),
  'Annex II(6)–(8)',
  'Where the published documents live',
);
