import {
  checkConformityProcedure,
  checkSupportPeriod,
  listRequirements,
  type ProductProfile,
  type RuleViolation,
} from '@cra-kit/core';
import type { EvidenceKind } from '../evidence/manifest-schema.js';

/** The documents this package generates. */
export const DOCUMENT_IDS = [
  'declaration',
  'simplified-declaration',
  'technical-documentation',
  'user-information',
  'cvd-policy',
] as const;

/** One of {@link DOCUMENT_IDS}. */
export type DocumentId = (typeof DOCUMENT_IDS)[number];

/** One thing a requirement needs before it counts as met. */
export type RequirementCheck =
  | { readonly type: 'evidence'; readonly kind: EvidenceKind }
  | {
      readonly type: 'profile';
      readonly what: string;
      readonly has: (p: ProductProfile) => boolean;
    }
  | { readonly type: 'risk-item'; readonly id: string }
  | { readonly type: 'generated'; readonly document: DocumentId }
  | { readonly type: 'legal'; readonly check: (p: ProductProfile) => RuleViolation[] }
  | { readonly type: 'signatory' }
  | { readonly type: 'covered' };

/** How the gap analysis decides one requirement. */
export interface RequirementRule {
  readonly checks: readonly RequirementCheck[];
  /** The justification when the requirement does not apply to this product, else undefined. */
  readonly notApplicable?: (p: ProductProfile) => string | undefined;
  /** What to do when it is not met. */
  readonly nextStep: string;
}

const ev = (...kinds: EvidenceKind[]) => kinds.map((kind) => ({ type: 'evidence', kind }) as const);
const risk = (id: string) => ({ type: 'risk-item', id }) as const;
const gen = (document: DocumentId) => ({ type: 'generated', document }) as const;
const prof = (what: string, has: (p: ProductProfile) => boolean) =>
  ({ type: 'profile', what, has }) as const;
const covered = { type: 'covered' } as const;
const conformity = { type: 'legal', check: checkConformityProcedure } as const;

const partI = (id: string, ...more: RequirementCheck[]): RequirementRule => ({
  checks: [risk(id), ...more],
  nextStep:
    'address the item in the risk assessment (implementation, or justification) and add the evidence listed as missing',
});
const needsNotifiedBody = (p: ProductProfile) =>
  p.conformityAssessment.procedure === 'module-b-c' ||
  p.conformityAssessment.procedure === 'module-h';

/**
 * How each requirement of the core catalogue is decided, keyed by catalogue id. A requirement
 * is met when every check passes, partly met when some do, not met when none do. A catalogue id
 * missing here is reported as not met, so a new catalogue entry never passes silently.
 */
