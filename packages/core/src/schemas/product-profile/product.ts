import { z } from 'zod';
import { cited } from '../citation.js';
import { ParagraphSchema, TextSchema } from '../primitives.js';

export const IDENTIFICATION_SCHEMES = ['serial-number', 'batch-number', 'type-number'] as const;

export const ProductSchema = cited(
  z.strictObject({
    name: cited(TextSchema, 'Annex II(3); Annex V(1)', 'Product name as sold'),
    type: cited(
      TextSchema,
      'Annex II(3); Annex VI',
      'Type designation, as it appears in the (simplified) declaration of conformity',
    ),
    model: cited(TextSchema, 'Annex II(3)', 'Model identifier (one profile per model)'),
    hardwareRevisions: z
      .array(TextSchema)
      .min(1, 'list at least one hardware revision')
      .describe('Hardware revisions this profile covers'),
    identification: cited(
      z.strictObject({
        scheme: z
          .enum(IDENTIFICATION_SCHEMES)
          .describe('How each unit is identified: serial number, batch number or type number'),
        format: TextSchema.describe(
          'What the identifier looks like, e.g. "VS-<yy><ww>-<6 digits>"',
        ),
        marking: TextSchema.describe(
          'Where the identifier is shown: on the product, its packaging, or digitally',
        ),
      }),
      'Art. 13(15); Annex II(3)',
      'Unique identification of the product',
    ),
    intendedPurpose: cited(
      ParagraphSchema,
      'Annex II(4); Annex VII(1)(a)',
      'What the product is for, including the security environment it is meant for',
    ),
    essentialFunctions: cited(
      z.array(TextSchema).min(1, 'list at least one essential function'),
      'Annex II(4); Annex I, Part I, point (2)(h)',
      'The essential functions that must stay available, also after an incident',
    ),
    securityProperties: cited(
      z.array(TextSchema).default([]),
      'Annex II(4)',
      'The main security properties offered to users',
    ),
    operatingEnvironment: cited(
      ParagraphSchema,
      'Annex II(4)–(5); Art. 13(3)',
      'Where and how the product is used (site, network, users), the basis of the risk assessment',
    ),
    foreseeableMisuse: cited(
      z.array(TextSchema).default([]),
      'Annex II(5)',
      'Known or foreseeable circumstances (intended use or foreseeable misuse) that may lead to significant cybersecurity risks',
    ),
  }),
  'Annex II(3)–(5)',
  'What the product is',
);
export type Product = z.infer<typeof ProductSchema>;
