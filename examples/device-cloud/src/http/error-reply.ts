import { SdkError } from '@cra-kit/core';
import { CloudError, STATUS_OF, type CloudErrorCode } from '../errors.js';

/** What a client sees of an error: `{"error":{"code","message"}}` with an HTTP status. */
export interface ErrorReply {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

// identity's codes that a client's input can cause, and the status they mean.
const IDENTITY_STATUS: Readonly<Record<string, number>> = {
  IDENTITY_CSR_MALFORMED: 400,
  IDENTITY_CSR_SIGNATURE_INVALID: 400,
  IDENTITY_KEY_UNSUPPORTED: 400,
  IDENTITY_POLICY_VIOLATION: 400,
  IDENTITY_PROFILE_LINT_FAILED: 400,
  IDENTITY_INPUT_INVALID: 400,
  IDENTITY_CERT_MALFORMED: 400,
  IDENTITY_ENROLLMENT_DENIED: 401,
  IDENTITY_CERT_UNTRUSTED: 401,
  IDENTITY_CERT_EXPIRED: 401,
  IDENTITY_CERT_REVOKED: 403,
  IDENTITY_CERT_NOT_DEVICE: 403,
  IDENTITY_RATE_LIMITED: 429,
};

// Fastify's own 4xx errors, renamed to our codes so clients see one vocabulary.
const FRAMEWORK_CODE: Readonly<Record<number, CloudErrorCode>> = {
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/**
 * Maps any thrown value to the reply a client gets. Anything we cannot attribute to the client's
 * input is a 500 `INTERNAL` with a fixed message (the details go to the log only).
 */
export function errorReplyOf(error: unknown): ErrorReply {
  if (error instanceof CloudError) return { status: STATUS_OF[error.code], code: error.code, message: error.message };
  if (SdkError.isInstance(error)) {
    if (error.code === 'CORE_VALIDATION_FAILED' || error.code === 'CORE_INPUT_MALFORMED') return { status: 400, code: 'INVALID_REQUEST', message: error.message };
    if (error.code === 'CORE_INPUT_TOO_LARGE') return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: error.message };
    const status = IDENTITY_STATUS[error.code];
    if (status !== undefined) return { status, code: error.code, message: error.message };
  }
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const own = (error as { code?: unknown }).code;
    const code = typeof own === 'string' && !own.startsWith('FST_') ? own : (FRAMEWORK_CODE[status] ?? 'INVALID_REQUEST');
    return { status, code, message: (error as Error).message || 'bad request' };
  }
  return { status: 500, code: 'INTERNAL', message: 'internal error' };
} // prettier-ignore
