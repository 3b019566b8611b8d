import { z } from 'zod';
import { cited } from '../citation.js';
import { TextSchema } from '../primitives.js';

export const DATA_CATEGORIES = [
  'telemetry',
  'diagnostic',
  'configuration',
  'identifier',
  'credential',
  'personal',
  'location',
  'usage',
] as const;

export const DATA_DESTINATIONS = [
  'device-only',
  'manufacturer-cloud',
  'customer-system',
  'third-party',
] as const;

export const DATA_VALUE_TYPES = ['number', 'integer', 'string', 'boolean'] as const;

export const DataItemSchema = z.strictObject({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be snake_case: a–z, 0–9 and _, starting with a letter')
    .describe('Field name as it appears in telemetry or logs; undeclared fields are rejected'),
  description: TextSchema.describe('What the value is'),
  category: z.enum(DATA_CATEGORIES).describe('Kind of data'),
  personalData: z.boolean().describe('Whether the item is personal data under the GDPR'),
  valueType: z.enum(DATA_VALUE_TYPES).describe('JSON type of the value'),
  unit: TextSchema.optional().describe('Unit of measurement, e.g. mm/s or °C'),
  purpose: TextSchema.describe('Why it is needed for the intended purpose (data minimisation)'),
  destinations: z
    .array(z.enum(DATA_DESTINATIONS))
    .min(1)
    .describe(
      'Where the data goes: stays on the device, manufacturer cloud, customer, third party',
    ),
  thirdParties: z.array(TextSchema).default([]).describe('Named third parties that receive it'),
  retention: TextSchema.describe('How long it is kept, e.g. "90 days" or "until factory reset"'),
});
export type DataItem = z.infer<typeof DataItemSchema>;

export const DataInventorySchema = cited(
  z
    .array(DataItemSchema)
    .min(1, 'declare every data item the product processes')
    .superRefine((items, ctx) => {
      const seen = new Set<string>();
      items.forEach((item, i) => {
        if (seen.has(item.key)) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'key'],
            message: `duplicate data item key "${item.key}"`,
          });
        }
        seen.add(item.key);
        if (item.destinations.includes('third-party') && item.thirdParties.length === 0) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'thirdParties'],
            message: 'name the third parties that receive this item',
          });
        }
      });
    }),
  'Annex I, Part I, point (2)(g)',
  'Every data item the product collects or processes, why, and where it goes (data minimisation)',
);
