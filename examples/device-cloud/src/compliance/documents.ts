import { generateDocumentSet, loadProductInputs, type DocumentSet } from '@cra-kit/docs-generator';
import type { CloudContext } from '../context.js';
import { DOCUMENT_STYLESHEET_PATH } from './document-style.js';

/**
 * The generated documents and gap analysis of the product (docs-generator), built once on first
 * use: the profile and evidence do not change while the cloud runs. The HTML links the
 * stylesheet this cloud serves (no inline styles under its CSP).
 */
export function documentSource(
  ctx: CloudContext,
  options: { productFile: string | undefined; evidenceFile: string | undefined },
): () => Promise<DocumentSet> {
  let set: Promise<DocumentSet> | undefined;
  const build = async () => {
    const inputs = options.productFile === undefined ? { profile: ctx.profile } : await loadProductInputs({ product: options.productFile, ...(options.evidenceFile === undefined ? {} : { evidence: options.evidenceFile }), clock: ctx.clock });
    return generateDocumentSet({ ...inputs, formats: ['html'], languages: ['en'], stylesheetHref: DOCUMENT_STYLESHEET_PATH, clock: ctx.clock });
  }; // prettier-ignore
  return () => {
    // A failed build is not cached: the next request tries again.
    set ??= build().catch((error: unknown) => {
      set = undefined;
      throw error;
    });
    return set;
  };
}
