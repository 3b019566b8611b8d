import { z } from 'zod';
import {
  IdentifierSchema,
  IsoDateSchema,
  SemverSchema,
  Sha256HexSchema,
  TextSchema,
} from './primitives.js';

export const DEVICE_STATES = [
  'manufactured',
  'provisioned',
  'active',
  'revoked',
  'decommissioned',
] as const;

/** One unit in the field, as the device cloud and fleet tools see it. */
export const DeviceSchema = z
  .strictObject({
    schemaVersion: z.literal(1).describe('Version of this document format'),
    serial: IdentifierSchema.describe('Unique identification of the unit (Art. 13(15))'),
    model: TextSchema.describe('Product model, as in the product profile'),
    hardwareRevision: TextSchema.describe('Hardware revision of the unit'),
    firmwareVersion: SemverSchema.optional().describe('Installed firmware version'),
    securityCounter: z.int().min(0).optional().describe('Highest installed security counter'),
    placedOnMarketAt: IsoDateSchema.optional().describe(
      'When this unit was placed on the market (for per-unit support periods)',
    ),
    ownerContactId: IdentifierSchema.optional().describe(
      'Opaque id of the owner contact to notify; never the contact details themselves',
    ),
    certificateFingerprint: Sha256HexSchema.optional().describe(
      'SHA-256 fingerprint of the operational certificate (DER)',
    ),
    state: z.enum(DEVICE_STATES).describe('Lifecycle state'),
  })
  .meta({ id: 'Device', title: 'Device' });
export type Device = z.infer<typeof DeviceSchema>;
