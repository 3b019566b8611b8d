import { DocsGeneratorError } from './errors.js';

/** Constructors for the errors several modules throw. @internal */
export const DocumentsError = {
  unknownLanguage: (lang: string) =>
    new DocsGeneratorError('DOCS_UNKNOWN_LANGUAGE', `no translation table for language ${JSON.stringify(lang)}`, { details: { lang } }),
  unknownFormat: (format: string) =>
    new DocsGeneratorError('DOCS_UNKNOWN_FORMAT', `unknown output format ${JSON.stringify(format)}`, { details: { format } }),
}; // prettier-ignore
