import type { DocumentBlock, GeneratedDocument } from './model.js';
import { footer, section, type TemplateContext } from './context.js';

/**
 * The Annex VI sentence, verbatim from the English text of Regulation (EU) 2024/2847 (the one
 * place where the law prescribes the wording), with the blanks filled in.
 *
 * @param manufacturer - Name of the manufacturer.
 * @param type - Designation of the type of product with digital elements.
 * @returns The sentence.
 */
export function simplifiedDeclarationSentence(manufacturer: string, type: string): string {
  return `Hereby, ${manufacturer} declares that the product with digital elements type ${type} is in compliance with Regulation (EU) 2024/2847.`;
}

/**
 * The simplified EU declaration of conformity (Art. 13(20); Annex VI): the prescribed sentence
 * and the exact internet address of the full declaration.
 *
 * @param ctx - Profile, language.
 * @returns The document model.
 */
export function simplifiedDeclarationTemplate(ctx: TemplateContext): GeneratedDocument {
  const { profile: p, messages: m } = ctx;
  const note: DocumentBlock[] = m.text.verbatimNote === undefined ? [] : [{ type: 'paragraph', text: m.text.verbatimNote }];
  const url = p.documentation.declarationOfConformityUrl;
  return {
    id: 'simplified-declaration',
    lang: m.lang,
    title: m.title['simplified-declaration'],
    subtitle: `${p.product.name} (${p.product.type})`,
    sections: [
      section(ctx, 'annex-vi.statement', [{ type: 'verbatim', text: simplifiedDeclarationSentence(p.manufacturer.name, p.product.type) }, ...note]),
      section(ctx, 'annex-vi.full-text-address', [{ type: 'verbatim', text: `${m.text.simplifiedNote} ${url ?? '—'}` }, ...note]),
    ],
    footer: footer(ctx),
  };
} // prettier-ignore
