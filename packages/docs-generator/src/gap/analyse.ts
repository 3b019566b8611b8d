import { REQUIREMENTS, type ProductProfile, type Requirement } from '@cra-kit/core';
import type { EvidenceBundle } from '../evidence/load-bundle.js';
import type { RiskAssessment } from '../risk-assessment/schema.js';
import { DEFAULT_RULE, REQUIREMENT_RULES, type RequirementCheck } from './rules.js';

/** The verdict on one requirement. */
export const GAP_STATUSES = ['met', 'partly-met', 'not-met', 'not-applicable'] as const;

/** One of {@link GAP_STATUSES}. */
export type GapStatus = (typeof GAP_STATUSES)[number];

/** What supports a requirement: an evidence file (with its digest), a profile field, a document. */
export interface SupportingEvidence {
  readonly type:
    'evidence' | 'profile' | 'risk-assessment' | 'generated' | 'legal-rule' | 'signatory';
  /** Human description, e.g. `sbom: sbom/vs300.cdx.json`. */
  readonly label: string;
  readonly path?: string;
  readonly sha256?: string;
}

/** The gap analysis of one catalogue requirement. */
export interface RequirementGap {
  readonly id: string;
  readonly citation: string;
  readonly title: string;
  readonly status: GapStatus;
  /** For `not-applicable`: why. */
  readonly justification?: string;
  readonly evidence: readonly SupportingEvidence[];
  /** What is missing, one line each; empty when met. */
  readonly missing: readonly string[];
  /** What to do next; absent when met or not applicable. */
  readonly nextStep?: string;
}

/** The gap analysis of a product over the whole catalogue. */
export interface GapReport {
  readonly product: { readonly name: string; readonly model: string; readonly category: string };
  readonly requirements: readonly RequirementGap[];
  readonly summary: Readonly<Record<GapStatus, number>>;
  /** True when any requirement is partly met or not met. */
  readonly hasGaps: boolean;
}

/** What the gap analysis reads. */
export interface GapInput {
  readonly profile: ProductProfile;
  /** The checked evidence; without it every requirement that needs evidence is a gap. */
  readonly bundle?: EvidenceBundle;
  readonly riskAssessment?: RiskAssessment;
  /** Who signs the declaration (Annex V(8)); the profile has no field for it. */
  readonly signatory?: { readonly name: string; readonly function: string; readonly place: string };
  /** The requirements to analyse; defaults to the whole core catalogue. */
  readonly requirements?: readonly Requirement[];
}

/**
 * Analyses every requirement of the core catalogue for a product: met, partly met, not met or
 * not applicable (with its justification), what supports it, what is missing and the next step.
 * The category rules of Art. 32 come from core (`checkConformityProcedure`): a class I product
 * on module A without standards applied in full, or a class II product without a notified body,
 * is a gap.
 *
 * @param input - Profile, checked evidence bundle, risk assessment.
 * @returns The report, in catalogue order.
 * @example
 * ```ts
 * const report = analyseGaps({ profile, bundle, riskAssessment });
 * if (report.hasGaps) process.exitCode = 1;
 * ```
 */
export function analyseGaps(input: GapInput): GapReport {
  const forThisModel = onlyForModel(input);
  const requirements = (input.requirements ?? REQUIREMENTS).map((r) => analyseOne(r, forThisModel));
  const summary = { met: 0, 'partly-met': 0, 'not-met': 0, 'not-applicable': 0 };
  for (const r of requirements) summary[r.status] += 1;
  const { product, classification } = input.profile;
  return {
    product: { name: product.name, model: product.model, category: classification.category },
    requirements,
    summary,
    hasGaps: summary['partly-met'] + summary['not-met'] > 0,
  };
}

/**
 * Drops a risk assessment or evidence bundle made for another model than the profile's: it is
 * no evidence for this product.
 * @internal
 */
export function onlyForModel<T extends Pick<GapInput, 'profile' | 'bundle' | 'riskAssessment'>>(
  input: T,
): T {
  const model = input.profile.product.model;
  const { bundle, riskAssessment, ...rest } = input;
  return {
    ...rest,
    ...(bundle !== undefined && bundle.model === model ? { bundle } : {}),
    ...(riskAssessment !== undefined && riskAssessment.model === model ? { riskAssessment } : {}),
  } as T;
}

