import type { GeneratedDocument } from './model.js';
import {
  evidenceOf,
  footer,
  formatAddress,
  gapOf,
  section,
  type TemplateContext,
} from './context.js';

/**
 * The EU declaration of conformity (Art. 28; Annex V points 1–8), one section per point.
 *
 * @param ctx - Profile, evidence, gap analysis, language.
 * @returns The document model.
 */
export function declarationTemplate(ctx: TemplateContext): GeneratedDocument {
  const { profile: p, messages: m } = ctx;
  const l = m.label;
  const mf = p.manufacturer;
  const ca = p.conformityAssessment;
  const sbom = evidenceOf(ctx, 'sbom')[0];
  const rep = mf.authorisedRepresentative;
  const v7 = gapOf(ctx, 'annex-v.7');
  return {
    id: 'declaration',
    lang: m.lang,
    title: m.title.declaration,
    subtitle: `${p.product.name} (${p.product.type})`,
    sections: [
      section(ctx, 'annex-v.1', [{ type: 'table', head: [l.item, l.product], rows: [[l.product, p.product.name], [l.type, p.product.type], [l.model, p.product.model], [l.hardwareRevisions, p.product.hardwareRevisions.join(', ')], [l.identification, `${p.product.identification.scheme}: ${p.product.identification.format}`]] }]),
      section(ctx, 'annex-v.2', [{ type: 'paragraph', text: `${l.manufacturer}: ${mf.name}, ${formatAddress(mf.postalAddress)}` }, ...(rep === undefined ? [] : [{ type: 'paragraph' as const, text: `${l.authorisedRepresentative}: ${rep.name}, ${formatAddress(rep.postalAddress)}` }])]),
      section(ctx, 'annex-v.3', [{ type: 'paragraph', text: m.text.soleResponsibility }]),
      section(ctx, 'annex-v.4', [{ type: 'paragraph', text: `${p.product.name}, ${l.type} ${p.product.type}, ${l.model} ${p.product.model}; ${l.identification}: ${p.product.identification.format} (${l.marking}: ${p.product.identification.marking})${sbom?.facts['componentVersion'] === undefined ? '' : `; firmware ${String(sbom.facts['componentName'] ?? '')} ${String(sbom.facts['componentVersion'])}`}` }]),
      section(ctx, 'annex-v.5', [{ type: 'paragraph', text: m.text.conformity(p.classification.category) }]),
      section(ctx, 'annex-v.6', p.standards.length === 0 ? [{ type: 'paragraph', text: m.text.noStandards }] : [{ type: 'table', head: [l.reference, l.kind, l.coverage, l.provisions], rows: p.standards.map((s) => [s.reference, s.kind, s.coverage, s.provisions.join(', ')]) }]),
      section(ctx, 'annex-v.7', [{ type: 'paragraph', text: `${l.procedure}: ${ca.procedure}` }, v7?.status === 'not-applicable' ? { type: 'paragraph', text: m.text.noNotifiedBody(v7.justification ?? '') } : { type: 'paragraph', text: `${l.notifiedBody}: ${ca.notifiedBody === undefined ? '—' : `${ca.notifiedBody.name} (${ca.notifiedBody.number})`}; ${l.certificate}: ${ca.certificateId ?? '—'}` }]),
      section(ctx, 'annex-v.8', [{ type: 'table', head: [l.item, l.signature], rows: [[l.signedFor, mf.name], [l.placeDate, `${ctx.signatory?.place ?? m.text.toBeCompleted}, ${ctx.date}`], [l.name, ctx.signatory?.name ?? m.text.toBeCompleted], [l.function, ctx.signatory?.function ?? m.text.toBeCompleted], [l.signature, '']] }]),
    ],
    footer: footer(ctx),
  };
} // prettier-ignore
