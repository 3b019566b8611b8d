import { z } from 'zod';
import { IsoDateSchema, TextSchema } from './primitives.js';

/**
 * The support commitments derived from a product profile: when support ends, the legal minimum
 * and why, and how long documents must be kept (Art. 13(8), 13(13), 13(19)).
 */
export const SupportPlanSchema = z
  .strictObject({
    schemaVersion: z.literal(1).describe('Version of this document format'),
    model: TextSchema.describe('Product model'),
    supportStart: IsoDateSchema.describe('First day of the support period'),
    supportEnd: IsoDateSchema.describe('Last day of the support period'),
    minimumSupportEnd: IsoDateSchema.describe('Earliest end Art. 13(8) allows'),
    minimumReason: TextSchema.describe('Why that minimum applies'),
    documentationRetentionEnd: IsoDateSchema.describe(
      'Keep the technical documentation and DoC until this date (Art. 13(13))',
    ),
    endOfSupportLabel: TextSchema.describe('Month and year shown at purchase (Art. 13(19))'),
  })
  .meta({ id: 'SupportPlan', title: 'Support plan' });
export type SupportPlan = z.infer<typeof SupportPlanSchema>;
