import { z } from 'zod';
import { cited } from '../citation.js';
import { DurationSchema, IsoDateSchema, TextSchema } from '../primitives.js';

export const SUPPORT_PERIOD_BASES = ['model', 'unit'] as const;

export const LifecycleSchema = cited(
  z.strictObject({
    placingOnMarket: cited(
      IsoDateSchema,
      'Art. 3(21); Art. 13(8)',
      'Date (YYYY-MM-DD) the first unit of this model is placed on the EU market',
    ),
    expectedUseTime: cited(
      DurationSchema,
      'Art. 13(8)',
      'How long users can reasonably expect to use the product',
    ),
    supportPeriod: cited(
      z.strictObject({
        duration: DurationSchema.describe('Length of the support period'),
        basis: z
          .enum(SUPPORT_PERIOD_BASES)
          .default('model')
          .describe(
            'model: counted from placingOnMarket; unit: counted from when each unit is placed on the market (FAQ 4.5.3)',
          ),
        rationale: TextSchema.optional().describe(
          'How the period was determined (Art. 13(8); goes into Annex VII(4))',
        ),
      }),
      'Art. 13(8); Annex II(7); Annex VII(4)',
      'The support period: at least 5 years, or the expected use time if that is shorter',
    ),
  }),
  'Art. 13(8)',
  'Placing on the market, expected use time and support period',
);
export type Lifecycle = z.infer<typeof LifecycleSchema>;
