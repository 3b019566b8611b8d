import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EvidenceSchema, RequirementSchema } from './requirement-schema.js';

const valid = {
  id: 'annex-ii.8.e',
  citation: 'Annex II(8)(e)',
  source: 'annex-ii',
  parent: 'annex-ii.8',
  title: 'Turning off automatic updates',
  summary: 'How to switch off automatic security updates.',
  appliesFrom: '2027-12-11',
  evidence: [{ provider: '@cra-kit/core', capability: 'product-profile', detail: 'updatePolicy' }],
};

/** The paths of the issues a parse reports (empty when it succeeds). */
const issuePaths = (input: unknown) =>
  (RequirementSchema.safeParse(input).error?.issues ?? []).map((i) => i.path.join('.'));

describe('RequirementSchema', () => {
  it('accepts a well-formed entry, with or without a parent', () => {
    expect(issuePaths(valid)).toEqual([]);
    expect(issuePaths({ ...valid, id: 'annex-ii.8', parent: undefined })).toEqual([]);
  });

  it('converts to a JSON Schema that describes every field', () => {
    const json = z.toJSONSchema(RequirementSchema) as {
      required: string[];
      properties: Record<string, { description?: string }>;
    };
    expect(json.required.sort()).toEqual(
      ['appliesFrom', 'citation', 'evidence', 'id', 'source', 'summary', 'title'].sort(),
    );
    for (const [name, property] of Object.entries(json.properties)) {
      expect(property.description, name).toMatch(/\S/);
    }
  });

  it('returns a frozen value', () => {
    expect(Object.isFrozen(RequirementSchema.parse(valid))).toBe(true);
  });

  it.each([
    ['id', { id: 'Annex-II.8.e' }],
    ['id', { id: 'annex-ii' }],
    ['id', { id: 'annex-ii..8' }],
    ['id', { id: 'annex-v.8.e' }],
    ['parent', { parent: 'annex-ii.7' }],
    ['parent', { parent: 'annex-ii' }],
    ['citation', { citation: '  ' }],
    ['source', { source: 'annex-iii' }],
    ['title', { title: 'Updates' }],
    ['title', { title: 'one two three four five six seven' }],
    ['summary', { summary: '' }],
    ['summary', { summary: 'first line\nsecond line' }],
    ['summary', { summary: 'x'.repeat(241) }],
    ['appliesFrom', { appliesFrom: '2027-02-30' }],
    ['appliesFrom', { appliesFrom: '11.12.2027' }],
    ['evidence', { evidence: undefined }],
    ['', { extra: true }],
  ])('rejects a bad %s', (path, patch) => {
    expect(issuePaths({ ...valid, ...patch })).toContain(path);
  });
});

describe('EvidenceSchema', () => {
  const evidence = { provider: 'cra-kit-sbom', capability: 'sbom', detail: 'CycloneDX file' };

  it('accepts scoped and unscoped npm package names', () => {
    expect(EvidenceSchema.safeParse(evidence).success).toBe(true);
    expect(EvidenceSchema.safeParse({ ...evidence, provider: '@cra-kit/sbom' }).success).toBe(true);
  });

  it.each([
    { provider: '@Cra-Kit/Core' },
    { provider: '' },
    { capability: 'Product_Profile' },
    { capability: 'product--profile' },
    { detail: ' ' },
  ])('rejects %j', (patch) => {
    expect(EvidenceSchema.safeParse({ ...evidence, ...patch }).success).toBe(false);
  });
});
