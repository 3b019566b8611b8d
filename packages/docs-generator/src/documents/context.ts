import { getRequirement, type ProductProfile } from '@cra-kit/core';
import type { CheckedEvidence, EvidenceBundle } from '../evidence/load-bundle.js';
import type { EvidenceKind } from '../evidence/manifest-schema.js';
import type { GapReport, RequirementGap, SupportingEvidence } from '../gap/analyse.js';
import type { Messages } from '../i18n/messages.js';
import type { RiskAssessment } from '../risk-assessment/schema.js';
import type { DocumentBlock, DocumentSection } from './model.js';

/** Who signs the EU declaration of conformity (Annex V(8)). */
export interface Signatory {
  readonly name: string;
  readonly function: string;
  readonly place: string;
}

/** Everything a document template reads. */
export interface TemplateContext {
  readonly profile: ProductProfile;
  readonly bundle?: EvidenceBundle;
  readonly riskAssessment?: RiskAssessment;
  readonly gaps: GapReport;
  readonly messages: Messages;
  readonly signatory?: Signatory;
  /** Date of issue, YYYY-MM-DD. */
  readonly date: string;
  /** File names of the other documents in the set, by document id, for cross-references. */
  readonly files: Readonly<Record<string, string>>;
}

/** The usable evidence entries of a kind. @internal */
export function evidenceOf(ctx: TemplateContext, kind: EvidenceKind): CheckedEvidence[] {
  return (ctx.bundle?.entries ?? []).filter((e) => e.kind === kind && e.usable);
}

/** The gap analysis line of a requirement. @internal */
export function gapOf(ctx: TemplateContext, id: string): RequirementGap | undefined {
  return ctx.gaps.requirements.find((r) => r.id === id);
}

/**
 * A section fulfilling a catalogue requirement: heading in the document's language, citation,
 * the evidence the gap analysis found (files with their SHA-256), and what is missing.
 * @internal
 */
export function section(ctx: TemplateContext, id: string, blocks: DocumentBlock[]): DocumentSection {
  const requirement = getRequirement(id);
  const gap = gapOf(ctx, id);
  const evidence: SupportingEvidence[] = (gap?.evidence ?? []).filter((e) => e.type === 'evidence');
  const missing = gap?.status === 'not-met' || gap?.status === 'partly-met' ? gap.missing.filter((m) => !m.startsWith('signatory')) : [];
  return {
    heading: ctx.messages.headings[id] ?? requirement.title,
    requirement: id,
    citation: requirement.citation,
    blocks: missing.length === 0 ? blocks : [...blocks, { type: 'paragraph', text: ctx.messages.text.missingEvidence(missing.join('; ')) }],
    evidence,
  };
} // prettier-ignore

/** "Industriestrasse 12, 70565 Stuttgart, DE". @internal */
export function formatAddress(a: ProductProfile['manufacturer']['postalAddress']): string {
  return `${a.street}, ${a.postalCode} ${a.city}, ${a.country}`;
}

/** The footer of every document: generator, date, and the evidence digests. @internal */
export function footer(ctx: TemplateContext): string {
  return ctx.messages.text.generated('@cra-kit/docs-generator', ctx.date);
}
