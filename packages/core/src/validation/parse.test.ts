import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError, parseWith, safeParseWith, toValidationIssues } from '@cra-kit/core';
import { cited } from '../schemas/citation.js';
import { brief, issuesOf } from '../../test/fixtures/errors.js';

const Contact = cited(
  z.strictObject({
    email: z.email(),
    phone: z.string().optional(),
  }),
  'Art. 13(17)',
  'Contact',
);
const Doc = z.strictObject({ name: z.string().trim(), contact: Contact });

describe('parseWith', () => {
  it('returns the parsed (transformed) value', () => {
    expect(parseWith(Doc, { name: ' a ', contact: { email: 'a@b.example' } })).toEqual({
      name: 'a',
      contact: { email: 'a@b.example' },
    });
  });

  it('throws a ValidationError listing every issue with path, code and citation', () => {
    const issues = issuesOf(() => parseWith(Doc, { name: 1, contact: { phone: 2 }, x: 0 }, 'doc'));
    expect(brief(issues)).toEqual([
      { path: ['name'], code: 'invalid_type' },
      { path: ['contact', 'email'], code: 'invalid_type', citation: 'Art. 13(17)' },
      { path: ['contact', 'phone'], code: 'invalid_type', citation: 'Art. 13(17)' },
      { path: [], code: 'unrecognized_keys' },
    ]);
    for (const i of issues) expect(i.message.length).toBeGreaterThan(0);
  });

  it('reports a non-object at the root with an empty path', () => {
    expect(brief(issuesOf(() => parseWith(Doc, null)))).toEqual([
      { path: [], code: 'invalid_type' },
    ]);
  });

  it('keeps zod out of the API: the cause is kept, but the error is ours', () => {
    const result = safeParseWith(Doc, {});
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error).toBeErrorWithCode(ValidationError, 'CORE_VALIDATION_FAILED');
    expect(result.error.cause).toBeInstanceOf(z.ZodError);
    expect(JSON.stringify(result.error)).not.toContain('ZodError');
  });
});

describe('safeParseWith', () => {
  it('returns success and data for valid input', () => {
    expect(safeParseWith(Doc, { name: 'a', contact: { email: 'a@b.example' } })).toEqual({
      success: true,
      data: { name: 'a', contact: { email: 'a@b.example' } },
    });
  });

  it('returns the ValidationError instead of throwing', () => {
    const result = safeParseWith(Doc, { name: 'a' }, 'doc');
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(brief(result.error.issues)).toEqual([
        { path: ['contact'], code: 'invalid_type', citation: 'Art. 13(17)' },
      ]);
    }
  });

  // A catch-all or record schema reports issues under keys the input chose. A key that is also
  // a property of Object.prototype ("constructor", "toString", …) must not crash the citation
  // lookup: safeParseWith promises a result, never a TypeError.
  it.each(['constructor', 'toString', 'hasOwnProperty', 'valueOf'])(
    'returns a ValidationError for an invalid value under the key %j',
    (key) => {
      const Loose = z.object({ a: z.string() }).catchall(z.number());
      const result = safeParseWith(Loose, { a: 'x', [key]: 'not a number' });
      expect(result.success).toBe(false);
      if (!result.success)
        expect(brief(result.error.issues)).toEqual([{ path: [key], code: 'invalid_type' }]);
    },
  );
});

describe('toValidationIssues', () => {
  it('prefers a citation passed with the issue over the one of the schema', () => {
    const S = cited(
      z.object({ a: z.number() }).superRefine((_, ctx) => {
        ctx.addIssue({
          code: 'custom',
          path: ['a'],
          message: 'm',
          params: { citation: 'Art. 32(3)' },
        });
      }),
      'Art. 32',
      'S',
    );
    const result = S.safeParse({ a: 1 });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(brief(toValidationIssues(S, result.error.issues))).toEqual([
        { path: ['a'], code: 'custom', citation: 'Art. 32(3)' },
      ]);
    }
  });

  it('ignores a citation parameter that is not a string', () => {
    const S = cited(
      z.object({ a: z.number() }).superRefine((_, ctx) => {
        ctx.addIssue({ code: 'custom', path: ['a'], message: 'm', params: { citation: 42 } });
      }),
      'Art. 32',
      'S',
    );
    const result = S.safeParse({ a: 1 });
    if (!result.success) {
      expect(toValidationIssues(S, result.error.issues)[0]?.citation).toBe('Art. 32');
    } else {
      expect.unreachable('the refinement always fails');
    }
  });

  it('drops symbol steps from the path', () => {
    const sym = Symbol('s');
    const issues = toValidationIssues(z.string(), [
      { code: 'custom', path: ['a', sym, 0], message: 'm', input: undefined },
    ]);
    expect(issues).toEqual([{ path: ['a', 0], code: 'custom', message: 'm' }]);
  });
});
