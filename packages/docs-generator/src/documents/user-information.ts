import { durationInMonths } from '@cra-kit/core';
import type { DocumentBlock, GeneratedDocument } from './model.js';
import {
  evidenceOf,
  footer,
  formatAddress,
  gapOf,
  section,
  type TemplateContext,
} from './context.js';

/** The end of the support period as "month year", from the support plan or the profile. */
function supportEnd(ctx: TemplateContext): string {
  const plan = evidenceOf(ctx, 'support-plan')[0];
  const label = plan?.facts['endOfSupportLabel'];
  if (typeof label === 'string') return label;
  const { placingOnMarket, supportPeriod } = ctx.profile.lifecycle;
  const end = new Date(`${placingOnMarket}T00:00:00Z`);
  end.setUTCMonth(end.getUTCMonth() + durationInMonths(supportPeriod.duration) - 1);
  return end.toLocaleDateString(ctx.messages.lang, {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** The risk assessment's implementation text of an Annex I Part I item, as a paragraph. */
function implementation(ctx: TemplateContext, id: string): DocumentBlock[] {
  const item = ctx.riskAssessment?.requirements[id];
  return item?.applicable === true ? [{ type: 'paragraph', text: item.implementation }] : [];
}

/**
 * The information and instructions for the user (Art. 13(18); Annex II points 1–9 and 8(a)–(f)),
 * including how to turn off automatic security updates and how to decommission securely.
 *
 * @param ctx - Profile, evidence, risk assessment, gap analysis, language.
 * @returns The document model.
 */
export function userInformationTemplate(ctx: TemplateContext): GeneratedDocument {
  const { profile: p, messages: m } = ctx;
  const l = m.label;
  const mf = p.manufacturer;
  const sc = mf.securityContact;
  const up = p.updatePolicy;
  const na = (id: string): DocumentBlock[] => { const g = gapOf(ctx, id); return g?.status === 'not-applicable' ? [{ type: 'paragraph', text: m.text.doesNotApply(g.justification ?? '') }] : []; };
  return {
    id: 'user-information',
    lang: m.lang,
    title: m.title['user-information'],
    subtitle: `${p.product.name} (${p.product.type})`,
    sections: [
      section(ctx, 'annex-ii.1', [{ type: 'table', head: [l.item, l.manufacturer], rows: [[l.manufacturer, mf.trademark === undefined ? mf.name : `${mf.name} (${mf.trademark})`], [l.address, formatAddress(mf.postalAddress)], [l.email, mf.email], [l.website, mf.website]] }]),
      section(ctx, 'annex-ii.2', [{ type: 'list', items: [sc.email, sc.url, sc.phone].filter((x): x is string => x !== undefined).map((c) => `${l.contact}: ${c}`).concat(sc.encryptionKeyUrl === undefined ? [] : [`${l.encryptionKey}: ${sc.encryptionKeyUrl}`], [`${l.policy}: ${mf.cvdPolicyUrl}`]) }]),
      section(ctx, 'annex-ii.3', [{ type: 'paragraph', text: `${p.product.name}, ${l.type} ${p.product.type}, ${l.model} ${p.product.model}. ${l.identification}: ${p.product.identification.format} (${p.product.identification.marking})` }]),
      section(ctx, 'annex-ii.4', [{ type: 'paragraph', text: p.product.intendedPurpose }, { type: 'paragraph', text: p.product.operatingEnvironment }, { type: 'list', items: [...p.product.essentialFunctions, ...p.product.securityProperties] }]),
      section(ctx, 'annex-ii.5', [{ type: 'list', items: p.product.foreseeableMisuse }]),
      section(ctx, 'annex-ii.6', [{ type: 'paragraph', text: p.documentation.declarationOfConformityUrl ?? '—' }]),
      section(ctx, 'annex-ii.7', [{ type: 'paragraph', text: m.text.supportType }, { type: 'paragraph', text: m.text.supportEnd(supportEnd(ctx), `${durationInMonths(p.lifecycle.supportPeriod.duration)} ${l.months}`) }, ...(p.documentation.supportUrl === undefined ? [] : [{ type: 'paragraph' as const, text: p.documentation.supportUrl }])]),
      section(ctx, 'annex-ii.8', [{ type: 'paragraph', text: p.documentation.userInstructionsUrl ?? '—' }]),
      section(ctx, 'annex-ii.8.a', [...implementation(ctx, 'annex-i.part-1.2.b'), ...implementation(ctx, 'annex-i.part-1.2.d')]),
      section(ctx, 'annex-ii.8.b', [{ type: 'paragraph', text: m.text.changesAffectData }, { type: 'table', head: [l.data, l.purpose, l.retention], rows: p.dataInventory.map((d) => [d.description, d.purpose, d.retention]) }]),
      section(ctx, 'annex-ii.8.c', [{ type: 'paragraph', text: up.automaticSecurityUpdates ? m.text.updatesAutomatic(String(up.postpone.maxDays ?? 0)) : m.text.updatesManual }, ...implementation(ctx, 'annex-i.part-1.2.c')]),
      section(ctx, 'annex-ii.8.d', [{ type: 'paragraph', text: m.text.decommission }, ...implementation(ctx, 'annex-i.part-1.2.m')]),
      section(ctx, 'annex-ii.8.e', [...na('annex-ii.8.e'), ...(up.automaticSecurityUpdates ? [{ type: 'paragraph' as const, text: m.text.turnOffUpdates }, ...implementation(ctx, 'annex-i.part-1.2.c')] : [])]),
      section(ctx, 'annex-ii.8.f', [{ type: 'paragraph', text: m.text.integrators }, { type: 'table', head: [l.interface, l.protocol, l.enabledByDefault, l.purpose], rows: p.interfaces.map((i) => [i.name, i.protocol, i.enabledByDefault ? l.yes : l.no, i.purpose]) }]),
      section(ctx, 'annex-ii.9', [...na('annex-ii.9'), ...(p.sbom.sharedWithUsers && p.sbom.userUrl !== undefined ? [{ type: 'paragraph' as const, text: p.sbom.userUrl }] : [])]),
    ],
    footer: footer(ctx),
  };
} // prettier-ignore
