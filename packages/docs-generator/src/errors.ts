import { SdkError } from '@cra-kit/core';

/** The error codes `@cra-kit/docs-generator` throws. Codes are public API; messages are not. */
export const DOCS_ERROR_CODES = {
  /** A file (product profile, risk assessment, evidence manifest) could not be read. */
  DOCS_FILE_UNREADABLE: 'DOCS_FILE_UNREADABLE',
  /** A YAML or JSON document could not be parsed. */
  DOCS_INPUT_MALFORMED: 'DOCS_INPUT_MALFORMED',
  /** A language other than those in the translation table was asked for. */
  DOCS_UNKNOWN_LANGUAGE: 'DOCS_UNKNOWN_LANGUAGE',
  /** An output format other than md, html, json or pdf was asked for. */
  DOCS_UNKNOWN_FORMAT: 'DOCS_UNKNOWN_FORMAT',
  /** PDF output needs `playwright-core` and a Chromium executable; one of them is missing. */
  DOCS_PDF_UNAVAILABLE: 'DOCS_PDF_UNAVAILABLE',
  /** Chromium started but could not render the PDF. */
  DOCS_PDF_FAILED: 'DOCS_PDF_FAILED',
  /** A directory given to `diffDocumentSets` holds no generated document set. */
  DOCS_NOT_A_DOCUMENT_SET: 'DOCS_NOT_A_DOCUMENT_SET',
} as const;

/** One of {@link DOCS_ERROR_CODES}. */
export type DocsErrorCode = (typeof DOCS_ERROR_CODES)[keyof typeof DOCS_ERROR_CODES];

/** An error thrown by `@cra-kit/docs-generator`, with one of {@link DOCS_ERROR_CODES}. */
export class DocsGeneratorError extends SdkError<DocsErrorCode> {}
