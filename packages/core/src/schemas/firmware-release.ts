import { z } from 'zod';
import {
  IdentifierSchema,
  SemverSchema,
  Sha256HexSchema,
  Sha512HexSchema,
  TextSchema,
  TimestampSchema,
} from './primitives.js';

export const RELEASE_TYPES = ['security', 'feature'] as const;

/** A released firmware image and what it means for devices. */
export const FirmwareReleaseSchema = z
  .strictObject({
    schemaVersion: z.literal(1).describe('Version of this document format'),
    model: TextSchema.describe('Product model it is built for'),
    version: SemverSchema.describe('Firmware version'),
    releasedAt: TimestampSchema.describe(
      'When the release was issued (starts Art. 13(9) retention)',
    ),
    type: z
      .enum(RELEASE_TYPES)
      .describe('security or feature: security fixes can ship on their own (Annex I, Part II (2))'),
    securityCounter: z
      .int()
      .min(0)
      .describe('Monotonic anti-rollback counter; a device never installs a lower one'),
    hardwareIds: z.array(TextSchema).min(1).describe('Hardware revisions the image fits'),
    minimumInstalledVersion: SemverSchema.optional().describe(
      'Oldest installed version that may update to this one directly',
    ),
    image: z
      .strictObject({
        name: TextSchema.describe('File name of the image'),
        length: z.int().min(1).describe('Size in bytes'),
        sha256: Sha256HexSchema,
        sha512: Sha512HexSchema.optional(),
      })
      .describe('The image file'),
    sbom: z
      .strictObject({ location: TextSchema, sha256: Sha256HexSchema })
      .optional()
      .describe('The SBOM of this release (Annex I, Part II (1))'),
    advisories: z
      .array(IdentifierSchema)
      .default([])
      .describe('Ids of the advisories this release fixes'),
  })
  .meta({ id: 'FirmwareRelease', title: 'Firmware release' });
export type FirmwareRelease = z.infer<typeof FirmwareReleaseSchema>;
