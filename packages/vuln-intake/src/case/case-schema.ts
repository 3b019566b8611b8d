import {
  EmailSchema,
  IdentifierSchema,
  ParagraphSchema,
  TextSchema,
  TimestampSchema,
  VulnerabilityCaseSchema,
} from '@cra-kit/core';
import { z } from 'zod';

/** Roles a party can have in multi-party coordination (ISO/IEC TR 5895). */
export const PARTY_ROLES = [
  'vendor',
  'coordinator-csirt',
  'reporter',
  'supplier',
  'other',
] as const;

/** Another organisation coordinating the disclosure with us. */
export const CoordinationPartySchema = z.strictObject({
  name: TextSchema.describe('Organisation name'),
  role: z.enum(PARTY_ROLES).describe('Role in the coordination'),
  contact: TextSchema.optional().describe('E-mail, URL or other contact'),
  reference: TextSchema.optional().describe("The party's own tracking id"),
});

/** The Art. 14 stages a case can owe a report for. */
export const REPORT_STAGES = [
  'early-warning',
  'notification',
  'intermediate-report',
  'final-report',
  'inform-users',
] as const;
export const ReportStageSchema = z.enum(REPORT_STAGES);

/** A report submitted through ENISA's single reporting platform, or users informed (14(8)). */
export const SubmissionSchema = z.strictObject({
  stage: ReportStageSchema,
  submittedAt: TimestampSchema.describe('When it was submitted'),
  reference: TextSchema.optional().describe('Reference the platform or CSIRT returned'),
});

/** A severe incident having an impact on the security of the product (Art. 14(3), 14(5)). */
export const SevereIncidentSchema = z.strictObject({
  awareAt: TimestampSchema.describe('When the manufacturer became aware (starts the clock)'),
  description: ParagraphSchema.describe('What happened'),
});

/**
 * A case as this package stores it: core's {@link VulnerabilityCaseSchema} plus what handling
 * needs beyond it (coordination parties, product profile links, Art. 14 submissions and
 * intermediate-report requests). See the report for the proposed core additions.
 */
export const CaseSchema = VulnerabilityCaseSchema.extend({
  productProfiles: z
    .array(TextSchema)
    .default([])
    .describe('Product profiles (file or model) the case affects'),
  firmwareReleases: z.array(TextSchema).default([]).describe('Firmware release ids it affects'),
  coordination: z.array(CoordinationPartySchema).default([]).describe('Other parties involved'),
  severeIncident: SevereIncidentSchema.optional().describe('Set when this is a severe incident'),
  intermediateRequests: z
    .array(z.strictObject({ requestedAt: TimestampSchema, dueAt: TimestampSchema }))
    .default([])
    .describe('Intermediate reports a CSIRT asked for (Art. 14(6))'),
  submissions: z.array(SubmissionSchema).default([]).describe('Reports submitted so far'),
  reporterTokenHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional()
    .describe('SHA-256 of the reporter token; the token itself is never stored'),
  contactEmail: EmailSchema.optional().describe('Where to send updates to the reporter'),
  updatedAt: TimestampSchema.optional().describe('Last change'),
}).meta({ id: 'VulnIntakeCase', title: 'Vulnerability case (vuln-intake)' });

export type Case = z.infer<typeof CaseSchema>;
export type CaseInput = z.input<typeof CaseSchema>;
export type CoordinationParty = z.infer<typeof CoordinationPartySchema>;
export type ReportStage = z.infer<typeof ReportStageSchema>;
export type Submission = z.infer<typeof SubmissionSchema>;

/** A case id: identifier characters only, so it is safe in paths, URLs and SQL parameters. */
export const CaseIdSchema = IdentifierSchema;
