import type { z } from 'zod';
import { durationInMonths } from '../primitives.js';
import type { ConformityProcedure } from './conformity.js';
import { findAnnexEntry, type ProductCategory } from './product-categories.js';

/** The minimum support period when the product is expected to be in use at least this long. */
export const MINIMUM_SUPPORT_MONTHS = 60;

/** A problem a legal rule found: where, what, and the article it comes from. */
export interface RuleViolation {
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly citation: string;
}

/** The parts of a profile the cross-field rules read (kept narrow so they are easy to test). */
export interface RuleInput {
  readonly classification: { category: ProductCategory; annexEntry?: string | undefined };
  readonly conformityAssessment: {
    procedure: ConformityProcedure;
    certificationScheme?: { assuranceLevel: 'basic' | 'substantial' | 'high' } | undefined;
    freeAndOpenSource?: unknown;
  };
  readonly standards: readonly {
    kind: string;
    coverage: 'full' | 'partial';
    assuranceLevel?: 'basic' | 'substantial' | 'high' | undefined;
  }[];
  readonly lifecycle: {
    expectedUseTime: { years?: number | undefined; months?: number | undefined };
    supportPeriod: {
      duration: { years?: number | undefined; months?: number | undefined };
      rationale?: string | undefined;
    };
  };
}

const CATEGORY_LABELS: Readonly<Record<ProductCategory, string>> = {
  default: 'a default-category',
  'important-class-i': 'an important class I',
  'important-class-ii': 'an important class II',
  critical: 'a critical',
};

const atLeastSubstantial = (level: string | undefined) =>
  level === 'substantial' || level === 'high';

/** Annex III/IV entry must match the declared category (Art. 7, Art. 8). */
export function checkClassification(p: RuleInput): RuleViolation[] {
  const { category, annexEntry } = p.classification;
  const path = ['classification', 'annexEntry'];
  if (category === 'default') {
    return annexEntry === undefined
      ? []
      : [{ path, citation: 'Art. 7(1)', message: 'a default-category product has no Annex III/IV entry; remove annexEntry or change the category' }];
  }
  if (annexEntry === undefined) {
    return [{ path, citation: category === 'critical' ? 'Art. 8; Annex IV' : 'Art. 7; Annex III', message: `name the Annex ${category === 'critical' ? 'IV' : 'III'} point ${CATEGORY_LABELS[category]} product falls under` }];
  }
  const entry = findAnnexEntry(annexEntry);
  return entry?.category === category
    ? []
    : [{ path, citation: 'Art. 7; Art. 8; Annex III; Annex IV', message: `${annexEntry} is not a point for ${CATEGORY_LABELS[category]} product` }];
} // prettier-ignore

/** The chosen conformity assessment procedure must be one Art. 32 allows for the category. */
export function checkConformityProcedure(p: RuleInput): RuleViolation[] {
  const { category } = p.classification;
  const { procedure, certificationScheme, freeAndOpenSource } = p.conformityAssessment;
  const path = ['conformityAssessment', 'procedure'];
  const out: RuleViolation[] = [];
  if (procedure === 'eu-certification-scheme' && certificationScheme === undefined) {
    out.push({ path: ['conformityAssessment', 'certificationScheme'], citation: 'Art. 32(1)(d); Art. 27(9)', message: 'name the certification scheme and its assurance level' });
  }
  // Art. 32(5): FOSS in Annex III may use any 32(1) procedure if its technical file is public.
  const fossAnnexIII = freeAndOpenSource !== undefined && (category === 'important-class-i' || category === 'important-class-ii');
  if (category === 'default' || fossAnnexIII) return out;

  if (category === 'important-class-i') {
    // Art. 32(2): with harmonised standards, common specifications or a scheme at 'substantial'
    // or higher applied in full, every Art. 32(1) route is open; otherwise only B+C or H.
    const schemeRoute = procedure === 'eu-certification-scheme' && atLeastSubstantial(certificationScheme?.assuranceLevel);
    const appliedInFull = schemeRoute || p.standards.some(
      (s) => s.coverage === 'full' && (s.kind === 'harmonised-standard' || s.kind === 'common-specification' || (s.kind === 'eu-certification-scheme' && atLeastSubstantial(s.assuranceLevel))),
    );
    if (appliedInFull) return out;
    if (procedure === 'module-a') {
      out.push({ path, citation: 'Art. 32(2)', message: "an important class I product may use module A only when harmonised standards, common specifications or a certification scheme at assurance level 'substantial' or higher are applied in full; list it under standards with coverage: full, or choose module-b-c or module-h" });
    } else if (procedure === 'eu-certification-scheme' && certificationScheme !== undefined) {
      out.push({ path: ['conformityAssessment', 'certificationScheme', 'assuranceLevel'], citation: 'Art. 32(2)', message: "an important class I product needs a certification scheme at assurance level 'substantial' or higher, or module-b-c or module-h" });
    }
    return out;
  }
  const citation = category === 'critical' ? 'Art. 32(4)' : 'Art. 32(3)';
  if (procedure === 'module-a') {
    out.push({ path, citation, message: `module A (internal control) is not allowed for ${CATEGORY_LABELS[category]} product; use module-b-c, module-h or a certification scheme at assurance level 'substantial' or higher` });
  } else if (procedure === 'eu-certification-scheme' && certificationScheme !== undefined && !atLeastSubstantial(certificationScheme.assuranceLevel)) {
    out.push({ path: ['conformityAssessment', 'certificationScheme', 'assuranceLevel'], citation, message: `${CATEGORY_LABELS[category]} product needs a certification scheme at assurance level 'substantial' or higher` });
  }
  return out;
} // prettier-ignore

