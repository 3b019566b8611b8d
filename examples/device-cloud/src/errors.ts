import { SdkError } from '@cra-kit/core';

/** Error codes of the reference cloud (the `code` of every JSON error body it sends). */
export const CLOUD_ERROR_CODES = {
  CLOUD_CONFIG_INVALID: 'CLOUD_CONFIG_INVALID',
  CLOUD_STARTUP_FAILED: 'CLOUD_STARTUP_FAILED',
  CLOUD_MIGRATION_FAILED: 'CLOUD_MIGRATION_FAILED',
  /** A request body, query or parameter did not match its schema. */
  INVALID_REQUEST: 'INVALID_REQUEST',
  /** No (or an unknown) operator API token. */
  AUTH_REQUIRED: 'AUTH_REQUIRED',
  /** Authenticated, but none of the roles the route needs. */
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  /** The request conflicts with the current state (e.g. a name taken, a device revoked). */
  CONFLICT: 'CONFLICT',
  /** The device's certificate is revoked or the device is unknown or not active. */
  DEVICE_NOT_AUTHORIZED: 'DEVICE_NOT_AUTHORIZED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  RATE_LIMITED: 'RATE_LIMITED',
  /** A listener accepted a connection before its routes were ready (503, retry). */
  STARTING: 'STARTING',
  INTERNAL: 'INTERNAL',
} as const;

export type CloudErrorCode = (typeof CLOUD_ERROR_CODES)[keyof typeof CLOUD_ERROR_CODES];

/** HTTP status of each code that reaches a client. */
export const STATUS_OF: Readonly<Record<CloudErrorCode, number>> = {
  CLOUD_CONFIG_INVALID: 500,
  CLOUD_STARTUP_FAILED: 500,
  CLOUD_MIGRATION_FAILED: 500,
  INVALID_REQUEST: 400,
  AUTH_REQUIRED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DEVICE_NOT_AUTHORIZED: 403,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  METHOD_NOT_ALLOWED: 405,
  RATE_LIMITED: 429,
  STARTING: 503,
  INTERNAL: 500,
};

/** An error of the reference cloud, with one of {@link CLOUD_ERROR_CODES}. */
export class CloudError extends SdkError<CloudErrorCode> {}
