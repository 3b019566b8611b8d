import { z } from 'zod';
import { cited } from '../citation.js';
import { TextSchema } from '../primitives.js';
import { AssuranceLevelSchema } from './conformity.js';

export const STANDARD_KINDS = [
  'harmonised-standard',
  'common-specification',
  'eu-certification-scheme',
  'other-standard',
] as const;

export const AppliedStandardSchema = z.strictObject({
  reference: TextSchema.describe('Reference and version, e.g. "ETSI EN 303 645 V3.1.3"'),
  kind: z
    .enum(STANDARD_KINDS)
    .describe(
      'harmonised-standard (cited in the OJ, Art. 27(1)), common-specification (Art. 27(2)), eu-certification-scheme (Art. 27(9)) or other-standard',
    ),
  coverage: z
    .enum(['full', 'partial'])
    .describe('Applied in full or in part (Annex VII(5) asks which parts)'),
  assuranceLevel: AssuranceLevelSchema.optional().describe(
    'For certification schemes: the assurance level reached',
  ),
  provisions: z
    .array(TextSchema)
    .default([])
    .describe('Provisions or clauses applied, e.g. "5.1-1"; empty when applied in full'),
});
export type AppliedStandard = z.infer<typeof AppliedStandardSchema>;

export const AppliedStandardsSchema = cited(
  z.array(AppliedStandardSchema).default([]),
  'Annex V(6); Annex VII(5); Art. 27',
  'Harmonised standards, common specifications, certification schemes and other standards applied',
);
