import { describe, expect, it } from 'vitest';
import { CORE_ERROR_CODES, CoreError, SdkError, ValidationError } from '@cra-kit/core';

class WidgetError extends SdkError<'WIDGET_BROKEN'> {}

describe('SdkError', () => {
  it('carries its code, message, cause and details', () => {
    const cause = new Error('disk full');
    const error = new SdkError('SDK_X', 'it failed', { cause, details: { file: 'a.yaml' } });
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('SDK_X');
    expect(error.message).toBe('it failed');
    expect(error.cause).toBe(cause);
    expect(error.details).toEqual({ file: 'a.yaml' });
  });

  it('has no cause and no details unless given', () => {
    const error = new SdkError('SDK_X', 'it failed');
    expect('cause' in error).toBe(false);
    expect(error.details).toBeUndefined();
    expect('cause' in new SdkError('SDK_X', 'm', { cause: undefined })).toBe(false);
  });

  it('keeps a falsy cause', () => {
    expect(new SdkError('SDK_X', 'm', { cause: 0 }).cause).toBe(0);
  });

  it('names each error after its subclass', () => {
    expect(new SdkError('SDK_X', 'm').name).toBe('SdkError');
    expect(new CoreError('CORE_INPUT_MALFORMED', 'm').name).toBe('CoreError');
    expect(new ValidationError([]).name).toBe('ValidationError');
    expect(new WidgetError('WIDGET_BROKEN', 'm').name).toBe('WidgetError');
  });

  describe('isInstance', () => {
    it('is true for SdkError and every subclass', () => {
      expect(SdkError.isInstance(new SdkError('SDK_X', 'm'))).toBe(true);
      expect(SdkError.isInstance(new CoreError('CORE_INPUT_MALFORMED', 'm'))).toBe(true);
      expect(SdkError.isInstance(new ValidationError([]))).toBe(true);
      expect(SdkError.isInstance(new WidgetError('WIDGET_BROKEN', 'm'))).toBe(true);
    });

    it('recognises an error from a second installed copy by its shared symbol marker', () => {
      const foreign = Object.assign(new Error('m'), { code: 'CORE_INPUT_MALFORMED' });
      Object.defineProperty(foreign, Symbol.for('@cra-kit/sdk.error'), { value: true });
      expect(foreign instanceof SdkError).toBe(false);
      expect(SdkError.isInstance(foreign)).toBe(true);
    });

    it.each([
      ['a plain Error', new Error('m')],
      ['a TypeError', new TypeError('m')],
      ['null', null],
      ['undefined', undefined],
      ['a string', 'CORE_INPUT_MALFORMED'],
      ['a look-alike object', { name: 'CoreError', code: 'CORE_INPUT_MALFORMED', message: 'm' }],
      ['a local symbol marker', { [Symbol('@cra-kit/sdk.error')]: true }],
    ])('is false for %s', (_, value) => {
      expect(SdkError.isInstance(value)).toBe(false);
    });

    it('does not expose the marker as an enumerable property', () => {
      const error = new CoreError('CORE_INPUT_MALFORMED', 'm');
      const marker = Object.getOwnPropertyDescriptor(error, Symbol.for('@cra-kit/sdk.error'));
      expect(marker).toMatchObject({ value: true, enumerable: false, writable: false });
      expect(Object.getOwnPropertySymbols(Object.assign({}, error))).toEqual([]);
    });
  });

  describe('toJSON', () => {
    it('gives name, code, message and details, never the stack or cause', () => {
      const error = new CoreError('CORE_INPUT_TOO_LARGE', 'too big', {
        cause: new Error('secret path /home/me'),
        details: { size: 10, maxBytes: 5 },
      });
      const json: unknown = JSON.parse(JSON.stringify(error));
      expect(json).toStrictEqual({
        name: 'CoreError',
        code: 'CORE_INPUT_TOO_LARGE',
        message: 'too big',
        details: { size: 10, maxBytes: 5 },
      });
    });

    it('leaves out details when there are none', () => {
      expect(new CoreError('CORE_INPUT_MALFORMED', 'm').toJSON()).toStrictEqual({
        name: 'CoreError',
        code: 'CORE_INPUT_MALFORMED',
        message: 'm',
      });
    });
  });
});

describe('CoreError', () => {
  it('is an SdkError with one of the core codes', () => {
    const error = new CoreError(CORE_ERROR_CODES.CORE_STORAGE_CONFLICT, 'conflict');
    expect(error).toBeInstanceOf(SdkError);
    expect(error).toBeErrorWithCode(CoreError, 'CORE_STORAGE_CONFLICT');
  });
});

describe('CORE_ERROR_CODES', () => {
  it('maps every code to itself, SCREAMING_SNAKE with the CORE_ prefix', () => {
    const entries = Object.entries(CORE_ERROR_CODES);
    expect(entries.length).toBeGreaterThan(0);
    for (const [key, value] of entries) {
      expect(value).toBe(key);
      expect(value).toMatch(/^CORE_[A-Z0-9]+(?:_[A-Z0-9]+)*$/);
    }
  });

  it('keeps the codes callers already branch on (removing one is a breaking change)', () => {
    expect(Object.values(CORE_ERROR_CODES)).toEqual(
      expect.arrayContaining([
        'CORE_VALIDATION_FAILED',
        'CORE_UNKNOWN_REQUIREMENT',
        'CORE_INPUT_TOO_LARGE',
        'CORE_INPUT_MALFORMED',
        'CORE_STORAGE_CONFLICT',
      ]),
    );
  });
});
