import { z } from 'zod';

/** CycloneDX 1.6 analysis states: our one internal status per (component, vulnerability). */
export const ANALYSIS_STATES = [
  'resolved',
  'resolved_with_pedigree',
  'exploitable',
  'in_triage',
  'false_positive',
  'not_affected',
] as const;
/** CycloneDX 1.6 justifications for `not_affected`. */
export const JUSTIFICATIONS = [
  'code_not_present', 'code_not_reachable', 'requires_configuration', 'requires_dependency', 'requires_environment',
  'protected_by_compiler', 'protected_at_runtime', 'protected_at_perimeter', 'protected_by_mitigating_control',
] as const; // prettier-ignore
/** CycloneDX 1.6 responses. */
export const RESPONSES = [
  'can_not_fix',
  'will_not_fix',
  'update',
  'rollback',
  'workaround_available',
] as const;

/** What we know of one vulnerability in one component. */
export const VexStatementSchema = z.strictObject({
  vulnerability: z.string().min(1).max(256),
  aliases: z.array(z.string().max(256)).default([]),
  /** The component's `bom-ref` in the SBOM (or its purl). */
  component: z.string().min(1).max(4096),
  state: z.enum(ANALYSIS_STATES),
  justification: z.enum(JUSTIFICATIONS).optional(),
  response: z.array(z.enum(RESPONSES)).default([]),
  detail: z.string().max(10_000).optional(),
});
export type VexStatement = z.infer<typeof VexStatementSchema>;
export type VexStatementInput = z.input<typeof VexStatementSchema>;
export type AnalysisState = (typeof ANALYSIS_STATES)[number];

/** States after which a match no longer blocks a release. */
export const SETTLED_STATES: ReadonlySet<AnalysisState> = new Set([
  'not_affected',
  'false_positive',
  'resolved',
  'resolved_with_pedigree',
]);