function analyseOne(requirement: Requirement, input: GapInput): RequirementGap {
  const rule = REQUIREMENT_RULES[requirement.id] ?? DEFAULT_RULE;
  const head = { id: requirement.id, citation: requirement.citation, title: requirement.title };
  const justification = rule.notApplicable?.(input.profile) ?? riskJustification(requirement.id, input);
  if (justification !== undefined) {
    return { ...head, status: 'not-applicable', justification, evidence: [], missing: [] };
  }
  const evidence: SupportingEvidence[] = [];
  const missing: string[] = [];
  let passed = 0;
  for (const check of rule.checks) {
    const outcome = evaluate(check, requirement.id, input);
    evidence.push(...outcome.evidence);
    if (outcome.missing === undefined) passed += 1;
    else missing.push(outcome.missing);
  }
  const status = missing.length === 0 ? 'met' : passed === 0 ? 'not-met' : 'partly-met';
  return { ...head, status, evidence, missing, ...(status === 'met' ? {} : { nextStep: rule.nextStep }) };
} // prettier-ignore

/** An Annex I Part I item the risk assessment marks not applicable carries its justification. */
function riskJustification(id: string, input: GapInput): string | undefined {
  const item = input.riskAssessment?.requirements[id];
  return item !== undefined && !item.applicable ? item.justification : undefined;
}

interface Outcome {
  readonly evidence: readonly SupportingEvidence[];
  readonly missing?: string;
}

function evaluate(check: RequirementCheck, id: string, input: GapInput): Outcome {
  const entries = input.bundle?.entries ?? [];
  const cite = (e: (typeof entries)[number]): SupportingEvidence => ({ type: 'evidence', label: `${e.kind}: ${e.path}`, path: e.path, ...(e.sha256 === undefined ? {} : { sha256: e.sha256 }) });
  switch (check.type) {
    case 'evidence': {
      const usable = entries.filter((e) => e.kind === check.kind && e.usable);
      if (usable.length > 0) return { evidence: usable.map(cite) };
      const broken = entries.find((e) => e.kind === check.kind);
      return { evidence: [], missing: broken === undefined ? `${check.kind} evidence` : `${check.kind} evidence (${broken.path}: ${broken.findings.map((f) => f.code).join(', ')})` };
    }
    case 'covered': {
      const docs = entries.filter((e) => e.kind === 'document' && e.usable && e.covers.includes(id));
      return docs.length > 0 ? { evidence: docs.map(cite) } : { evidence: [], missing: `a document covering ${id}` };
    }
    case 'profile':
      return check.has(input.profile) ? { evidence: [{ type: 'profile', label: `product profile: ${check.what}` }] } : { evidence: [], missing: `product profile: ${check.what}` };
    case 'risk-item': {
      const item = input.riskAssessment?.requirements[check.id];
      if (item?.applicable === true) return { evidence: [{ type: 'risk-assessment', label: `risk assessment: ${check.id}` }] };
      return { evidence: [], missing: `risk assessment: ${check.id} ${input.riskAssessment === undefined ? `(no risk assessment for model ${input.profile.product.model})` : 'not addressed'}` };
    }
    case 'generated':
      return { evidence: [{ type: 'generated', label: `generated ${check.document}` }] };
    case 'legal': {
      const violations = check.check(input.profile);
      return violations.length === 0 ? { evidence: [{ type: 'legal-rule', label: 'category and procedure rules (Art. 32, Art. 13(8))' }] } : { evidence: [], missing: violations.map((v) => `${v.message} [${v.citation}]`).join('; ') };
    }
    case 'signatory':
      return input.signatory !== undefined ? { evidence: [{ type: 'signatory', label: `signed for by ${input.signatory.name}, ${input.signatory.function}` }] } : { evidence: [], missing: 'signatory (name, function, place) of the declaration' };
  }
} // prettier-ignore
