import { listRequirements, parseWith, type Requirement } from '@cra-kit/core';
import { RiskAssessmentSchema, type RiskAssessment } from './schema.js';

/** The outcome of {@link checkRiskAssessment}. */
export interface RiskAssessmentCheck {
  /** True when every Annex I Part I requirement is addressed. */
  readonly complete: boolean;
  /** Annex I Part I requirements the assessment does not address, in catalogue order. */
  readonly unaddressed: readonly Requirement[];
  /** Requirements marked not applicable, with their justification. */
  readonly notApplicable: readonly { readonly id: string; readonly justification: string }[];
}

/**
 * Validates a risk assessment against {@link RiskAssessmentSchema}.
 *
 * @param input - Parsed YAML or JSON.
 * @returns The typed assessment.
 * @throws {ValidationError} CORE_VALIDATION_FAILED with every problem and its path.
 */
export function parseRiskAssessment(input: unknown): RiskAssessment {
  return parseWith(RiskAssessmentSchema, input, 'risk assessment');
}

/**
 * Says which Annex I Part I requirements of the core catalogue a risk assessment leaves
 * unaddressed (Art. 13(3)): each must be applicable with its implementation, or not applicable
 * with a justification.
 *
 * @param assessment - A validated risk assessment.
 * @returns The unaddressed and not-applicable items.
 * @example
 * ```ts
 * const { complete, unaddressed } = checkRiskAssessment(parseRiskAssessment(yaml));
 * if (!complete) console.log(unaddressed.map((r) => r.citation));
 * ```
 */
export function checkRiskAssessment(assessment: RiskAssessment): RiskAssessmentCheck {
  const items = listRequirements({ source: 'annex-i-part-i' });
  const unaddressed = items.filter((r) => assessment.requirements[r.id] === undefined);
  const notApplicable = items.flatMap((r) => {
    const item = assessment.requirements[r.id];
    return item !== undefined && !item.applicable
      ? [{ id: r.id, justification: item.justification }]
      : [];
  });
  return { complete: unaddressed.length === 0, unaddressed, notApplicable };
}
