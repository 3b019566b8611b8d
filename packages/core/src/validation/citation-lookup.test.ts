import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cited } from '../schemas/citation.js';
import { ProductProfileSchema } from '../schemas/product-profile/product-profile.js';
import { citationAt } from './citation-lookup.js';

const c = <T extends z.ZodType>(schema: T, citation: string) => cited(schema, citation, 'd');

describe('citationAt', () => {
  const Root = c(
    z.strictObject({
      plain: z.string(),
      contact: c(
        z.strictObject({ email: z.string(), url: c(z.string(), 'Annex II(2)') }),
        'Art. 13(17)',
      ),
      list: z.array(c(z.strictObject({ key: z.string() }), 'Annex I(2)(g)')),
      map: z.record(z.string(), c(z.number(), 'Art. 14')),
      either: z.union([
        z.strictObject({ a: c(z.string(), 'A') }),
        z.strictObject({ b: c(z.string(), 'B') }),
      ]),
      wrappedOutside: c(z.strictObject({ x: z.string() }).optional(), 'Outside'),
      wrappedInside: c(z.strictObject({ x: z.string() }), 'Inside')
        .optional()
        .nullable(),
      defaulted: c(z.strictObject({ x: z.string() }), 'Defaulted').default({ x: 'a' }),
      piped: z.string().transform((s) => s.length),
    }),
    'Root',
  );

  it.each([
    [[], 'Root'],
    [['plain'], 'Root'],
    [['contact'], 'Art. 13(17)'],
    [['contact', 'email'], 'Art. 13(17)'],
    [['contact', 'url'], 'Annex II(2)'],
    [['list', 3], 'Annex I(2)(g)'],
    [['list', 3, 'key'], 'Annex I(2)(g)'],
    [['map', 'anything'], 'Art. 14'],
    [['either', 'a'], 'A'],
    [['either', 'b'], 'B'],
    [['either', 'c'], 'Root'],
    [['wrappedOutside', 'x'], 'Outside'],
    [['wrappedInside', 'x'], 'Inside'],
    [['defaulted', 'x'], 'Defaulted'],
    [['piped'], 'Root'],
    [['piped', 'deeper'], 'Root'],
    [['unknown', 'deeper'], 'Root'],
    [['contact', 0], 'Art. 13(17)'],
  ] as [(string | number)[], string][])('%j → %s', (path, citation) => {
    expect(citationAt(Root, path)).toBe(citation);
  });

  it('stops at a symbol step', () => {
    expect(citationAt(Root, ['contact', Symbol('s'), 'url'])).toBe('Art. 13(17)');
  });

  it('is undefined when nothing along the path is cited', () => {
    expect(citationAt(z.strictObject({ a: z.string() }), ['a'])).toBeUndefined();
    expect(citationAt(z.string(), [])).toBeUndefined();
  });

  it('finds the citations of the product profile sections', () => {
    expect(citationAt(ProductProfileSchema, ['manufacturer', 'securityContact', 'email'])).toBe(
      'Art. 13(17); Annex II(2)',
    );
    expect(citationAt(ProductProfileSchema, ['lifecycle', 'expectedUseTime', 'years'])).toBe(
      'Art. 13(8)',
    );
    expect(citationAt(ProductProfileSchema, ['documentation', 'declarationOfConformityUrl'])).toBe(
      'Annex II(6); Art. 13(20); Annex VI',
    );
  });

  // Object keys come from the input (catch-all schemas, custom issue paths). A key that is also
  // inherited from Object.prototype is not a field of the schema and must not be treated as one.
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'does not mistake the inherited property %j for a field',
    (key) => {
      expect(citationAt(Root, [key])).toBe('Root');
      expect(citationAt(Root, ['contact', key])).toBe('Art. 13(17)');
    },
  );
});
