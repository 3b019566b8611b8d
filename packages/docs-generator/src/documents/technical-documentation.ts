import { durationInMonths } from '@cra-kit/core';
import type { DocumentBlock, DocumentSection, GeneratedDocument } from './model.js';
import { evidenceOf, footer, section, type TemplateContext } from './context.js';

const files = (ctx: TemplateContext, kinds: Parameters<typeof evidenceOf>[1][]): DocumentBlock[] => {
  const entries = kinds.flatMap((k) => evidenceOf(ctx, k));
  const l = ctx.messages.label;
  return entries.length === 0 ? [] : [{ type: 'table', head: [l.kind, l.file, l.format, 'SHA-256'], rows: entries.map((e) => [e.kind, e.path, e.format ?? '', e.sha256 ?? '']) }];
}; // prettier-ignore

const covering = (ctx: TemplateContext, id: string): DocumentBlock[] => {
  const docs = (ctx.bundle?.entries ?? []).filter((e) => e.kind === 'document' && e.usable && e.covers.includes(id));
  return docs.length === 0 ? [] : [{ type: 'list', items: docs.map((d) => `${d.title ?? d.path} (${d.path})`) }];
}; // prettier-ignore

function riskAssessmentBlocks(ctx: TemplateContext): DocumentBlock[] {
  const ra = ctx.riskAssessment;
  const l = ctx.messages.label;
  if (ra === undefined) return [];
  const items = Object.entries(ra.requirements).map(([id, item]) => [id, item.applicable ? l.yes : l.no, item.applicable ? item.implementation : item.justification]);
  return [
    { type: 'paragraph', text: `${ra.scope.intendedPurpose} ${ra.scope.conditionsOfUse}` },
    { type: 'table', head: [l.item, l.applicable, l.implementation], rows: items },
    { type: 'paragraph', text: l.risks },
    { type: 'table', head: ['ID', l.threat, l.likelihood, l.impact, l.treatment, l.residual], rows: ra.risks.map((r) => [r.id, ra.threats.find((t) => t.id === r.threat)?.description ?? r.threat, r.likelihood, r.impact, r.treatment, r.residualRisk]) },
  ];
} // prettier-ignore

/**
 * The technical documentation (Art. 31; Annex VII points 1–8 with their sub-points), referencing
 * the SBOM, risk assessment, support-period rationale and test reports by path and SHA-256.
 *
 * @param ctx - Profile, evidence, risk assessment, gap analysis, language.
 * @returns The document model.
 */
export function technicalDocumentationTemplate(ctx: TemplateContext): GeneratedDocument {
  const { profile: p, messages: m } = ctx;
  const l = m.label;
  const sbom = evidenceOf(ctx, 'sbom');
  const lc = p.lifecycle;
  const tests = evidenceOf(ctx, 'test-report');
  const index: DocumentSection = { heading: l.evidenceIndex, blocks: [{ type: 'table', head: [l.kind, l.file, l.format, 'SHA-256'], rows: (ctx.bundle?.entries ?? []).map((e) => [e.kind, e.path, e.format ?? '', e.usable ? (e.sha256 ?? '') : e.findings.map((f) => f.code).join(', ')]) }, { type: 'paragraph', text: m.text.retention }], evidence: [] };
  return {
    id: 'technical-documentation',
    lang: m.lang,
    title: m.title['technical-documentation'],
    subtitle: `${p.product.name} (${p.product.type}, ${p.product.model}) — ${p.manufacturer.name}`,
    sections: [
      section(ctx, 'annex-vii.1', [{ type: 'paragraph', text: `${p.product.name}: ${p.product.essentialFunctions.join('; ')}` }]),
      section(ctx, 'annex-vii.1.a', [{ type: 'paragraph', text: p.product.intendedPurpose }]),
      section(ctx, 'annex-vii.1.b', sbom.length === 0 ? [] : [{ type: 'list', items: sbom.map((s) => `${String(s.facts['componentName'] ?? s.path)} ${String(s.facts['componentVersion'] ?? '')} (${s.path})`) }]),
      section(ctx, 'annex-vii.1.c', covering(ctx, 'annex-vii.1.c')),
      section(ctx, 'annex-vii.1.d', [{ type: 'paragraph', text: m.text.seeDocument(ctx.files['user-information'] ?? 'user-information') }]),
      section(ctx, 'annex-vii.2', [{ type: 'paragraph', text: p.product.securityProperties.join('; ') }]),
      section(ctx, 'annex-vii.2.a', covering(ctx, 'annex-vii.2.a')),
      section(ctx, 'annex-vii.2.b', [...files(ctx, ['sbom', 'sbom-check', 'cvd-policy', 'security-txt', 'ota-config', 'vulnerability-scan', 'vex']), { type: 'paragraph', text: `${l.contact}: ${[p.manufacturer.securityContact.email, p.manufacturer.securityContact.url].filter(Boolean).join(', ')}; ${l.policy}: ${p.manufacturer.cvdPolicyUrl}` }]),
      section(ctx, 'annex-vii.2.c', covering(ctx, 'annex-vii.2.c')),
      section(ctx, 'annex-vii.3', [...riskAssessmentBlocks(ctx), ...files(ctx, ['risk-assessment'])]),
      section(ctx, 'annex-vii.4', [{ type: 'paragraph', text: `${lc.supportPeriod.rationale ?? ''} (${l.supportPeriod}: ${durationInMonths(lc.supportPeriod.duration)} ${l.months}; ${l.expectedUseTime}: ${durationInMonths(lc.expectedUseTime)} ${l.months})` }, ...files(ctx, ['support-plan'])]),
      section(ctx, 'annex-vii.5', [p.standards.length === 0 ? { type: 'paragraph', text: m.text.noStandards } : { type: 'table', head: [l.reference, l.kind, l.coverage, l.provisions], rows: p.standards.map((s) => [s.reference, s.kind, s.coverage, s.provisions.join(', ')]) }, ...files(ctx, ['standards'])]),
      section(ctx, 'annex-vii.6', tests.length === 0 ? [] : [{ type: 'table', head: [l.file, l.tests, l.failures, 'SHA-256'], rows: tests.map((t) => [t.path, String(t.facts['tests'] ?? ''), String(Number(t.facts['failures'] ?? 0) + Number(t.facts['errors'] ?? 0)), t.sha256 ?? '']) }]),
      section(ctx, 'annex-vii.7', [{ type: 'paragraph', text: m.text.seeDocument(ctx.files['declaration'] ?? 'declaration') }]),
      section(ctx, 'annex-vii.8', files(ctx, ['sbom'])),
      index,
    ],
    footer: footer(ctx),
  };
} // prettier-ignore
