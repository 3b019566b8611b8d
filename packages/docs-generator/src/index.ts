/**
 * `@cra-kit/docs-generator`: turns a CRA product profile plus its evidence into a gap analysis
 * and the documents the Cyber Resilience Act asks for: the EU declaration of conformity
 * (Annex V), the simplified declaration (Annex VI), the technical documentation (Annex VII),
 * the user information and instructions (Annex II) and the vulnerability disclosure policy page.
 * @module
 */

// Errors
export { DOCS_ERROR_CODES, DocsGeneratorError } from './errors.js';

// Risk assessment (Art. 13(2)-(4))
export {
  RISK_LEVELS,
  RISK_TREATMENTS,
  RequirementApplicabilitySchema,
  RiskAssessmentSchema,
  SECURITY_PROPERTIES,
  checkRiskAssessment,
  parseRiskAssessment,
} from './risk-assessment/index.js';

// Evidence bundle
export {
  EVIDENCE_KINDS,
  EvidenceEntrySchema,
  EvidenceKindSchema,
  EvidenceManifestSchema,
} from './evidence/manifest-schema.js';
export { EVIDENCE_FINDING_CODES } from './evidence/finding.js';
export {
  checkEvidenceBundle,
  defaultEvidenceLimits,
  loadEvidenceBundle,
} from './evidence/load-bundle.js';
export { loadProductInputs } from './load-inputs.js';

// Gap analysis
export { GAP_STATUSES, analyseGaps } from './gap/analyse.js';
export { DOCUMENT_IDS, REQUIREMENT_RULES, requirementsDependingOn } from './gap/rules.js';

// Documents
export { DEFAULT_TEMPLATES } from './documents/templates.js';
export { simplifiedDeclarationSentence } from './documents/simplified-declaration.js';
export { DOCUMENT_SET_FILE, TEXT_FORMATS, generateDocumentSet } from './generate.js';
export { LANGUAGES, MESSAGES } from './i18n/messages.js';
export { DEFAULT_STYLESHEET, renderHtml } from './render/html.js';
export { HtmlOptionsSchema, StylesheetHrefSchema } from './render/html-options.js';
export { renderMarkdown } from './render/markdown.js';
// Re-exported from core, where every package's generated documents share them.
export { escapeHtml, escapeMarkdown } from '@cra-kit/core';
export { CHROMIUM_ARGS, renderPdf, renderPdfs } from './pdf/render-pdf.js';
export { writeDocumentSet } from './write-set.js';
export { diffDocumentSets, readDocumentSet } from './diff/diff-sets.js';

export type { DocsErrorCode } from './errors.js';
export type {
  RequirementApplicability,
  RiskAssessment,
  RiskAssessmentCheck,
} from './risk-assessment/index.js';
export type { EvidenceEntry, EvidenceKind, EvidenceManifest } from './evidence/manifest-schema.js';
export type { EvidenceFinding, EvidenceFindingCode } from './evidence/finding.js';
export type {
  CheckedEvidence,
  EvidenceBundle,
  EvidenceCheckOptions,
} from './evidence/load-bundle.js';
export type { ProductInputs } from './load-inputs.js';
export type {
  GapInput,
  GapReport,
  GapStatus,
  RequirementGap,
  SupportingEvidence,
} from './gap/analyse.js';
export type { DocumentId, RequirementCheck, RequirementRule } from './gap/rules.js';
export type { Signatory, TemplateContext } from './documents/context.js';
export type { DocumentBlock, DocumentSection, GeneratedDocument } from './documents/model.js';
export type { DocumentTemplate } from './documents/templates.js';
export type { DocumentSet, GenerateOptions, GeneratedFile, TextFormat } from './generate.js';
export type { Messages } from './i18n/messages.js';
export type { HtmlOptions } from './render/html-options.js';
export type { PdfOptions, PdfResult } from './pdf/render-pdf.js';
export type { WriteOptions } from './write-set.js';
export type { DocumentChange, DocumentSetRecord } from './diff/diff-sets.js';
