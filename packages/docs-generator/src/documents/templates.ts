import type { DocumentId } from '../gap/rules.js';
import type { TemplateContext } from './context.js';
import { cvdPolicyTemplate } from './cvd-policy.js';
import { declarationTemplate } from './declaration.js';
import type { GeneratedDocument } from './model.js';
import { simplifiedDeclarationTemplate } from './simplified-declaration.js';
import { technicalDocumentationTemplate } from './technical-documentation.js';
import { userInformationTemplate } from './user-information.js';

/** A document template: a plain function from the data to a document model. */
export type DocumentTemplate = (ctx: TemplateContext) => GeneratedDocument;

/**
 * The default template of each document. Pass a copy with some functions replaced as
 * `templates` to {@link generateDocumentSet} to restyle or reword a document without forking.
 */
export const DEFAULT_TEMPLATES: Readonly<Record<DocumentId, DocumentTemplate>> = Object.freeze({
  declaration: declarationTemplate,
  'simplified-declaration': simplifiedDeclarationTemplate,
  'technical-documentation': technicalDocumentationTemplate,
  'user-information': userInformationTemplate,
  'cvd-policy': cvdPolicyTemplate,
});
