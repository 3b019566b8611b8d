import {
  IdentifierSchema,
  IsoDateSchema,
  ParagraphSchema,
  RequirementIdSchema,
  TextSchema,
  hasRequirement,
} from '@cra-kit/core';
import { z } from 'zod';

/** Likelihood and impact levels of a risk. */
export const RISK_LEVELS = ['low', 'medium', 'high', 'very-high'] as const;

/** How a risk is treated (ISO 31000 vocabulary). */
export const RISK_TREATMENTS = ['mitigate', 'avoid', 'transfer', 'accept'] as const;

/** Security properties an asset may need. */
export const SECURITY_PROPERTIES = [
  'confidentiality',
  'integrity',
  'availability',
  'authenticity',
] as const;

const AssetSchema = z.strictObject({
  id: IdentifierSchema,
  description: TextSchema,
  properties: z.array(z.enum(SECURITY_PROPERTIES)).min(1).describe('What must be protected'),
});

const ThreatSchema = z.strictObject({
  id: IdentifierSchema,
  description: TextSchema,
  assets: z.array(IdentifierSchema).min(1).describe('Ids of the assets the threat is against'),
});

const MitigationSchema = z.strictObject({
  id: IdentifierSchema,
  description: TextSchema,
});

const RiskSchema = z.strictObject({
  id: IdentifierSchema,
  threat: IdentifierSchema.describe('Id of the threat'),
  likelihood: z.enum(RISK_LEVELS),
  impact: z.enum(RISK_LEVELS),
  treatment: z.enum(RISK_TREATMENTS),
  mitigations: z.array(IdentifierSchema).default([]).describe('Ids of the mitigations applied'),
  residualRisk: z.enum(RISK_LEVELS),
});

/**
 * How one Annex I Part I requirement applies (Art. 13(3)): applicable with how it is
 * implemented, or not applicable with the justification the Act requires (Art. 13(4)).
 */
export const RequirementApplicabilitySchema = z.discriminatedUnion('applicable', [
  z.strictObject({
    applicable: z.literal(true),
    implementation: ParagraphSchema.describe('How the product meets the requirement'),
    mitigations: z.array(IdentifierSchema).default([]).describe('Ids of mitigations that serve it'),
  }),
  z.strictObject({
    applicable: z.literal(false),
    justification: ParagraphSchema.describe('Why the requirement does not apply (Art. 13(4))'),
  }),
]);

/**
 * The cybersecurity risk assessment of a product (Art. 13(2)–(4); Annex VII(3)): its scope,
 * assets, threats, risks and mitigations, and for each Annex I Part I requirement whether and
 * how it applies. Cross-references (threat → asset, risk → threat and mitigations) must resolve
 * and requirement ids must be Annex I Part I ids of the core catalogue.
 */
export const RiskAssessmentSchema = z
  .strictObject({
    schemaVersion: z.literal(1).describe('Version of this file format; always 1'),
    model: TextSchema.describe(
      'Product model the assessment is for (product.model of the profile)',
    ),
    assessedOn: IsoDateSchema.describe('Date of this version of the assessment'),
    assessors: z.array(TextSchema).min(1).describe('Who performed or approved it'),
    scope: z.strictObject({
      intendedPurpose: ParagraphSchema,
      foreseeableUse: ParagraphSchema.describe('Reasonably foreseeable use and misuse'),
      conditionsOfUse: ParagraphSchema.describe('Operational environment and assets to protect'),
      expectedUseTime: TextSchema.describe('Expected time the product is in use'),
    }),
    assets: z.array(AssetSchema).min(1),
    threats: z.array(ThreatSchema).min(1),
    mitigations: z.array(MitigationSchema).default([]),
    risks: z.array(RiskSchema).min(1),
    requirements: z
      .record(RequirementIdSchema, RequirementApplicabilitySchema)
      .describe('Annex I Part I requirement id → applicability, e.g. annex-i.part-1.2.c'),
    partII: ParagraphSchema.optional().describe('How Annex I Part II is applied (Art. 13(3))'),
  })
  // prettier-ignore
  .superRefine((ra, ctx) => {
    const ids = (list: readonly { id: string }[]) => new Set(list.map((x) => x.id));
    const assets = ids(ra.assets);
    const threats = ids(ra.threats);
    const mitigations = ids(ra.mitigations);
    // Reports every reference in `refs` (at `path`) that `known` does not hold.
    const check = (
      known: Set<string>,
      what: string,
      refs: readonly string[],
      path: (string | number)[],
    ) => {
      refs.forEach((id, j) => {
        if (!known.has(id))
          ctx.addIssue({
            code: 'custom',
            path: [...path, j],
            message: `no ${what} with id ${JSON.stringify(id)}`,
          });
      });
    };
    ra.threats.forEach((t, i) => {
      check(assets, 'asset', t.assets, ['threats', i, 'assets']);
    });
    ra.risks.forEach((r, i) => {
      if (!threats.has(r.threat))
        ctx.addIssue({
          code: 'custom',
          path: ['risks', i, 'threat'],
          message: `no threat with id ${JSON.stringify(r.threat)}`,
        });
      check(mitigations, 'mitigation', r.mitigations, ['risks', i, 'mitigations']);
    });
    for (const [id, item] of Object.entries(ra.requirements)) {
      if (!hasRequirement(id) || !id.startsWith('annex-i.part-1.')) {
        ctx.addIssue({
          code: 'custom',
          path: ['requirements', id],
          message: 'must be an Annex I Part I requirement id of the cra-kit catalogue',
        });
      } else if (!item.applicable && !id.startsWith('annex-i.part-1.2.')) {
        // Point (1) applies to every product; only the (2)(a)–(m) items depend on the risks.
        ctx.addIssue({
          code: 'custom',
          path: ['requirements', id, 'applicable'],
          message: 'Annex I, Part I, point (1) applies to every product',
          params: { citation: 'Annex I, Part I, point (1)' },
        });
      }
      if (item.applicable) {
        check(mitigations, 'mitigation', item.mitigations, ['requirements', id, 'mitigations']);
      }
    }
  })
  .meta({ id: 'RiskAssessment', title: 'cra-kit risk assessment' });

/** A validated risk assessment (see {@link RiskAssessmentSchema}). */
export type RiskAssessment = z.infer<typeof RiskAssessmentSchema>;
/** How one Annex I Part I requirement applies (see {@link RequirementApplicabilitySchema}). */
export type RequirementApplicability = z.infer<typeof RequirementApplicabilitySchema>;
