import { parseWith, SdkError } from '@cra-kit/core';
import { OtaSigningError } from '../errors.js';
import { FirmwareCustomSchema, type FirmwareCustom } from '../metadata/firmware.js';
import type { TargetFile } from '../metadata/schema.js';

/** What the device knows about itself for the firmware checks. */
export interface DeviceState {
  /** This device's hardware id (model/revision). */
  readonly hardwareId: string;
  /** Security counter high-water mark: the highest counter ever installed. */
  readonly installedCounter: number;
  /** Installed firmware version, for `minimumInstalledVersion`. */
  readonly installedVersion?: string;
}

/** The firmware metadata of a target. @throws {OtaSigningError} OTA_FIRMWARE_METADATA_INVALID */
export function firmwareOf(target: TargetFile): FirmwareCustom {
  try {
    return parseWith(FirmwareCustomSchema, target.custom?.['firmware'], 'custom.firmware');
  } catch (cause) {
    if (!SdkError.isInstance(cause)) throw cause;
    throw new OtaSigningError(
      'OTA_FIRMWARE_METADATA_INVALID',
      'target has no valid firmware metadata',
      { cause },
    );
  }
}

/**
 * Firmware policy after the TUF checks: the image fits this hardware, its counter is not below
 * the high-water mark (a revert to a build with the same counter is allowed), and the installed
 * version may update to it directly.
 * @throws {OtaSigningError} OTA_HARDWARE_MISMATCH, OTA_COUNTER_DOWNGRADE, OTA_UPDATE_PATH, OTA_FIRMWARE_METADATA_INVALID
 */
export function assertFirmwarePolicy(target: TargetFile, device: DeviceState): FirmwareCustom {
  const firmware = firmwareOf(target);
  if (!firmware.hardwareIds.includes(device.hardwareId)) throw new OtaSigningError('OTA_HARDWARE_MISMATCH', `image is not built for ${device.hardwareId}`, { details: { hardwareId: device.hardwareId, fits: firmware.hardwareIds } });
  if (firmware.securityCounter < device.installedCounter) throw new OtaSigningError('OTA_COUNTER_DOWNGRADE', `security counter ${firmware.securityCounter} is below the installed ${device.installedCounter}`, { details: { counter: firmware.securityCounter, installed: device.installedCounter } });
  const minimum = firmware.minimumInstalledVersion;
  if (minimum !== undefined && device.installedVersion !== undefined && compareSemver(device.installedVersion, minimum) < 0) {
    throw new OtaSigningError('OTA_UPDATE_PATH', `installed ${device.installedVersion} must first update to ${minimum}`, { details: { installed: device.installedVersion, minimum } });
  }
  return firmware;
} // prettier-ignore

/** Semantic-version precedence (SemVer 2.0.0 §11), build metadata ignored. */
export function compareSemver(a: string, b: string): number {
  const split = (v: string) => {
    const [core = '', pre] = (v.split('+')[0] ?? '').split(/-(.*)/s);
    return { core: core.split('.').map(Number), pre: pre === undefined ? [] : pre.split('.') };
  };
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < 3; i++)
    if (x.core[i] !== y.core[i]) return (x.core[i] ?? 0) - (y.core[i] ?? 0);
  if (x.pre.length === 0 || y.pre.length === 0) return y.pre.length - x.pre.length;
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i];
    const q = y.pre[i];
    if (p === undefined || q === undefined) return p === undefined ? -1 : 1;
    if (p === q) continue;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn) return Number(p) - Number(q);
    if (pn !== qn) return pn ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return 0;
}
