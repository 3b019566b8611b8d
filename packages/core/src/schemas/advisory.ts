import { z } from 'zod';
import { AffectedProductSchema, CveIdSchema, CweIdSchema } from './vulnerability-case.js';
import {
  HttpsUrlSchema,
  IdentifierSchema,
  ParagraphSchema,
  TextSchema,
  TimestampSchema,
} from './primitives.js';

export const SEVERITIES = ['none', 'low', 'medium', 'high', 'critical'] as const;

/**
 * A public security advisory for a fixed vulnerability (Annex I, Part II (4) and (8)): what it
 * is, what it affects, how bad it is, and how users remediate.
 */
export const AdvisorySchema = z
  .strictObject({
    schemaVersion: z.literal(1).describe('Version of this document format'),
    id: IdentifierSchema.describe('Advisory id, e.g. ACME-SA-2026-004'),
    title: TextSchema.describe('Title'),
    publishedAt: TimestampSchema.describe('First publication'),
    updatedAt: TimestampSchema.optional().describe('Latest revision'),
    summary: ParagraphSchema.describe('Description of the vulnerability'),
    impact: ParagraphSchema.describe('What an attacker can achieve'),
    severity: z.enum(SEVERITIES).describe('Qualitative severity'),
    cvssV31: z.string().startsWith('CVSS:3.1/').optional().describe('CVSS v3.1 vector'),
    cvssV40: z.string().startsWith('CVSS:4.0/').optional().describe('CVSS v4.0 vector'),
    cveIds: z.array(CveIdSchema).default([]).describe('CVE ids'),
    cwe: z.array(CweIdSchema).default([]).describe('Weakness classes'),
    affected: z
      .array(AffectedProductSchema)
      .min(1)
      .describe('Affected products and fixed versions'),
    remediation: ParagraphSchema.describe('How users remediate: the update, or a workaround'),
    activelyExploited: z.boolean().default(false).describe('Known to be actively exploited'),
    references: z.array(HttpsUrlSchema).default([]).describe('Further information'),
    caseId: IdentifierSchema.optional().describe('The internal vulnerability case'),
  })
  .meta({ id: 'Advisory', title: 'Security advisory' });
export type Advisory = z.infer<typeof AdvisorySchema>;
