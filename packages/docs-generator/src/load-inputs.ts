import { dirname, resolve } from 'node:path';
import { parseProductProfile, type Clock, type ProductProfile } from '@cra-kit/core';
import { loadEvidenceBundle, type EvidenceBundle } from './evidence/load-bundle.js';
import { readDocumentFile } from './io/read-document.js';
import { parseRiskAssessment } from './risk-assessment/check.js';
import type { RiskAssessment } from './risk-assessment/schema.js';

/** What {@link loadProductInputs} read. */
export interface ProductInputs {
  readonly profile: ProductProfile;
  readonly bundle?: EvidenceBundle;
  /** The risk assessment of the bundle, when it lists a usable one. */
  readonly riskAssessment?: RiskAssessment;
}

/**
 * Reads a product profile and, optionally, an evidence manifest with the files it lists; the
 * bundle's risk assessment (if usable) is parsed too. Evidence problems are findings in the
 * bundle, not exceptions.
 *
 * @param options - Paths of the profile and the manifest, and the clock for expiry checks.
 * @returns The profile, the checked bundle and the risk assessment.
 * @throws {ValidationError} CORE_VALIDATION_FAILED for an invalid profile or manifest.
 * @throws {DocsGeneratorError} DOCS_FILE_UNREADABLE, DOCS_INPUT_MALFORMED
 */
export async function loadProductInputs(options: { readonly product: string; readonly evidence?: string; readonly clock?: Clock }): Promise<ProductInputs> {
  const profile = parseProductProfile(await readDocumentFile(options.product));
  if (options.evidence === undefined) return { profile };
  const bundle = await loadEvidenceBundle(options.evidence, options.clock === undefined ? {} : { clock: options.clock });
  const entry = bundle.entries.find((e) => e.kind === 'risk-assessment' && e.usable);
  if (entry === undefined) return { profile, bundle };
  const riskAssessment = parseRiskAssessment(await readDocumentFile(resolve(dirname(resolve(options.evidence)), entry.path)));
  return { profile, bundle, riskAssessment };
} // prettier-ignore
