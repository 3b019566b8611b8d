import { SdkError } from '@cra-kit/core';

/** The error codes `@cra-kit/sbom` throws. Codes are public API: match on them, never on messages. */
export const SBOM_ERROR_CODES = {
  /** The SBOM is larger than `maxSbomBytes`; it was not read. */
  SBOM_TOO_LARGE: 'SBOM_TOO_LARGE',
  /** The bytes are not a JSON document (syntax error, binary data, invalid UTF-8, too deep). */
  SBOM_MALFORMED_JSON: 'SBOM_MALFORMED_JSON',
  /** The JSON is not a CycloneDX 1.6/1.7 BOM our model accepts; `details.issues` lists every path. */
  SBOM_INVALID: 'SBOM_INVALID',
  /** The BOM fails the CycloneDX JSON strict schema; `details.errors` lists each violation. */
  SBOM_SCHEMA_INVALID: 'SBOM_SCHEMA_INVALID',
  /** Two components or services share one `bom-ref`. */
  SBOM_DUPLICATE_BOM_REF: 'SBOM_DUPLICATE_BOM_REF',
  /** A dependency names a `bom-ref` that no component declares. */
  SBOM_DANGLING_REF: 'SBOM_DANGLING_REF',
  /** An ingest input (dpkg status, lockfile, manifest…) cannot be read as its kind. */
  SBOM_INPUT_INVALID: 'SBOM_INPUT_INVALID',
  /** An ingest input kind that this version does not know. */
  SBOM_INPUT_KIND_UNKNOWN: 'SBOM_INPUT_KIND_UNKNOWN',
  /** A conformance profile id that does not exist. */
  SBOM_PROFILE_UNKNOWN: 'SBOM_PROFILE_UNKNOWN',
  /** A version string the chosen scheme cannot order. */
  SBOM_VERSION_INVALID: 'SBOM_VERSION_INVALID',
  /** A `vers:` range or OSV range that is malformed. */
  SBOM_RANGE_INVALID: 'SBOM_RANGE_INVALID',
  /** Advisory data (OSV, CVE JSON 5, KEV) that cannot be read. */
  SBOM_ADVISORY_INVALID: 'SBOM_ADVISORY_INVALID',
  /** A VEX document that cannot be read. */
  SBOM_VEX_INVALID: 'SBOM_VEX_INVALID',
} as const;

export type SbomErrorCode = (typeof SBOM_ERROR_CODES)[keyof typeof SBOM_ERROR_CODES];

/** Every error `@cra-kit/sbom` throws; branch on `code`. */
export class SbomError extends SdkError<SbomErrorCode> {}
