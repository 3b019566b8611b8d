import { parseWith, systemClock, type Clock, type ProductProfile } from '@cra-kit/core';
import type { TemplateContext, Signatory } from './documents/context.js';
import type { GeneratedDocument } from './documents/model.js';
import { DEFAULT_TEMPLATES, type DocumentTemplate } from './documents/templates.js';
import { DocumentsError } from './errors-internal.js';
import type { EvidenceBundle } from './evidence/load-bundle.js';
import { analyseGaps, onlyForModel, type GapReport } from './gap/analyse.js';
import { gapDocument } from './gap/gap-document.js';
import { DOCUMENT_IDS, type DocumentId } from './gap/rules.js';
import { MESSAGES } from './i18n/messages.js';
import { renderHtml } from './render/html.js';
import { HtmlOptionsSchema } from './render/html-options.js';
import { renderMarkdown } from './render/markdown.js';
import type { RiskAssessment } from './risk-assessment/schema.js';

/** Output formats of {@link generateDocumentSet}; PDF is rendered from the HTML by `renderPdf`. */
export const TEXT_FORMATS = ['md', 'html'] as const;

/** One of {@link TEXT_FORMATS}. */
export type TextFormat = (typeof TEXT_FORMATS)[number];

/** Options of {@link generateDocumentSet}. */
export interface GenerateOptions {
  readonly profile: ProductProfile;
  readonly bundle?: EvidenceBundle;
  readonly riskAssessment?: RiskAssessment;
  readonly signatory?: Signatory;
  /** Languages of the translation table, e.g. `['en', 'de']`; default `['en']`. */
  readonly languages?: readonly string[];
  /** Default both. */
  readonly formats?: readonly TextFormat[];
  /** Replacement templates for some documents. */
  readonly templates?: Partial<Record<DocumentId, DocumentTemplate>>;
  /** Replacement stylesheet for the HTML files (inlined). */
  readonly stylesheet?: string;
  /**
   * Link the HTML files' stylesheet from here instead of inlining it: a relative reference or an
   * https URL, for hosts whose Content-Security-Policy refuses inline styles. Serve
   * `DEFAULT_STYLESHEET` there. Not together with `stylesheet`.
   */
  readonly stylesheetHref?: string;
  /** Date of issue; default now. */
  readonly clock?: Clock;
}

/** One output file: a path relative to the output directory and its text. */
export interface GeneratedFile {
  readonly name: string;
  readonly content: string;
}

/** A generated document set: the models, the gap analysis and the rendered files. */
export interface DocumentSet {
  readonly documents: readonly GeneratedDocument[];
  readonly gaps: GapReport;
  /** The rendered files, including `document-set.json` (the models, for `diffDocumentSets`). */
  readonly files: readonly GeneratedFile[];
}

/** The name of the machine-readable record of a set, read by `diffDocumentSets`. */
export const DOCUMENT_SET_FILE = 'document-set.json';

/**
 * Generates the EU declaration of conformity, the simplified declaration, the technical
 * documentation, the user information and the CVD policy page, plus the gap analysis, from a
 * product profile and its evidence, in every language and format asked for. Pure and fast: no
 * files are read or written and no browser is needed.
 *
 * @param options - The data, languages, formats and template overrides.
 * @returns The document set.
 * @throws {DocsGeneratorError} DOCS_UNKNOWN_LANGUAGE, DOCS_UNKNOWN_FORMAT
 * @throws {ValidationError} CORE_VALIDATION_FAILED for an invalid `stylesheetHref`, or both
 *   `stylesheet` and `stylesheetHref`
 * @example
 * ```ts
 * const set = generateDocumentSet({ profile, bundle, riskAssessment, languages: ['en', 'de'] });
 * for (const f of set.files) await writeFile(join(out, f.name), f.content);
 * ```
 */
export function generateDocumentSet(options: GenerateOptions): DocumentSet {
  const languages = options.languages ?? ['en'];
  const formats = options.formats ?? TEXT_FORMATS;
  for (const lang of languages) if (MESSAGES[lang] === undefined) throw DocumentsError.unknownLanguage(lang);
  for (const f of formats) if (!(TEXT_FORMATS as readonly string[]).includes(f)) throw DocumentsError.unknownFormat(f);
  // Checked before any work, whether or not HTML is asked for.
  const html = parseWith(HtmlOptionsSchema, { stylesheet: options.stylesheet, stylesheetHref: options.stylesheetHref }, 'HTML options');
  const { profile, bundle, riskAssessment, signatory } = onlyForModel(options);
  const gaps = analyseGaps({ profile, ...(bundle === undefined ? {} : { bundle }), ...(riskAssessment === undefined ? {} : { riskAssessment }), ...(signatory === undefined ? {} : { signatory }) });
  const date = (options.clock ?? systemClock).now().toISOString().slice(0, 10);
  const templates = { ...DEFAULT_TEMPLATES, ...options.templates };
  const documents: GeneratedDocument[] = [];
  const files: GeneratedFile[] = [];
  for (const lang of languages) {
    const messages = MESSAGES[lang];
    if (messages === undefined) throw DocumentsError.unknownLanguage(lang);
    const names = Object.fromEntries(DOCUMENT_IDS.map((id) => [id, `${id}.${lang}.${formats.includes('html') ? 'html' : 'md'}`]));
    const ctx: TemplateContext = { profile, gaps, messages, date, files: names, ...(bundle === undefined ? {} : { bundle }), ...(riskAssessment === undefined ? {} : { riskAssessment }), ...(signatory === undefined ? {} : { signatory }) };
    const docs = [...DOCUMENT_IDS.map((id) => templates[id](ctx)), gapDocument(gaps, messages, messages.text.generated('@cra-kit/docs-generator', date))];
    for (const doc of docs) {
      documents.push(doc);
      if (formats.includes('md')) files.push({ name: `${doc.id}.${lang}.md`, content: renderMarkdown(doc, messages) });
      if (formats.includes('html')) files.push({ name: `${doc.id}.${lang}.html`, content: renderHtml(doc, messages, html) });
    }
  }
  files.push({ name: 'gap-analysis.json', content: `${JSON.stringify(gaps, null, 2)}\n` });
  files.push({ name: DOCUMENT_SET_FILE, content: `${JSON.stringify({ schemaVersion: 1, product: gaps.product, date, evidence: (bundle?.entries ?? []).map((e) => ({ kind: e.kind, path: e.path, sha256: e.sha256 ?? null })), documents }, null, 2)}\n` });
  return { documents, gaps, files };
} // prettier-ignore