export const REQUIREMENT_RULES: Readonly<Record<string, RequirementRule>> = {
  'annex-i.part-1.1': { checks: [risk('annex-i.part-1.1'), ...ev('risk-assessment')], nextStep: 'document the risk assessment (Art. 13(2)-(3)) and list it in evidence.yaml' },
  'annex-i.part-1.2.a': partI('annex-i.part-1.2.a', ...ev('sbom', 'vulnerability-scan', 'vex')),
  'annex-i.part-1.2.b': partI('annex-i.part-1.2.b', ...ev('identity-config')),
  'annex-i.part-1.2.c': partI('annex-i.part-1.2.c', prof('updatePolicy with automatic security updates or a justification', (p) => p.updatePolicy.automaticSecurityUpdates), ...ev('ota-config')),
  'annex-i.part-1.2.d': partI('annex-i.part-1.2.d', ...ev('identity-config')),
  'annex-i.part-1.2.e': partI('annex-i.part-1.2.e'),
  'annex-i.part-1.2.f': partI('annex-i.part-1.2.f', ...ev('ota-config')),
  'annex-i.part-1.2.g': partI('annex-i.part-1.2.g', prof('dataInventory', (p) => p.dataInventory.length > 0)),
  'annex-i.part-1.2.h': partI('annex-i.part-1.2.h'),
  'annex-i.part-1.2.i': partI('annex-i.part-1.2.i'),
  'annex-i.part-1.2.j': partI('annex-i.part-1.2.j', prof('interfaces', (p) => p.interfaces.length > 0)),
  'annex-i.part-1.2.k': partI('annex-i.part-1.2.k'),
  'annex-i.part-1.2.l': partI('annex-i.part-1.2.l'),
  'annex-i.part-1.2.m': partI('annex-i.part-1.2.m'),
  'annex-i.part-2.1': { checks: ev('sbom', 'sbom-check'), nextStep: 'generate a CycloneDX SBOM of the release (cra sbom) and its conformance check' },
  'annex-i.part-2.2': { checks: [...ev('vulnerability-scan', 'vex'), prof('updatePolicy.securityUpdatesSeparate', (p) => p.updatePolicy.securityUpdatesSeparate)], nextStep: 'scan the SBOM for vulnerabilities and record the exploitability (VEX)' },
  'annex-i.part-2.3': { checks: ev('test-report'), nextStep: 'add the security test reports (JUnit XML) to evidence.yaml' },
  'annex-i.part-2.4': { checks: [...ev('vex'), prof('manufacturer.cvdPolicyUrl', (p) => p.manufacturer.cvdPolicyUrl.length > 0)], nextStep: 'publish advisories (CSAF) for fixed vulnerabilities' },
  'annex-i.part-2.5': { checks: [...ev('cvd-policy'), gen('cvd-policy')], nextStep: 'write and publish the CVD policy' },
  'annex-i.part-2.6': { checks: [...ev('security-txt'), prof('manufacturer.securityContact', () => true)], nextStep: 'publish an RFC 9116 security.txt with the reporting contact' },
  'annex-i.part-2.7': { checks: ev('ota-config'), nextStep: 'configure the signed update repository (cra ota) and add its root metadata' },
  'annex-i.part-2.8': { checks: [...ev('ota-config'), prof('updatePolicy.freeOfCharge', (p) => p.updatePolicy.freeOfCharge)], nextStep: 'distribute security updates free of charge, with advisories' },
  'annex-ii.1': { checks: [gen('user-information')], nextStep: 'complete the manufacturer section of the profile' },
  'annex-ii.2': { checks: [gen('user-information'), ...ev('cvd-policy')], nextStep: 'publish the CVD policy at manufacturer.cvdPolicyUrl' },
  'annex-ii.3': { checks: [gen('user-information')], nextStep: 'complete the product section of the profile' },
  'annex-ii.4': { checks: [gen('user-information')], nextStep: 'complete the product section of the profile' },
  'annex-ii.5': { checks: [gen('user-information'), prof('product.foreseeableMisuse', (p) => p.product.foreseeableMisuse.length > 0)], nextStep: 'list foreseeable misuse in the profile' },
  'annex-ii.6': { checks: [gen('user-information'), prof('documentation.declarationOfConformityUrl', (p) => p.documentation.declarationOfConformityUrl !== undefined)], nextStep: 'set documentation.declarationOfConformityUrl in the profile' },
  'annex-ii.7': { checks: [gen('user-information'), ...ev('support-plan')], nextStep: 'derive the support plan (cra support) and add it to evidence.yaml' },
  'annex-ii.8': { checks: [gen('user-information'), prof('documentation.userInstructionsUrl', (p) => p.documentation.userInstructionsUrl !== undefined)], nextStep: 'publish the instructions and set documentation.userInstructionsUrl' },
  'annex-ii.8.a': { checks: [gen('user-information'), risk('annex-i.part-1.2.b'), risk('annex-i.part-1.2.d')], nextStep: 'describe secure defaults and access control in the risk assessment' },
  'annex-ii.8.b': { checks: [gen('user-information'), prof('dataInventory', (p) => p.dataInventory.length > 0)], nextStep: 'list the data the product processes in the profile' },
  'annex-ii.8.c': { checks: [gen('user-information'), risk('annex-i.part-1.2.c')], nextStep: 'describe the update mechanism in the risk assessment, item (2)(c)' },
  'annex-ii.8.d': { checks: [gen('user-information'), risk('annex-i.part-1.2.m')], nextStep: 'describe secure erasure in the risk assessment, item (2)(m)' },
  'annex-ii.8.e': { checks: [gen('user-information'), prof('updatePolicy.userCanOptOut', (p) => p.updatePolicy.userCanOptOut)], notApplicable: (p) => (p.updatePolicy.automaticSecurityUpdates ? undefined : 'the product installs no security updates automatically'), nextStep: 'let users turn automatic security updates off (Annex I, Part I, point (2)(c))' },
  'annex-ii.8.f': { checks: [gen('user-information'), prof('interfaces', (p) => p.interfaces.length > 0)], nextStep: 'list the external interfaces in the profile' },
  'annex-ii.9': { checks: [gen('user-information'), prof('sbom.userUrl', (p) => p.sbom.userUrl !== undefined)], notApplicable: (p) => (p.sbom.sharedWithUsers ? undefined : 'the manufacturer does not make the SBOM available to users (Recital 77)'), nextStep: 'give sbom.userUrl in the profile' },
  'annex-v.1': { checks: [gen('declaration')], nextStep: 'complete the product section of the profile' },
  'annex-v.2': { checks: [gen('declaration')], nextStep: 'complete the manufacturer section of the profile' },
  'annex-v.3': { checks: [gen('declaration')], nextStep: 'generate the declaration' },
  'annex-v.4': { checks: [gen('declaration')], nextStep: 'generate the declaration' },
  'annex-v.5': { checks: [gen('declaration'), conformity], nextStep: 'choose a conformity assessment procedure Art. 32 allows for the category' },
  'annex-v.6': { checks: [gen('declaration'), prof('standards', (p) => p.standards.length > 0), ...ev('standards')], nextStep: 'list the standards applied and add the assessment against them' },
  'annex-v.7': { checks: [gen('declaration'), conformity, prof('conformityAssessment.notifiedBody and certificateId', (p) => p.conformityAssessment.notifiedBody !== undefined && p.conformityAssessment.certificateId !== undefined)], notApplicable: (p) => (needsNotifiedBody(p) || checkConformityProcedure(p).length > 0 ? undefined : `no notified body takes part in ${p.conformityAssessment.procedure === 'module-a' ? 'internal control (module A)' : 'this procedure'}`), nextStep: 'engage a notified body (Art. 32(2)-(4)) and record it with the certificate id' },
  'annex-v.8': { checks: [gen('declaration'), { type: 'signatory' }], nextStep: 'name the signatory (name, function, place) when generating, then sign the declaration' },
  'annex-vi.statement': { checks: [gen('simplified-declaration')], nextStep: 'generate the simplified declaration' },
  'annex-vi.full-text-address': { checks: [gen('simplified-declaration'), prof('documentation.declarationOfConformityUrl', (p) => p.documentation.declarationOfConformityUrl !== undefined)], nextStep: 'set documentation.declarationOfConformityUrl in the profile' },
  'annex-vii.1': { checks: [gen('technical-documentation')], nextStep: 'complete points (a)-(d)' },
  'annex-vii.1.a': { checks: [gen('technical-documentation')], nextStep: 'complete product.intendedPurpose' },
  'annex-vii.1.b': { checks: [gen('technical-documentation'), ...ev('sbom')], nextStep: 'add the SBOM of the release, which names the software versions' },
  'annex-vii.1.c': { checks: [covered], nextStep: 'add photographs of the external features, marking and internal layout as a document covering annex-vii.1.c' },
  'annex-vii.1.d': { checks: [gen('technical-documentation'), gen('user-information')], nextStep: 'generate the user information' },
  'annex-vii.2': { checks: [gen('technical-documentation')], nextStep: 'complete points (a)-(c)' },
  'annex-vii.2.a': { checks: [covered], nextStep: 'add the design and architecture description as a document covering annex-vii.2.a' },
  'annex-vii.2.b': { checks: ev('sbom', 'cvd-policy', 'security-txt', 'ota-config'), nextStep: 'add the SBOM, CVD policy, security.txt and update repository configuration' },
  'annex-vii.2.c': { checks: [covered], nextStep: 'add the production and monitoring process description as a document covering annex-vii.2.c' },
  'annex-vii.3': { checks: [...ev('risk-assessment'), gen('technical-documentation')], nextStep: 'add the risk assessment to evidence.yaml' },
  'annex-vii.4': { checks: [gen('technical-documentation'), ...ev('support-plan'), { type: 'legal', check: checkSupportPeriod }], nextStep: 'set a support period Art. 13(8) allows and add the support plan' },
  'annex-vii.5': { checks: [gen('technical-documentation'), prof('standards', (p) => p.standards.length > 0), ...ev('standards'), conformity], nextStep: 'list the standards and specifications applied, naming the parts' },
  'annex-vii.6': { checks: [gen('technical-documentation'), ...ev('test-report')], nextStep: 'add passing test reports (JUnit XML)' },
  'annex-vii.7': { checks: [gen('technical-documentation'), gen('declaration')], nextStep: 'generate the declaration' },
  'annex-vii.8': { checks: ev('sbom'), nextStep: 'keep the SBOM ready for market surveillance requests' },
  'art-13.8': { checks: [{ type: 'legal', check: checkSupportPeriod }, ...ev('support-plan')], nextStep: 'set a support period of at least the expected use time (5 years minimum unless shorter use)' },
  'art-13.9': { checks: [...ev('ota-config'), covered], nextStep: 'document how each security update stays available for 10 years (a document covering art-13.9)' },
  'art-13.13': { checks: [...ev('support-plan'), covered], nextStep: 'document where the technical file is archived and until when (a document covering art-13.13)' },
  'art-13.19': { checks: [...ev('support-plan'), gen('user-information')], nextStep: 'derive the end-of-support label (cra support) and show it at purchase' },
  // Art. 14 reporting: the CVD policy plus a documented reporting procedure for each stage.
  ...Object.fromEntries(
    listRequirements({ source: 'article-14' }).map((r) => [r.id, { checks: [...ev('cvd-policy'), covered], nextStep: `document the reporting procedure for ${r.citation} (a document covering ${r.id})` }]),
  ),
}; // prettier-ignore

/** Fallback for a catalogue entry that has no rule yet: not met until a document covers it. */
export const DEFAULT_RULE: RequirementRule = {
  checks: [covered],
  nextStep: 'add a document covering this requirement to evidence.yaml',
};

/**
 * The requirement ids whose rule needs evidence of this kind, in rule order; used to show which
 * requirements a missing file affects.
 *
 * @param kind - An evidence kind.
 * @returns The ids of requirements that depend on it.
 */
export function requirementsDependingOn(kind: EvidenceKind): string[] {
  return Object.entries(REQUIREMENT_RULES)
    .filter(([, rule]) => rule.checks.some((c) => c.type === 'evidence' && c.kind === kind))
    .map(([id]) => id);
}
