const MARKER = Symbol.for('@cra-kit/sdk.error');

/** Options every {@link SdkError} accepts besides its code and message. */
export interface SdkErrorOptions {
  /** The error that caused this one; always pass it on so nothing is lost. */
  readonly cause?: unknown;
  /** Structured, non-secret facts about the failure, for logs and `--json` output. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * The base of every error cra-kit throws.
 *
 * Callers branch on {@link SdkError.code}, which is public API: adding a code is a minor
 * change, renaming or removing one is a major change. Messages are for people and may change.
 * Use {@link SdkError.isInstance} rather than `instanceof`: it still works when two copies of
 * `@cra-kit/core` are installed side by side.
 *
 * @example
 * ```ts
 * try { parseProductProfile(input) } catch (e) {
 *   if (SdkError.isInstance(e) && e.code === 'CORE_VALIDATION_FAILED') { ... }
 * }
 * ```
 */
export class SdkError<C extends string = string> extends Error {
  /** Stable, SCREAMING_SNAKE error code with a package prefix. */
  readonly code: C;
  readonly details?: Readonly<Record<string, unknown>>;

  constructor(code: C, message: string, options: SdkErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    if (options.details !== undefined) this.details = options.details;
    // A symbol marker, not instanceof, so errors from a second installed copy are recognised.
    Object.defineProperty(this, MARKER, { value: true });
  }

  /** True for any cra-kit error, from this copy of the package or another. */
  static isInstance(error: unknown): error is SdkError {
    return typeof error === 'object' && error !== null && MARKER in error;
  }

  /** A plain, JSON-safe view for logs and `--json` output (no stack, no cause chain). */
  toJSON(): {
    name: string;
    code: C;
    message: string;
    details?: Readonly<Record<string, unknown>>;
  } {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}
