import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CITATION_KEY } from '@cra-kit/core';
import { cited, citationOf } from './citation.js';

describe('cited / citationOf', () => {
  it('uses the JSON Schema keyword x-cra-citation', () => {
    expect(CITATION_KEY).toBe('x-cra-citation');
  });

  it('attaches a description and a citation without changing what the schema accepts', () => {
    const base = z.string().min(2);
    const schema = cited(base, 'Art. 13(8)', 'How long');
    expect(citationOf(schema)).toBe('Art. 13(8)');
    expect(schema.description).toBe('How long');
    expect(schema.safeParse('ab').success).toBe(true);
    expect(schema.safeParse('a').success).toBe(false);
    expect(citationOf(base)).toBeUndefined();
  });

  it('reads nothing from a schema without metadata or with a non-string citation', () => {
    expect(citationOf(z.number())).toBeUndefined();
    expect(citationOf(z.number().describe('n'))).toBeUndefined();
    expect(citationOf(z.number().meta({ [CITATION_KEY]: 7 }))).toBeUndefined();
  });
});
