import { describe, expect, it } from 'vitest';
import { CoreError, SdkError, ValidationError } from '@cra-kit/core';
import { craKitMatchers, installMatchers } from '@cra-kit/testing';

const malformed = () => new CoreError('CORE_INPUT_MALFORMED', 'bad input');
const throwing = (error: unknown) => () => {
  throw error;
};

describe('toThrowWithCode', () => {
  const { toThrowWithCode } = craKitMatchers;

  it('passes when the function throws the class with the code', () => {
    expect(throwing(malformed())).toThrowWithCode(CoreError, 'CORE_INPUT_MALFORMED');
    expect(toThrowWithCode(throwing(malformed()), CoreError, 'CORE_INPUT_MALFORMED').pass).toBe(
      true,
    );
  });

  it.each([
    ['another code', malformed(), CoreError, 'CORE_INPUT_TOO_LARGE'],
    ['another class', malformed(), ValidationError, 'CORE_INPUT_MALFORMED'],
    ['a superclass (the match is by exact class)', malformed(), SdkError, 'CORE_INPUT_MALFORMED'],
    ['a plain Error', new Error('CORE_INPUT_MALFORMED'), CoreError, 'CORE_INPUT_MALFORMED'],
    ['a thrown string', 'CORE_INPUT_MALFORMED', CoreError, 'CORE_INPUT_MALFORMED'],
  ] as [string, unknown, typeof CoreError, string][])(
    'fails on %s',
    (_, error, errorClass, code) => {
      const result = toThrowWithCode(throwing(error), errorClass, code);
      expect(result.pass).toBe(false);
      expect(result.message()).toContain(code);
      expect(() => expect(throwing(error)).toThrowWithCode(errorClass, code)).toThrow();
    },
  );

  it('fails when nothing is thrown', () => {
    const result = toThrowWithCode(() => 42, CoreError, 'CORE_INPUT_MALFORMED');
    expect(result.pass).toBe(false);
    expect(result.message()).toContain('CORE_INPUT_MALFORMED');
    expect(() => expect(() => 42).toThrowWithCode(CoreError, 'CORE_INPUT_MALFORMED')).toThrow();
  });

  it('fails when given something that is not a function', () => {
    const result = toThrowWithCode(malformed(), CoreError, 'CORE_INPUT_MALFORMED');
    expect(result.pass).toBe(false);
    expect(result.message()).toContain('function');
  });

  it('works with .not', () => {
    expect(() => 42).not.toThrowWithCode(CoreError, 'CORE_INPUT_MALFORMED');
    expect(throwing(malformed())).not.toThrowWithCode(CoreError, 'CORE_INPUT_TOO_LARGE');
    expect(() =>
      expect(throwing(malformed())).not.toThrowWithCode(CoreError, 'CORE_INPUT_MALFORMED'),
    ).toThrow();
    expect(
      toThrowWithCode(throwing(malformed()), CoreError, 'CORE_INPUT_MALFORMED').message(),
    ).toContain('CORE_INPUT_MALFORMED');
  });

  it('matches an error from a second copy of the package by name and code', () => {
    // Another installed copy has its own CoreError class, with the same name and marker.
    class CoreErrorCopy extends Error {
      readonly code = 'CORE_INPUT_MALFORMED';
      constructor() {
        super('m');
        this.name = 'CoreError';
        Object.defineProperty(this, Symbol.for('@cra-kit/sdk.error'), { value: true });
      }
    }
    expect(() => {
      throw new CoreErrorCopy();
    }).toThrowWithCode(CoreError, 'CORE_INPUT_MALFORMED');
  });
});

describe('toBeErrorWithCode', () => {
  const { toBeErrorWithCode } = craKitMatchers;

  it('passes for an error of the class with the code, and fails otherwise', () => {
    expect(malformed()).toBeErrorWithCode(CoreError, 'CORE_INPUT_MALFORMED');
    expect(malformed()).not.toBeErrorWithCode(CoreError, 'CORE_INPUT_TOO_LARGE');
    expect(new Error('x')).not.toBeErrorWithCode(CoreError, 'CORE_INPUT_MALFORMED');
    expect(undefined).not.toBeErrorWithCode(CoreError, 'CORE_INPUT_MALFORMED');
    const failed = toBeErrorWithCode(malformed(), ValidationError, 'CORE_INPUT_MALFORMED');
    expect(failed.pass).toBe(false);
    expect(failed.message()).toContain('ValidationError');
    expect(toBeErrorWithCode(null, CoreError, 'CORE_INPUT_MALFORMED').message()).toContain('null');
  });

  it('works with .rejects for async functions', async () => {
    await expect(Promise.reject(malformed())).rejects.toBeErrorWithCode(
      CoreError,
      'CORE_INPUT_MALFORMED',
    );
    await expect(
      expect(Promise.reject(malformed())).rejects.toBeErrorWithCode(
        CoreError,
        'CORE_INPUT_TOO_LARGE',
      ),
    ).rejects.toThrow();
    await expect(
      expect(Promise.resolve(1)).rejects.toBeErrorWithCode(CoreError, 'CORE_INPUT_MALFORMED'),
    ).rejects.toThrow();
  });
});

describe('installMatchers', () => {
  it('can be called again without harm (setup.ts already called it)', () => {
    installMatchers();
    expect(throwing(malformed())).toThrowWithCode(CoreError, 'CORE_INPUT_MALFORMED');
  });
});

describe('toThrowWithCode on an async function', () => {
  it('fails with a pointer to .rejects instead of reporting that nothing was thrown', () => {
    const result = craKitMatchers.toThrowWithCode(
      () => Promise.reject(new CoreError('CORE_INPUT_MALFORMED', 'x')),
      CoreError,
      'CORE_INPUT_MALFORMED',
    );
    expect(result.pass).toBe(false);
    expect(result.message()).toContain('.rejects');
  });
});
