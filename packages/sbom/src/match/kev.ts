import { z } from 'zod';
import { SbomError } from '../errors.js';

const KevSchema = z.looseObject({
  vulnerabilities: z.array(
    z.looseObject({
      cveID: z.string(),
      dateAdded: z.string().optional(),
      knownRansomwareCampaignUse: z.string().optional(),
    }),
  ),
});

/** One known-exploited entry. */
export interface KevEntry {
  readonly cveID: string;
  readonly dateAdded?: string;
  readonly knownRansomwareCampaignUse?: string;
}

/**
 * Reads a known-exploited-vulnerabilities list in CISA's KEV JSON format into a map by CVE id.
 * @throws {SbomError} SBOM_ADVISORY_INVALID
 */
export function readKev(value: unknown): Map<string, KevEntry> {
  const parsed = KevSchema.safeParse(value);
  if (!parsed.success)
    throw new SbomError('SBOM_ADVISORY_INVALID', 'not a KEV catalogue', { cause: parsed.error });
  return new Map(parsed.data.vulnerabilities.map((v) => [v.cveID.toUpperCase(), v]));
}
