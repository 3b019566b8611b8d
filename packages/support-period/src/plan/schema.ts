import { IsoDateSchema, SUPPORT_PERIOD_BASES, SupportPlanSchema, TextSchema } from '@cra-kit/core';
import { z } from 'zod';

/** A warning about a plan that is lawful but that an assessor will question. */
export const SupportWarningSchema = z.strictObject({
  code: z
    .enum(['SHORTER_THAN_EXPECTED_USE', 'SHORTER_THAN_COMPONENT_SUPPORT'])
    .describe('Stable warning code'),
  message: TextSchema,
  citation: TextSchema.describe('Article the warning comes from'),
  component: TextSchema.optional().describe('The component, for component warnings'),
});
export type SupportWarning = z.infer<typeof SupportWarningSchema>;

/** The Art. 13(9) retention of one security update. */
export const UpdateRetentionSchema = z.strictObject({
  version: TextSchema.describe('Firmware version'),
  releasedOn: IsoDateSchema.describe('UTC date the update was issued'),
  retainUntil: IsoDateSchema.nullable().describe(
    'Keep available up to and including this date; null while the support period is still open',
  ),
  citation: z.literal('Art. 13(9)'),
});
export type UpdateRetention = z.infer<typeof UpdateRetentionSchema>;

/**
 * core's {@link SupportPlanSchema} extended with what a support plan needs beyond it: the basis,
 * the minimum in months, the end for the last unit placed on the market, each security update's
 * retention and the warnings. All end dates are inclusive: the whole UTC day is covered.
 */
export const SupportPlanDetailSchema = SupportPlanSchema.extend({
  basis: z.enum(SUPPORT_PERIOD_BASES).describe('model: one period for all units; unit: per unit'),
  supportMonths: z.int().positive().describe('Declared length of the support period'),
  minimumMonths: z.int().positive().describe('The shortest period Art. 13(8) allows here'),
  lastUnitPlacedOnMarket: IsoDateSchema.nullable().describe(
    'When the last unit was placed on the market; null while units are still being placed',
  ),
  documentationRetentionOpen: z
    .boolean()
    .describe(
      'true while units are still being placed: documentationRetentionEnd is a lower bound',
    ),
  latestSupportEnd: IsoDateSchema.nullable().describe(
    'Support end of the last unit placed on the market; null while units are still being placed (basis unit)',
  ),
  updateRetention: z.array(UpdateRetentionSchema).describe('Art. 13(9) for each security update'),
  warnings: z.array(SupportWarningSchema),
}).meta({ id: 'SupportPlanDetail', title: 'Support plan (detailed)' });
export type SupportPlanDetail = z.infer<typeof SupportPlanDetailSchema>;
