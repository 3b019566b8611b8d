import { SdkError } from '@cra-kit/core';

/**
 * Error codes of `@cra-kit/ota-signing`. Codes are public API: each attack a device refuses has
 * its own code, so fleet telemetry can tell a rollback from a bit flip.
 */
export const OTA_ERROR_CODES = {
  /** Metadata is not JSON, not TUF 1.0, or of the wrong role type. */
  OTA_METADATA_INVALID: 'OTA_METADATA_INVALID',
  /** Fewer valid signatures from the role's keys than its threshold (key compromise below threshold, malicious mirror). */
  OTA_SIGNATURE_THRESHOLD: 'OTA_SIGNATURE_THRESHOLD',
  /** A role's metadata has expired (indefinite freeze). */
  OTA_METADATA_EXPIRED: 'OTA_METADATA_EXPIRED',
  /** A role's version is lower than the trusted one (rollback). */
  OTA_ROLLBACK: 'OTA_ROLLBACK',
  /** A role's version differs from the one snapshot or timestamp names (mix-and-match). */
  OTA_VERSION_MISMATCH: 'OTA_VERSION_MISMATCH',
  /** Metadata bytes do not match the hash or length their parent role lists. */
  OTA_METADATA_HASH_MISMATCH: 'OTA_METADATA_HASH_MISMATCH',
  /** A download is longer than its cap (endless data). */
  OTA_LENGTH_EXCEEDED: 'OTA_LENGTH_EXCEEDED',
  /** More root versions than the rotation cap in one refresh. */
  OTA_ROOT_ROTATION_LIMIT: 'OTA_ROOT_ROTATION_LIMIT',
  /** No trusted role lists the target (extraneous dependencies, unknown name). */
  OTA_TARGET_NOT_FOUND: 'OTA_TARGET_NOT_FOUND',
  /** The image is shorter or longer than its trusted length (truncation). */
  OTA_TARGET_LENGTH_MISMATCH: 'OTA_TARGET_LENGTH_MISMATCH',
  /** The image's hash differs from its trusted hash (arbitrary installation, bit flip, swap). */
  OTA_TARGET_HASH_MISMATCH: 'OTA_TARGET_HASH_MISMATCH',
  /** The target's firmware metadata is missing or invalid. */
  OTA_FIRMWARE_METADATA_INVALID: 'OTA_FIRMWARE_METADATA_INVALID',
  /** The image is not built for this device's hardware id (wrong software). */
  OTA_HARDWARE_MISMATCH: 'OTA_HARDWARE_MISMATCH',
  /** The image's security counter is below the device's high-water mark. */
  OTA_COUNTER_DOWNGRADE: 'OTA_COUNTER_DOWNGRADE',
  /** The installed version is older than the image's minimum installed version. */
  OTA_UPDATE_PATH: 'OTA_UPDATE_PATH',
  /** Director and image repository disagree on the image (hash, length, hardware, counter). */
  OTA_DIRECTOR_MISMATCH: 'OTA_DIRECTOR_MISMATCH',
  /** Director metadata is for another device. */
  OTA_DIRECTOR_DEVICE_MISMATCH: 'OTA_DIRECTOR_DEVICE_MISMATCH',
  /** Too many delegations visited while looking up a target. */
  OTA_DELEGATION_LIMIT: 'OTA_DELEGATION_LIMIT',
  /** A download failed (not found, network, I/O). */
  OTA_FETCH_FAILED: 'OTA_FETCH_FAILED',
  /** A TUF public key cannot be read, or a signer's algorithm has no TUF key type. */
  OTA_KEY_INVALID: 'OTA_KEY_INVALID',
  /** The repository directory is missing files or holds inconsistent state. */
  OTA_REPOSITORY_INVALID: 'OTA_REPOSITORY_INVALID',
  /** Signing a role with fewer keys than its threshold, or with a key the role does not list. */
  OTA_THRESHOLD_NOT_MET: 'OTA_THRESHOLD_NOT_MET',
  /** A target of that name exists already with other content. */
  OTA_TARGET_EXISTS: 'OTA_TARGET_EXISTS',
  /** The hash provider asked for is not available in this runtime (e.g. `node:crypto`). */
  OTA_HASH_UNAVAILABLE: 'OTA_HASH_UNAVAILABLE',
} as const;

export type OtaErrorCode = (typeof OTA_ERROR_CODES)[keyof typeof OTA_ERROR_CODES];

/** An error of `@cra-kit/ota-signing`, with one of {@link OTA_ERROR_CODES}. */
export class OtaSigningError extends SdkError<OtaErrorCode> {}
