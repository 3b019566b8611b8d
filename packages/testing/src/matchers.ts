import { SdkError } from '@cra-kit/core';
import { expect } from 'vitest';

type ErrorClass = abstract new (...args: never[]) => Error;

interface CodeMatchResult {
  pass: boolean;
  message: () => string;
}

/** Checks that `error` is a cra-kit error of `errorClass` (by name) with `code`. */
function matchCode(error: unknown, errorClass: ErrorClass, code: string): CodeMatchResult {
  if (!SdkError.isInstance(error)) {
    return {
      pass: false,
      message: () => `expected a cra-kit error with code ${code}, got ${describe(error)}`,
    };
  }
  // By name, not instanceof: a second installed copy of a package must still match.
  const pass = error.name === errorClass.name && error.code === code;
  return {
    pass,
    message: () =>
      pass
        ? `expected not to get ${errorClass.name} ${code}`
        : `expected ${errorClass.name} ${code}, got ${error.name} ${error.code}: ${error.message}`,
  };
}

const describe = (e: unknown) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/**
 * Matchers that assert on an error's class and stable code, never on its message
 * (`@sigstore/jest`'s `toThrowWithCode`). Registered by `@cra-kit/testing/setup`.
 */
export const craKitMatchers = {
  toThrowWithCode(received: unknown, errorClass: ErrorClass, code: string): CodeMatchResult {
    if (typeof received !== 'function') {
      return { pass: false, message: () => 'toThrowWithCode expects a function' };
    }
    try {
      const result = (received as () => unknown)();
      if (result instanceof Promise) {
        result.catch(() => undefined); // reported below; never an unhandled rejection
        return {
          pass: false,
          message: () =>
            'the function is async: use `await expect(fn()).rejects.toBeErrorWithCode(…)`',
        };
      }
    } catch (error) {
      return matchCode(error, errorClass, code);
    }
    return {
      pass: false,
      message: () => `expected ${errorClass.name} ${code}, nothing was thrown`,
    };
  },
  toBeErrorWithCode(received: unknown, errorClass: ErrorClass, code: string): CodeMatchResult {
    return matchCode(received, errorClass, code);
  },
};

/** Registers {@link craKitMatchers} with vitest's `expect`. */
export function installMatchers(): void {
  expect.extend(craKitMatchers);
}

declare module 'vitest' {
  // Type parameters must match vitest's own declaration exactly.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  interface Matchers<T = any> {
    /** Calls the function and expects it to throw `errorClass` with `code`. */
    toThrowWithCode(errorClass: ErrorClass, code: string): T;
    /**
     * Expects the value to be a cra-kit error of `errorClass` with `code`; with `.rejects`,
     * for async functions: `await expect(p).rejects.toBeErrorWithCode(CoreError, 'CORE_…')`.
     */
    toBeErrorWithCode(errorClass: ErrorClass, code: string): T;
  }
}
