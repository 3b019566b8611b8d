import { SdkError } from '@cra-kit/core';
import type { FastifyInstance } from 'fastify';
import { errorReplyOf, type ErrorReply } from '../http/error-reply.js';

/** Codes of the feature modules beyond the shell's `CLOUD_ERROR_CODES`, with their status. */
export const FEATURE_ERROR_STATUS = {
  /** The director has no assignment for the calling device. */
  NO_UPDATE: 404,
  /** The image repository's verified metadata does not list the named target. */
  TARGET_NOT_SIGNED: 422,
  /** The target already has a release. */
  RELEASE_EXISTS: 409,
  /** The rollout is not in a state that allows the operation. */
  ROLLOUT_STATE: 409,
  /** An advisory with this tracking id is published already. */
  ADVISORY_EXISTS: 409,
  /** The vulnerability case is not in a state that allows the operation. */
  CASE_STATE: 409,
  /** The release has no SBOM yet. */
  NO_SBOM: 404,
} as const;
export type FeatureErrorCode = keyof typeof FEATURE_ERROR_STATUS;

/** An error of a feature module that a client sees with its stable `code`. */
export class FeatureError extends SdkError<FeatureErrorCode> {}

/** Package codes a client's input can cause (everything else stays a 500). */
const PACKAGE_STATUS: Readonly<Record<string, number>> = {
  VULN_INPUT_INVALID: 400,
  VULN_CASE_NOT_FOUND: 404,
  VULN_TRANSITION_ILLEGAL: 409,
  VULN_CASE_CONFLICT: 409,
  VULN_CVSS_INVALID: 400,
  VULN_STAGE_NOT_APPLICABLE: 409,
  SBOM_TOO_LARGE: 413,
  SBOM_MALFORMED_JSON: 400,
  SBOM_INVALID: 400,
  SBOM_SCHEMA_INVALID: 400,
  SBOM_DUPLICATE_BOM_REF: 400,
  SBOM_DANGLING_REF: 400,
  SBOM_INPUT_INVALID: 400,
};

/** The reply for an error of a feature route: its own codes, package codes, then the shell's. */
export function featureErrorReply(error: unknown): ErrorReply {
  if (SdkError.isInstance(error)) {
    const status =
      (FEATURE_ERROR_STATUS as Readonly<Record<string, number>>)[error.code] ??
      PACKAGE_STATUS[error.code];
    if (status !== undefined) return { status, code: error.code, message: error.message };
  }
  return errorReplyOf(error);
}

/** Sets the error handler of a feature module's (encapsulated) route scope. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const { status, code, message } = featureErrorReply(error);
    if (status >= 500) request.log.error({ err: error }, 'feature route failed');
    return reply.code(status).send({ error: { code, message } });
  });
}