/**
 * The support period must be at least five years, or the expected use time if shorter, and must
 * reflect the expected use time (Art. 13(8)): a period between the floor and the expected use time
 * is accepted only with its reasons in `supportPeriod.rationale` (which goes into the technical
 * documentation, Annex VII(4)); {@link adviseOnProductProfile} still warns about it.
 */
export function checkSupportPeriod(p: RuleInput): RuleViolation[] {
  const expected = durationInMonths(p.lifecycle.expectedUseTime);
  const support = durationInMonths(p.lifecycle.supportPeriod.duration);
  const minimum = Math.min(expected, MINIMUM_SUPPORT_MONTHS);
  const path = ['lifecycle', 'supportPeriod', 'duration'];
  if (support < minimum) {
    const why = expected >= MINIMUM_SUPPORT_MONTHS
      ? `at least 5 years (${MINIMUM_SUPPORT_MONTHS} months), because the expected use time is ${formatMonths(expected)}`
      : `at least the expected use time of ${formatMonths(expected)}`;
    return [{ path, citation: 'Art. 13(8)', message: `the support period of ${formatMonths(support)} is too short: it must be ${why}` }];
  }
  if (support < expected && p.lifecycle.supportPeriod.rationale === undefined) {
    return [{ path, citation: 'Art. 13(8)', message: `the support period of ${formatMonths(support)} is shorter than the expected use time of ${formatMonths(expected)}; it must reflect the expected use time, so either extend it or give the reasons for a shorter period in supportPeriod.rationale` }];
  }
  return [];
} // prettier-ignore

/** A cross-field rule and the top-level sections of the profile it reads. */
interface ProfileRule {
  readonly reads: readonly (keyof RuleInput)[];
  readonly check: (p: RuleInput) => RuleViolation[];
}

/** Every cross-field rule of the product profile, in the order they are reported. */
export const PROFILE_RULES: readonly ProfileRule[] = [
  { reads: ['classification'], check: checkClassification },
  {
    reads: ['classification', 'conformityAssessment', 'standards'],
    check: checkConformityProcedure,
  },
  { reads: ['lifecycle'], check: checkSupportPeriod },
];

/**
 * Runs the rules inside a zod superRefine, tagging each issue with its citation. Runs even when
 * other fields are invalid, so a user sees every problem at once; a rule whose sections did not
 * parse is skipped, since those sections already carry their own issues.
 * @internal
 */
export function applyProfileRules(
  value: unknown,
  ctx: z.RefinementCtx,
  sections: Readonly<Record<keyof RuleInput, z.ZodType>>,
): void {
  if (typeof value !== 'object' || value === null) return;
  const parsed = new Map<keyof RuleInput, unknown>();
  for (const key of Object.keys(sections) as (keyof RuleInput)[]) {
    const result = sections[key].safeParse((value as Record<string, unknown>)[key]);
    if (result.success) parsed.set(key, result.data);
  }
  for (const rule of PROFILE_RULES) {
    if (!rule.reads.every((k) => parsed.has(k))) continue;
    for (const v of rule.check(Object.fromEntries(parsed) as unknown as RuleInput)) {
      ctx.addIssue({ code: 'custom', path: [...v.path], message: v.message, params: { citation: v.citation } });
    }
  }
} // prettier-ignore

/** "8 years", "2 years 6 months", "30 months" → readable text. @internal */
export function formatMonths(total: number): string {
  const years = Math.floor(total / 12);
  const months = total % 12;
  const parts = [];
  if (years > 0) parts.push(`${years} year${years === 1 ? '' : 's'}`);
  if (months > 0 || years === 0) parts.push(`${months} month${months === 1 ? '' : 's'}`);
  return parts.join(' ');
}
