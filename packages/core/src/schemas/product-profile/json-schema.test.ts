import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CITATION_KEY, ProductProfileSchema } from '@cra-kit/core';

interface JsonSchema {
  $schema?: string;
  type?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  format?: string;
  pattern?: string;
  [CITATION_KEY]?: string;
}

// As the build publishes it (scripts/emit-json-schemas.mjs): the document as written by hand.
const document = z.toJSONSchema(ProductProfileSchema, { io: 'input' }) as JsonSchema;
const root = (() => {
  const name = document.$ref?.replace('#/$defs/', '');
  return name === undefined ? document : (document.$defs?.[name] as JsonSchema);
})();

/** Every property of every object in the schema, with its dotted path. */
function properties(schema: JsonSchema, path = ''): [string, JsonSchema][] {
  const out: [string, JsonSchema][] = [];
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const at = path === '' ? key : `${path}.${key}`;
    out.push([at, property], ...properties(property, at));
  }
  if (schema.items) out.push(...properties(schema.items, `${path}[]`));
  for (const branch of [
    ...(schema.anyOf ?? []),
    ...(schema.allOf ?? []),
    ...(schema.oneOf ?? []),
  ]) {
    out.push(...properties(branch, path));
  }
  return out;
}

const at = (path: string) => {
  const found = properties(root).find(([p]) => p === path);
  if (found === undefined) throw new Error(`no property ${path}`);
  return found[1];
};

describe('the JSON Schema of the product profile', () => {
  it('is a draft 2020-12 object schema that forbids unknown keys', () => {
    expect(document.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(root.type).toBe('object');
    expect(root.additionalProperties).toBe(false);
  });

  it('describes every property of every object', () => {
    const all = properties(root);
    expect(all.length).toBeGreaterThan(100);
    const undescribed = all.filter(
      ([, p]) => typeof p.description !== 'string' || p.description.trim() === '',
    );
    expect(undescribed.map(([path]) => path)).toEqual([]);
  });

  it.each([
    ['manufacturer.name', 'Annex II(1)'],
    ['manufacturer.postalAddress', 'Annex II(1); Art. 13(16)'],
    ['manufacturer.securityContact', 'Art. 13(17); Annex II(2)'],
    ['manufacturer.cvdPolicyUrl', 'Annex II(2); Annex I, Part II, point (5)'],
    ['manufacturer.mainEstablishment', 'Art. 14(7)'],
    ['manufacturer.authorisedRepresentative', 'Art. 18; Annex V(2)'],
    ['product.identification', 'Art. 13(15); Annex II(3)'],
    ['product.intendedPurpose', 'Annex II(4); Annex VII(1)(a)'],
    ['classification', 'Art. 7; Art. 8; Annex III; Annex IV'],
    ['conformityAssessment', 'Art. 32'],
    ['lifecycle', 'Art. 13(8)'],
    ['lifecycle.expectedUseTime', 'Art. 13(8)'],
    ['lifecycle.supportPeriod', 'Art. 13(8); Annex II(7); Annex VII(4)'],
    ['dataInventory', 'Annex I, Part I, point (2)(g)'],
    ['interfaces', 'Annex I, Part I, point (2)(j)'],
    ['updatePolicy', 'Annex I, Part I, point (2)(c); Annex II(8)(c),(e)'],
    ['updatePolicy.securityUpdatesSeparate', 'Annex I, Part II, point (2)'],
    ['updatePolicy.freeOfCharge', 'Annex I, Part II, point (8)'],
    ['standards', 'Annex V(6); Annex VII(5); Art. 27'],
    ['sbom', 'Annex I, Part II, point (1); Annex II(9); Annex VII(2)(b)'],
    ['documentation', 'Annex II(6)–(8)'],
    ['documentation.declarationOfConformityUrl', 'Annex II(6); Art. 13(20); Annex VI'],
  ])('cites the source of %s (%s)', (path, citation) => {
    expect(at(path)[CITATION_KEY]).toBe(citation);
  });

  it('writes every citation as articles, annexes or recitals of the Act', () => {
    const part =
      /^(?:Art\. \d+(?:\(\d+\))*(?:\([a-z]\))?|Annex [IVX]+(?:\(\d+\)(?:–\(\d+\)|\([a-z]\)(?:,\([a-z]\))*)?|, Part I{1,2}(?:, point \(\d+\)(?:\([a-z]\))?)?)?)$/;
    const citations = properties(root).flatMap(([, p]) =>
      p[CITATION_KEY] === undefined ? [] : [p[CITATION_KEY]],
    );
    expect(citations.length).toBeGreaterThan(30);
    for (const citation of citations) {
      for (const piece of citation.split('; ')) expect(piece).toMatch(part);
    }
  });

  it('makes fields with defaults optional (io: input)', () => {
    expect(root.required).toEqual(
      expect.arrayContaining(['schemaVersion', 'manufacturer', 'product', 'lifecycle', 'sbom']),
    );
    expect(root.required).not.toContain('standards');
    expect(root.required).not.toContain('documentation');
    expect(at('updatePolicy').required).not.toContain('automaticSecurityUpdates');
    expect(at('updatePolicy').required).toContain('userCanOptOut');
    expect(at('sbom').required).not.toContain('sharedWithUsers');
    expect(at('lifecycle.supportPeriod').required).toEqual(['duration']);
  });

  // Editors validate against this file (see the example's yaml-language-server comment); it must
  // refuse the plain http:// addresses the TypeScript schema refuses.
  it.each([
    'manufacturer.website',
    'manufacturer.cvdPolicyUrl',
    'manufacturer.securityContact.url',
    'manufacturer.securityContact.encryptionKeyUrl',
    'conformityAssessment.freeAndOpenSource.technicalDocumentationUrl',
    'sbom.userUrl',
    'documentation.declarationOfConformityUrl',
    'documentation.userInstructionsUrl',
    'documentation.supportUrl',
  ])('restricts %s to https', (path) => {
    const pattern = at(path).pattern;
    expect(pattern).toBeDefined();
    const regex = new RegExp(pattern ?? '');
    expect(regex.test('https://acme-sensors.example/x')).toBe(true);
    expect(regex.test('http://acme-sensors.example/x')).toBe(false);
  });
});
