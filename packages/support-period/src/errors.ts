import { SdkError } from '@cra-kit/core';

/** The error codes `@cra-kit/support-period` throws. Codes are public API; messages are not. */
export const SUPPORT_ERROR_CODES = {
  /** The support period breaks Art. 13(8); `details` give the minimum in months and why. */
  SUPPORT_PERIOD_TOO_SHORT: 'SUPPORT_PERIOD_TOO_SHORT',
  /** A date is not a real calendar date (YYYY-MM-DD or RFC 3339) or lies outside the allowed range. */
  SUPPORT_DATE_INVALID: 'SUPPORT_DATE_INVALID',
  /** Deletion refused: the artefact is inside its Art. 13(9) / 13(13) retention window. */
  SUPPORT_RETENTION_ACTIVE: 'SUPPORT_RETENTION_ACTIVE',
  /** No label texts for the requested language; pass them in `texts`. */
  SUPPORT_LANGUAGE_UNSUPPORTED: 'SUPPORT_LANGUAGE_UNSUPPORTED',
  /** A fleet line could not be read as a device (bad CSV/JSON, missing or invalid fields). */
  SUPPORT_FLEET_LINE_MALFORMED: 'SUPPORT_FLEET_LINE_MALFORMED',
  /** A fleet line is longer than `maxLineBytes`. */
  SUPPORT_FLEET_LINE_TOO_LONG: 'SUPPORT_FLEET_LINE_TOO_LONG',
  /** A device names a model there is no support plan for. */
  SUPPORT_FLEET_UNKNOWN_MODEL: 'SUPPORT_FLEET_UNKNOWN_MODEL',
  /** A device date lies in the future or before 1970. */
  SUPPORT_FLEET_DATE_OUT_OF_RANGE: 'SUPPORT_FLEET_DATE_OUT_OF_RANGE',
  /** The CSV header is missing a required column or names an unknown one. */
  SUPPORT_FLEET_HEADER_INVALID: 'SUPPORT_FLEET_HEADER_INVALID',
  /** A notification was not delivered after every retry. */
  SUPPORT_NOTIFY_FAILED: 'SUPPORT_NOTIFY_FAILED',
  /** The receiver refused a notification for good (a 4xx answer other than 408/429). */
  SUPPORT_NOTIFY_REJECTED: 'SUPPORT_NOTIFY_REJECTED',
  /** An optional peer dependency (such as nodemailer) is not installed. */
  SUPPORT_DEPENDENCY_MISSING: 'SUPPORT_DEPENDENCY_MISSING',
} as const;

export type SupportErrorCode = (typeof SUPPORT_ERROR_CODES)[keyof typeof SUPPORT_ERROR_CODES];

/** An error thrown by `@cra-kit/support-period`, with one of {@link SUPPORT_ERROR_CODES}. */
export class SupportPeriodError extends SdkError<SupportErrorCode> {}
