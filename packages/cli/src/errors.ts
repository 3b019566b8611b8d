import { SdkError } from '@cra-kit/core';

/** Error codes of the `cra` command line. Codes are public API. */
export const CLI_ERROR_CODES = {
  /** A file named on the command line does not exist or cannot be read. */
  CLI_FILE_UNREADABLE: 'CLI_FILE_UNREADABLE',
  /** A file or directory the command writes cannot be created. */
  CLI_FILE_UNWRITABLE: 'CLI_FILE_UNWRITABLE',
  /** A file the command would create exists already (pass --force to replace it). */
  CLI_FILE_EXISTS: 'CLI_FILE_EXISTS',
  /** A YAML document has a syntax error, duplicate keys, or too many aliases. */
  CLI_YAML_INVALID: 'CLI_YAML_INVALID',
  /** Options or arguments are wrong. */
  CLI_USAGE: 'CLI_USAGE',
} as const;

export type CliErrorCode = (typeof CLI_ERROR_CODES)[keyof typeof CLI_ERROR_CODES];

/** An error raised by the `cra` command line itself. */
export class CliError extends SdkError<CliErrorCode> {}

/** Process exit codes of `cra`. */
export const EXIT = Object.freeze({
  ok: 0,
  /** The input is invalid or a check failed. */
  failed: 1,
  /** The command line itself was wrong. */
  usage: 2,
});
