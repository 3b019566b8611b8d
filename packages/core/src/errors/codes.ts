/**
 * The error codes `@cra-kit/core` throws. Codes are public API (see {@link SdkError}).
 */
export const CORE_ERROR_CODES = {
  /** Input did not match a schema; `issues` lists every problem with its path. */
  CORE_VALIDATION_FAILED: 'CORE_VALIDATION_FAILED',
  /** A requirement id that is not in the CRA requirement catalogue. */
  CORE_UNKNOWN_REQUIREMENT: 'CORE_UNKNOWN_REQUIREMENT',
  /** A document was larger than the configured limit and was not read. */
  CORE_INPUT_TOO_LARGE: 'CORE_INPUT_TOO_LARGE',
  /** A document could not be decoded (binary data, invalid UTF-8, malformed syntax). */
  CORE_INPUT_MALFORMED: 'CORE_INPUT_MALFORMED',
  /** A compare-and-set write found another version than the caller expected; nothing was written. */
  CORE_STORAGE_CONFLICT: 'CORE_STORAGE_CONFLICT',
  /** A signature did not verify, or was malformed. */
  CORE_SIGNATURE_INVALID: 'CORE_SIGNATURE_INVALID',
  /** Key bytes are not a key of the expected algorithm. */
  CORE_KEY_INVALID: 'CORE_KEY_INVALID',
  /**
   * `@cra-kit/core/node`: a file could not be written atomically (the old content, if any, is
   * still in place and no temporary file is left), or a directory could not be flushed.
   */
  CORE_FILE_WRITE_FAILED: 'CORE_FILE_WRITE_FAILED',
} as const;

export type CoreErrorCode = (typeof CORE_ERROR_CODES)[keyof typeof CORE_ERROR_CODES];
