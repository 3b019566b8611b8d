import type { SupportPlanDetail } from '../plan/schema.js';
import { COMPONENT_SUPPORT_END_PROPERTY } from '../plan/component-support.js';

/** A CycloneDX property (`{ name, value }`), as in `metadata.component.properties`. */
export interface CycloneDxProperty {
  readonly name: string;
  readonly value: string;
}

/**
 * The support period as CycloneDX properties for the SBOM's `metadata.component`, in the
 * `cra-kit:support:` namespace. `cra-kit:support:end` is the inclusive end for the first unit
 * (every unit with basis model), the same property {@link planSupport} reads from components.
 *
 * @example
 * ```ts
 * bom.metadata.component.properties.push(...supportPeriodProperties(plan));
 * ```
 */
export function supportPeriodProperties(plan: SupportPlanDetail): CycloneDxProperty[] {
  const out: CycloneDxProperty[] = [
    { name: 'cra-kit:support:start', value: plan.supportStart },
    { name: COMPONENT_SUPPORT_END_PROPERTY, value: plan.supportEnd },
    { name: 'cra-kit:support:basis', value: plan.basis },
    { name: 'cra-kit:support:months', value: String(plan.supportMonths) },
    { name: 'cra-kit:support:label', value: plan.endOfSupportLabel },
  ];
  if (plan.latestSupportEnd !== null) {
    out.push({ name: 'cra-kit:support:latest-end', value: plan.latestSupportEnd });
  }
  return out;
}
