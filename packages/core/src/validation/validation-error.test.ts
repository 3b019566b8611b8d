import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SdkError, ValidationError, formatPath, type ValidationIssue } from '@cra-kit/core';

const issue = (path: (string | number)[], code = 'custom'): ValidationIssue => ({
  path,
  code,
  message: 'is wrong',
});

describe('ValidationError', () => {
  it('is an SdkError with code CORE_VALIDATION_FAILED by default', () => {
    const error = new ValidationError([issue(['a'])]);
    expect(SdkError.isInstance(error)).toBe(true);
    expect(error).toBeErrorWithCode(ValidationError, 'CORE_VALIDATION_FAILED');
  });

  it('takes a package-specific code', () => {
    const error = new ValidationError<'CLI_PROFILE_INVALID'>([issue(['a'])], {
      code: 'CLI_PROFILE_INVALID',
    });
    expect(error).toBeErrorWithCode(ValidationError, 'CLI_PROFILE_INVALID');
  });

  it('keeps every issue, in order', () => {
    const issues = [issue(['a']), issue(['b', 0]), issue([])];
    expect(new ValidationError(issues).issues).toEqual(issues);
  });

  it('freezes its issue list and copies it, so later changes to the input change nothing', () => {
    const issues = [issue(['a']), issue(['b'])];
    const error = new ValidationError(issues);
    const message = error.message;
    issues.push(issue(['c']));
    issues.shift();
    expect(Object.isFrozen(error.issues)).toBe(true);
    expect(() => (error.issues as ValidationIssue[]).push(issue(['d']))).toThrow(TypeError);
    expect(error.issues.map((i) => i.path)).toEqual([['a'], ['b']]);
    expect(error.message).toBe(message);
  });

  it('builds a message for any number of issues, subject or none', () => {
    // The wording is not API; only that each variant yields a non-empty, distinct message.
    const messages = [
      new ValidationError([]).message,
      new ValidationError([issue(['a'])]).message,
      new ValidationError([issue(['a']), issue(['b'])]).message,
      new ValidationError([issue(['a'])], { subject: 'product profile' }).message,
    ];
    for (const m of messages) expect(m.length).toBeGreaterThan(0);
    expect(new Set(messages).size).toBe(messages.length);
  });

  it('passes cause and details on', () => {
    const cause = new Error('zod');
    const error = new ValidationError([issue(['a'])], { cause, details: { file: 'x' } });
    expect(error.cause).toBe(cause);
    expect(error.details).toEqual({ file: 'x' });
  });

  it('serialises its issues in toJSON, without cause or stack', () => {
    const issues = [{ ...issue(['a', 0]), citation: 'Art. 13(8)' }];
    const json: unknown = JSON.parse(
      JSON.stringify(new ValidationError(issues, { cause: new Error('zod internals') })),
    );
    expect(json).toStrictEqual({
      name: 'ValidationError',
      code: 'CORE_VALIDATION_FAILED',
      message: expect.any(String),
      issues,
    });
  });
});

describe('formatPath', () => {
  it.each([
    [[], '(root)'],
    [['manufacturer'], 'manufacturer'],
    [['manufacturer', 'securityContact'], 'manufacturer.securityContact'],
    [['dataInventory', 0, 'key'], 'dataInventory[0].key'],
    [['a', 0, 1, 'b'], 'a[0][1].b'],
    [[0, 'key'], '[0].key'],
  ] as [(string | number)[], string][])('%j → %s', (path, text) => {
    expect(formatPath(path)).toBe(text);
  });

  it('never throws and mentions every step (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.nat())), (path) => {
        const text = formatPath(path);
        expect(typeof text).toBe('string');
        for (const step of path) {
          expect(text).toContain(typeof step === 'number' ? `[${step}]` : step);
        }
      }),
    );
  });
});
