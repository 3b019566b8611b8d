import { describe, expect, it } from 'vitest';
import { PACKAGE_EVIDENCE, packageEvidenceFor } from './package-evidence.js';
import { getRequirement, hasRequirement, listRequirements } from './query.js';
import { EvidenceSchema } from './requirement-schema.js';

describe('package evidence', () => {
  it('names only requirements that exist, each once per row', () => {
    for (const row of PACKAGE_EVIDENCE) {
      expect(EvidenceSchema.safeParse({ provider: row.provider, capability: row.capability, detail: row.detail }).success).toBe(true);
      for (const id of row.requirements) expect(hasRequirement(id), `${row.capability}: ${id}`).toBe(true);
      expect(new Set(row.requirements).size).toBe(row.requirements.length);
    }
  });

  it('is merged into the catalogue after the product-profile evidence', () => {
    expect(getRequirement('art-13.8').evidence.map((e) => e.provider)).toEqual(['@cra-kit/core', '@cra-kit/support-period']);
    expect(packageEvidenceFor('annex-i.part-2.3')).toEqual([]);
  });

  it('is queryable by provider and capability', () => {
    const ids = listRequirements({ provider: '@cra-kit/docs-generator', capability: 'declaration-of-conformity' }).map((r) => r.id);
    expect(ids).toEqual(['annex-v.1', 'annex-v.2', 'annex-v.3', 'annex-v.4', 'annex-v.5', 'annex-v.6', 'annex-v.7', 'annex-v.8']);
  });
}); // prettier-ignore
