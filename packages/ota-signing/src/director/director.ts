import { parseWith, SdkError, TextSchema, type Clock, type Signer } from '@cra-kit/core';
import { z } from 'zod';
import { OtaSigningError } from '../errors.js';
import type { RoleTrust } from '../keys/verify-threshold.js';
import { signMetadata } from '../metadata/sign.js';
import { tufTime } from '../metadata/parse.js';
import type { Envelope, TargetFile, Targets } from '../metadata/schema.js';
import { assertNotExpired, assertNotOlder, verifiedMetadata } from '../client/trusted-metadata.js';
import { firmwareOf } from '../client/firmware-policy.js';

/** What the director says about the one image a device should install (in `custom.director`). */
export const DirectorCustomSchema = z.strictObject({
  deviceId: TextSchema,
  hardwareId: TextSchema,
  securityCounter: z.int().min(0),
});
export type DirectorCustom = z.infer<typeof DirectorCustomSchema>;

/** Options of {@link signDirectorTargets}. */
export interface DirectorTargetsOptions {
  readonly deviceId: string;
  readonly hardwareId: string;
  /** The image as the offline-signed image repository lists it. */
  readonly name: string;
  readonly target: TargetFile;
  /** Increases with every assignment to this device (rollback protection). */
  readonly version: number;
  readonly expires: Date;
  /** The director's online keys (a KMS through the core Signer). */
  readonly signers: readonly Signer[];
}

/**
 * Signs per-device targets metadata online (the Uptane director): this device, this exact
 * image (length, hashes), its hardware id and security counter. A device installs only when
 * the director and the offline-signed image repository agree, so a compromised director
 * database alone cannot push an image the repository did not release.
 */
export async function signDirectorTargets(options: DirectorTargetsOptions): Promise<Envelope<Targets>> {
  const firmware = firmwareOf(options.target);
  const custom: DirectorCustom = { deviceId: options.deviceId, hardwareId: options.hardwareId, securityCounter: firmware.securityCounter };
  const signed: Targets = {
    _type: 'targets', spec_version: '1.0.31', version: options.version, expires: tufTime(options.expires),
    targets: { [options.name]: { length: options.target.length, hashes: options.target.hashes, custom: { director: custom } } },
  };
  return signMetadata(signed, options.signers);
} // prettier-ignore

/** Director metadata a device has checked: signatures, expiry, version, device id. */
export interface VerifiedDirector {
  readonly version: number;
  readonly targets: Targets['targets'];
}

/**
 * Verifies director metadata on the device.
 * @throws {OtaSigningError} OTA_SIGNATURE_THRESHOLD, OTA_METADATA_EXPIRED, OTA_ROLLBACK, OTA_DIRECTOR_DEVICE_MISMATCH, OTA_METADATA_INVALID
 */
export async function verifyDirectorTargets(bytes: Uint8Array, options: { trust: RoleTrust; deviceId: string; clock: Clock; trustedVersion?: number }): Promise<VerifiedDirector> {
  const { signed } = await verifiedMetadata(bytes, 'targets', options.trust);
  assertNotExpired('director', signed.expires, options.clock.now());
  if (options.trustedVersion !== undefined) assertNotOlder('director', signed.version, options.trustedVersion);
  for (const target of Object.values(signed.targets)) {
    if (directorCustomOf(target).deviceId !== options.deviceId) throw new OtaSigningError('OTA_DIRECTOR_DEVICE_MISMATCH', 'director metadata is for another device');
  }
  return { version: signed.version, targets: signed.targets };
} // prettier-ignore

function directorCustomOf(target: TargetFile): DirectorCustom {
  try {
    return parseWith(DirectorCustomSchema, target.custom?.['director'], 'custom.director');
  } catch (cause) {
    if (!SdkError.isInstance(cause)) throw cause;
    throw new OtaSigningError(
      'OTA_METADATA_INVALID',
      'director target has no valid custom.director',
      { cause },
    );
  }
}

/**
 * Requires the director's assignment and the image repository's target to agree on the
 * image: same length and hashes, this device's hardware id (which the image fits), same
 * security counter.
 * @throws {OtaSigningError} OTA_DIRECTOR_MISMATCH
 */
export function assertDirectorMatch(director: VerifiedDirector, name: string, image: TargetFile, hardwareId: string): void {
  const assigned = Object.hasOwn(director.targets, name) ? director.targets[name] : undefined;
  const fail = (what: string) => new OtaSigningError('OTA_DIRECTOR_MISMATCH', `director and image repository disagree on ${name}: ${what}`, { details: { name, what } });
  if (assigned === undefined) throw fail('not assigned to this device');
  const custom = directorCustomOf(assigned);
  const firmware = firmwareOf(image);
  if (assigned.length !== image.length) throw fail('length');
  const shared = Object.keys(assigned.hashes).filter((a) => image.hashes[a] !== undefined);
  if (shared.length === 0 || shared.some((a) => assigned.hashes[a] !== image.hashes[a])) throw fail('hash');
  if (custom.hardwareId !== hardwareId || !firmware.hardwareIds.includes(custom.hardwareId)) throw fail('hardware id');
  if (custom.securityCounter !== firmware.securityCounter) throw fail('security counter');
} // prettier-ignore
