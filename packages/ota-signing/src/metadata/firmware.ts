import {
  IdentifierSchema,
  SemverSchema,
  Sha256HexSchema,
  TextSchema,
  RELEASE_TYPES,
} from '@cra-kit/core';
import { z } from 'zod';

const HashedReferenceSchema = z.strictObject({
  uri: TextSchema.describe('Where the document is published (URL or repository path)'),
  sha256: Sha256HexSchema.describe('SHA-256 of the document, so the device can pin it'),
});

/**
 * The firmware semantics a target carries in its TUF `custom` field, under the key
 * `firmware`. The device checks them after the TUF checks pass: hardware id, anti-rollback
 * counter, update path.
 */
export const FirmwareCustomSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    hardwareIds: z.array(TextSchema).min(1).describe('Hardware ids (models/revisions) the image fits'),
    version: SemverSchema.describe('Firmware version'),
    securityCounter: z
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .describe('Monotonic anti-rollback counter: a device never installs a lower one; a revert to an image with the same counter is allowed'),
    releaseType: z
      .enum(RELEASE_TYPES)
      .describe('security or feature: security fixes can ship on their own (Annex I, Part II (2))'),
    minimumInstalledVersion: SemverSchema.optional().describe('Oldest installed version that may update to this one directly'),
    sbom: HashedReferenceSchema.optional().describe('SBOM of the image (Annex I, Part II (1))'),
    advisories: z
      .array(HashedReferenceSchema.extend({ id: IdentifierSchema }))
      .default([])
      .describe('Advisories this release fixes'),
  })
  .meta({ id: 'OtaFirmwareCustom', title: 'Firmware metadata of a TUF target' }); // prettier-ignore
export type FirmwareCustom = z.infer<typeof FirmwareCustomSchema>;
export type FirmwareCustomInput = z.input<typeof FirmwareCustomSchema>;
