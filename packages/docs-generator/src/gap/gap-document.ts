import type { GeneratedDocument } from '../documents/model.js';
import type { Messages } from '../i18n/messages.js';
import type { GapReport, GapStatus } from './analyse.js';

/** The gap analysis as a document, so it renders to Markdown and HTML like the others. */
export function gapDocument(report: GapReport, messages: Messages, footer: string): GeneratedDocument {
  const l = messages.label;
  const word: Record<GapStatus, string> = { met: l.met, 'partly-met': l.partlyMet, 'not-met': l.notMet, 'not-applicable': l.notApplicable };
  const { name, model, category } = report.product;
  return {
    id: 'gap-analysis',
    lang: messages.lang,
    title: messages.title['gap-analysis'],
    subtitle: `${name} (${model}), ${category}`,
    sections: [
      { heading: l.summary, evidence: [], blocks: [{ type: 'paragraph', text: messages.text.gapIntro(name) }, { type: 'table', head: [l.status, '#'], rows: (Object.keys(word) as GapStatus[]).map((s) => [word[s], String(report.summary[s])]) }] },
      { heading: l.requirement, evidence: [], blocks: [{ type: 'table', head: ['ID', l.requirement, l.status, l.evidence, l.missing, l.nextStep], rows: report.requirements.map((r) => [r.id, `${r.citation}: ${r.title}`, word[r.status], r.evidence.map((e) => (e.sha256 === undefined ? e.label : `${e.label} (${e.sha256.slice(0, 12)})`)).join('; '), r.status === 'not-applicable' ? (r.justification ?? '') : r.missing.join('; '), r.nextStep ?? '']) }] },
    ],
    footer,
  };
} // prettier-ignore
